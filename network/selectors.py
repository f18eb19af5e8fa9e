"""Reading the network, always for one person.

Names of members and sign-up numbers are read only through ``members_for`` and
``workshops_for``, which ask for a ``NetworkAccess`` from inside the network. Everyone
else gets member counts, and only through ``network.anonymity``.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Role
from calls.models import Call
from core.choices import ActivityStatus
from core.collation import German
from municipalities.models import Municipality
from network.anonymity import BAND
from network.models import (
    Announcement,
    CountSnapshot,
    CountSnapshotRow,
    Membership,
    NetworkCoordinator,
    SharedDocument,
    Workshop,
    WorkshopSignup,
)
from programme.cohort import cohort_municipalities, programme_call_for_municipality
from programme.tallies import YearTally, activity_tallies, scoped

# Who may join: staff of a model municipality, acting only for themselves.
JOIN_ROLES = (Role.COORDINATOR, Role.TEAM_MEMBER, Role.HR)
# Who sees how many members their own municipality has (never who they are).
COUNT_ROLES = (Role.COORDINATOR, Role.HR)
# Who decides about staff: never learns who is a member, not even by joining.
STAFF_MANAGING_ROLES = (Role.HR, Role.OFFICE)


def eligible(prefix: str = "") -> Q:
    """Memberships whose person may still belong: active, in a joining role and still
    approved for the municipality they joined for. ``prefix`` leads from the queried model
    to the membership (``"signups__membership__"`` from a workshop).

    A membership outlives a change of role or municipality only until
    ``membership_end_if_ineligible`` deletes it; until then (and for changes made
    elsewhere) it neither opens the network nor counts.
    """
    return Q(
        **{
            f"{prefix}user__is_active": True,
            f"{prefix}user__role__in": JOIN_ROLES,
            f"{prefix}user__municipality_approved_at__isnull": False,
            f"{prefix}user__municipality_id": F(f"{prefix}municipality_id"),
        }
    )


def eligible_memberships() -> QuerySet[Membership]:
    return Membership.objects.filter(eligible())


@dataclass(frozen=True)
class NetworkAccess:
    """How far a person reaches into the network."""

    membership: Membership | None
    is_coordinator: bool
    manages_staff: bool = False

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def inside(self) -> bool:
        """Sees names: the member list, the closed space, sign-up numbers."""
        return self.is_member or self.is_coordinator

    @property
    def sees_people(self) -> bool:
        """Sees other members (the member list) and sign-up numbers: inside, and not in
        a role that decides about staff. Such a person may join, for their own sake,
        but joining must not become a way to find out who else is a member."""
        return self.inside and not self.manages_staff


def network_access(*, user) -> NetworkAccess:
    if not user.is_authenticated:
        return NetworkAccess(membership=None, is_coordinator=False)
    membership = (
        eligible_memberships().select_related("municipality__land").filter(user=user).first()
    )
    is_coordinator = NetworkCoordinator.objects.filter(user=user).exists()
    return NetworkAccess(
        membership=membership,
        is_coordinator=is_coordinator,
        manages_staff=user.role in STAFF_MANAGING_ROLES,
    )


def join_call_for(*, user) -> Call | None:
    """The programme through which the person may join, or None if they may not."""
    if user.role not in JOIN_ROLES or user.approved_municipality_id is None:
        return None
    return programme_call_for_municipality(municipality_id=user.approved_municipality_id)


def members_for(*, access: NetworkAccess) -> QuerySet[Membership]:
    """The members for the member list: those who chose to show their name first, by
    name (read from the account, which stays current), then the others by Land only.
    The order of the others must not hint at their names, so it is not alphabetical."""
    if not access.sees_people:
        raise PermissionDenied
    return (
        eligible_memberships()
        .select_related("municipality__land", "user")
        .order_by(
            F("show_name").desc(),
            Case(When(show_name=True, then=F("user__full_name")), default=Value("")),
            "municipality__land__name",
            "pk",
        )
    )


# --- counts (outside the network) ---------------------------------------------------


def live_member_counts(*, call: Call) -> tuple[list[Municipality], dict[int, int]]:
    """Members per model municipality of ``call`` as they are now, 0 included.

    Only ``network.services.counts_publish`` reads these: outside the network counts are
    shown from the latest published snapshot alone.
    """
    municipalities = list(cohort_municipalities(call=call))
    raw = {m.pk: 0 for m in municipalities}
    grouped = (
        eligible_memberships()
        .filter(municipality_id__in=list(raw))
        .values("municipality_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in grouped:
        raw[row["municipality_id"]] = row["n"]
    return municipalities, raw


@dataclass(frozen=True)
class CountRow:
    municipality: Municipality
    count: int | None  # the lower end of the band of five; None: fewer than the threshold

    @property
    def upper(self) -> int | None:
        return None if self.count is None else self.count + BAND - 1


@dataclass(frozen=True)
class CohortCounts:
    period: dt.date | None  # None: nothing published yet
    rows: list[CountRow]
    total: int | None

    @property
    def total_upper(self) -> int | None:
        return None if self.total is None else self.total + BAND - 1


def latest_snapshot(*, call: Call) -> CountSnapshot | None:
    return CountSnapshot.objects.filter(call=call).order_by("-period", "-pk").first()


def cohort_member_counts(*, call: Call) -> CohortCounts:
    """The latest published counts of ``call``'s model municipalities (never live ones)."""
    snapshot = latest_snapshot(call=call)
    if snapshot is None:
        return CohortCounts(period=None, rows=[], total=None)
    rows = [
        CountRow(municipality=row.municipality, count=row.count)
        for row in snapshot.rows.select_related("municipality__land").order_by(
            German("municipality__name"), "municipality__pk"
        )
    ]
    return CohortCounts(period=snapshot.period, rows=rows, total=snapshot.total)


@dataclass(frozen=True)
class MunicipalityCount:
    period: dt.date
    count: int | None  # lower end of the band; None: fewer than the threshold

    @property
    def upper(self) -> int | None:
        return None if self.count is None else self.count + BAND - 1


def municipality_member_count(*, municipality_id: int) -> MunicipalityCount | None:
    """One municipality's count as last published for its cohort, or None if no count
    was published yet."""
    row = (
        CountSnapshotRow.objects.filter(municipality_id=municipality_id)
        .select_related("snapshot")
        .order_by("-snapshot__period", "-snapshot__call__programme_start", "-pk")
        .first()
    )
    if row is None:
        return None
    return MunicipalityCount(period=row.snapshot.period, count=row.count)


# --- workshops ----------------------------------------------------------------------


def signup_count() -> Count:
    """Sign-ups of members who still belong (see ``eligible``)."""
    return Count("signups", filter=eligible("signups__membership__"))


def workshops_for(*, access: NetworkAccess) -> QuerySet[Workshop]:
    """Upcoming workshops with their sign-up numbers: for a member those of their
    municipality and the national ones, for a network coordinator all."""
    if not access.inside:
        raise PermissionDenied
    workshops = Workshop.objects.filter(starts_at__gte=timezone.now())
    if not access.is_coordinator:
        workshops = workshops.filter(
            Q(municipality__isnull=True) | Q(municipality_id=access.membership.municipality_id)
        )
    return workshops.select_related("municipality").annotate(signup_count=signup_count())


def signed_up_ids(*, membership: Membership | None) -> set[int]:
    if membership is None:
        return set()
    return set(
        WorkshopSignup.objects.filter(membership=membership).values_list("workshop_id", flat=True)
    )


def workshop_for_signup(*, membership: Membership, workshop_pk: int) -> Workshop:
    """A workshop the member may sign up for (or cancel): national or of their municipality."""
    return get_object_or_404(
        Workshop.objects.filter(
            Q(municipality__isnull=True) | Q(municipality_id=membership.municipality_id)
        ),
        pk=workshop_pk,
    )


def local_workshops(*, municipality_id: int) -> QuerySet[Workshop]:
    """A municipality's own workshops, without sign-ups: its coordination must not learn
    how many members signed up."""
    return Workshop.objects.filter(municipality_id=municipality_id).order_by("-starts_at", "-pk")


def local_workshop_get(*, municipality_id: int, workshop_pk: int) -> Workshop:
    return get_object_or_404(local_workshops(municipality_id=municipality_id), pk=workshop_pk)


def national_workshops(*, with_counts: bool) -> QuerySet[Workshop]:
    workshops = Workshop.objects.filter(municipality__isnull=True).order_by("-starts_at", "-pk")
    if with_counts:
        workshops = workshops.annotate(signup_count=signup_count())
    return workshops


def national_workshop_get(*, workshop_pk: int) -> Workshop:
    return get_object_or_404(national_workshops(with_counts=False), pk=workshop_pk)


# --- the closed space ---------------------------------------------------------------


def announcements_for(*, access: NetworkAccess) -> QuerySet[Announcement]:
    if not access.inside:
        raise PermissionDenied
    return Announcement.objects.select_related("author")


def documents_for(*, access: NetworkAccess) -> QuerySet[SharedDocument]:
    if not access.inside:
        raise PermissionDenied
    return SharedDocument.objects.all()


def document_get(*, access: NetworkAccess, document_pk: int) -> SharedDocument:
    return get_object_or_404(documents_for(access=access), pk=document_pk)


def coordinators() -> QuerySet[NetworkCoordinator]:
    return NetworkCoordinator.objects.select_related("user").order_by("user__full_name", "pk")


# --- read by the progress of the cohort (``progress``) ---------------------------------


def workshop_tallies(
    *, call, years, now: dt.datetime, municipality_ids: list[int] | None
) -> list[YearTally]:
    """Held and still planned local workshops per municipality and programme year
    (national workshops count for no single municipality)."""
    workshops = scoped(
        Workshop.objects.filter(call=call, municipality__isnull=False), municipality_ids
    )
    return activity_tallies(workshops, years=years, now=now)


def local_workshops_in_period(
    *, call, municipality_id: int, start: dt.datetime, end: dt.datetime
) -> QuerySet[Workshop]:
    """The municipality's workshops beginning in [start, end), in order."""
    return Workshop.objects.filter(
        call=call, municipality_id=municipality_id, starts_at__gte=start, starts_at__lt=end
    ).order_by("starts_at", "pk")


def local_workshops_planned(
    *, call, municipality_id: int, now: dt.datetime, limit: int
) -> list[Workshop]:
    """The municipality's next ``limit`` planned workshops, soonest first."""
    return list(
        Workshop.objects.filter(
            call=call,
            municipality_id=municipality_id,
            status=ActivityStatus.PLANNED,
            starts_at__gte=now,
        ).order_by("starts_at")[:limit]
    )


def local_workshops_of_year(*, call: Call, municipality_id: int, year: int) -> list[Workshop]:
    """The municipality's own workshops of a calendar year that were not cancelled, in
    order, without sign-ups: what an expense of that year can be booked on."""
    return list(
        Workshop.objects.filter(call=call, municipality_id=municipality_id, starts_at__year=year)
        .exclude(status=ActivityStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )
