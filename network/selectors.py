"""Reading the network, always for one person.

Names of members and sign-up numbers are read only through ``members_for`` and
``workshops_for``, which ask for a ``NetworkAccess`` from inside the network. Everyone
else gets member counts, and only through ``network.anonymity``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Role
from calls.models import Call
from municipalities.models import Municipality
from network.anonymity import SuppressedCounts, suppress
from network.models import (
    Announcement,
    Membership,
    NetworkCoordinator,
    SharedDocument,
    Workshop,
    WorkshopSignup,
)
from programme.cohort import cohort_municipalities, programme_call_for_municipality
from selection.models import Outcome, OutcomeKind

# Who may join: staff of a model municipality, acting only for themselves.
JOIN_ROLES = (Role.COORDINATOR, Role.TEAM_MEMBER, Role.HR)
# Who sees how many members their own municipality has (never who they are).
COUNT_ROLES = (Role.COORDINATOR, Role.HR)


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

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def inside(self) -> bool:
        """Sees names: the member list, the closed space, sign-up numbers."""
        return self.is_member or self.is_coordinator


def network_access(*, user) -> NetworkAccess:
    if not user.is_authenticated:
        return NetworkAccess(membership=None, is_coordinator=False)
    membership = eligible_memberships().select_related("municipality").filter(user=user).first()
    is_coordinator = NetworkCoordinator.objects.filter(user=user).exists()
    return NetworkAccess(membership=membership, is_coordinator=is_coordinator)


def join_call_for(*, user) -> Call | None:
    """The programme through which the person may join, or None if they may not."""
    if user.role not in JOIN_ROLES or user.approved_municipality_id is None:
        return None
    return programme_call_for_municipality(municipality_id=user.approved_municipality_id)


def members_for(*, access: NetworkAccess) -> QuerySet[Membership]:
    """The members, with name and e-mail address read from their account: the copy taken
    at joining would go stale when they change either."""
    if not access.inside:
        raise PermissionDenied
    return (
        eligible_memberships()
        .select_related("municipality", "user")
        .order_by("user__full_name", "pk")
    )


# --- counts (outside the network) ---------------------------------------------------


def municipality_member_count(*, municipality_id: int) -> SuppressedCounts:
    """The number of members of one municipality, suppressed below the threshold."""
    count = eligible_memberships().filter(municipality_id=municipality_id).count()
    return suppress({municipality_id: count})


@dataclass(frozen=True)
class CountRow:
    municipality: Municipality
    count: int | None  # None: fewer than the threshold


@dataclass(frozen=True)
class CohortCounts:
    rows: list[CountRow]
    total: int | None


def shares_municipalities(*, call: Call, municipality_ids: list[int]) -> bool:
    """Whether one of ``municipality_ids`` is also a model municipality of another cohort."""
    return (
        Outcome.objects.filter(
            kind=OutcomeKind.SELECTED,
            decision__released_at__isnull=False,
            application__municipality_id__in=municipality_ids,
        )
        .exclude(decision__call_id=call.pk)
        .exists()
    )


def cohort_member_counts(*, call: Call) -> CohortCounts:
    """Members per model municipality of ``call``; every count and the total suppressed.

    No total where a municipality of this cohort is also a model municipality of another
    cohort: ``suppress`` keeps each cohort's total safe on its own, but two totals that
    share a municipality could be subtracted from each other (with the shown counts) and
    leave a hidden count, or a small group of them, bare.
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
    safe = suppress(raw)
    # Asked every time, so that the page costs the same number of queries whatever it shows.
    shared = shares_municipalities(call=call, municipality_ids=list(raw))
    total = None if shared else safe.total
    return CohortCounts(
        rows=[CountRow(municipality=m, count=safe.get(m.pk)) for m in municipalities],
        total=total,
    )


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
