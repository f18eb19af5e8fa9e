"""Reading events, always for one person: the audience decides who sees an event."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.collation import German
from events.models import (
    INACTIVE,
    Attendance,
    Audience,
    CalendarFeed,
    Event,
    EventDay,
    Invitation,
    Registration,
    Status,
)
from events.tokens import token_hash
from municipalities.models import Municipality
from network.anonymity import band_label
from network.selectors import network_access
from programme.cohort import programme_call_for_municipality


def audiences_for(user) -> set[str]:
    """The audiences whose events ``user`` may see and register for (besides invitations)."""
    if not user.is_authenticated:
        return {Audience.EVERYONE}
    if user.is_office:
        return set(Audience.values)
    audiences = {Audience.EVERYONE}
    if programme_call_for_municipality(municipality_id=user.approved_municipality_id):
        audiences.add(Audience.MODEL_MUNICIPALITIES)
    if network_access(user=user).is_member:
        audiences.add(Audience.NETWORK_MEMBERS)
    return audiences


def _visible(user) -> Q:
    # Invited people reach an invitation-only event through their personal link alone
    # (see invitation_by_token); only the office has it in the calendar. A draft is the
    # office's alone: it previews the public page, nobody else finds it.
    visible = Q(audience__in=audiences_for(user))
    if not (user.is_authenticated and user.is_office):
        visible &= Q(published_at__isnull=False)
    return visible


def may_register(*, user, event: Event) -> bool:
    if event.audience == Audience.EVERYONE:
        return True
    if not user.is_authenticated:
        return False
    return event.audience in audiences_for(user)


def with_days(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        first_date=Min("days__date"), last_date=Max("days__date")
    ).prefetch_related(Prefetch("days", queryset=EventDay.objects.order_by("date", "start_time")))


def calendar_for(*, user) -> QuerySet[Event]:
    """Upcoming and running events the person may see, soonest first."""
    today = timezone.localdate()
    return (
        with_days(Event.objects.filter(_visible(user), published_at__isnull=False))
        .filter(last_date__gte=today)
        .order_by("first_date", "pk")
    )


def event_for(*, user, event_pk: int) -> Event:
    event = Event.objects.filter(_visible(user), pk=event_pk).first()
    if event is None:
        raise Http404
    return event


def event_of_result(*, event_pk: int) -> Event:
    """The event a person has just registered for or confirmed (the view checks that
    through the session), whatever its audience."""
    event = Event.objects.filter(pk=event_pk).first()
    if event is None:
        raise Http404
    return event


def needs_login(*, event_pk: int) -> bool:
    """Whether an anonymous person should log in first; an account does not help with
    an invitation-only event, so those are not included."""
    return (
        Event.objects.filter(pk=event_pk, published_at__isnull=False)
        .exclude(audience__in=[Audience.EVERYONE, Audience.INVITED])
        .exists()
    )


def invitation_only(*, user, event_pk: int) -> bool:
    """Whether the event exists, is open to invited people only and ``user`` is not the
    office: such a person is told that only the personal link leads to the registration."""
    if user.is_authenticated and user.is_office:
        return False
    return Event.objects.filter(
        pk=event_pk, audience=Audience.INVITED, published_at__isnull=False
    ).exists()


def invitation_by_token(token: str) -> Invitation:
    """The invitation behind a personal link; withdrawn and anonymised ones answer 404."""
    invitation = (
        Invitation.objects.select_related("event", "registration")
        .filter(token_hash=token_hash(token), withdrawn_at__isnull=True, anonymised_at__isnull=True)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def registration_by_token(token: str) -> Registration:
    registration = (
        Registration.objects.select_related("event")
        .filter(token_hash=token_hash(token), anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def feed_user(token: str):
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=token_hash(token)).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed.user


def feed_days(*, user) -> QuerySet[EventDay]:
    """Days of the events the person holds a confirmed place for."""
    # One subquery, so status and person are checked on the same registration row.
    mine = Registration.objects.filter(
        Q(user=user) | Q(email=user.email.lower()),
        status=Status.CONFIRMED,
        anonymised_at__isnull=True,
    )
    return (
        EventDay.objects.filter(event__in=mine.values("event"))
        .select_related("event")
        .order_by("date", "start_time")
    )


def own_registrations(*, user) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(Q(user=user) | Q(email=user.email.lower()))
        .exclude(status__in=INACTIVE)
        .select_related("event")
        .order_by("-created_at")
    )


# --- office ----------------------------------------------------------------------------


def office_events() -> QuerySet[Event]:
    counts = {
        f"n_{status}": Count("registrations", filter=Q(registrations__status=status), distinct=True)
        for status in Status.values
    }
    return with_days(Event.objects.annotate(**counts)).order_by("-first_date", "-pk")


def event_get_office(*, event_pk: int) -> Event:
    event = with_days(Event.objects.filter(pk=event_pk)).first()
    if event is None:
        raise Http404
    return event


def event_with_people_get_office(*, event_pk: int) -> Event:
    """An event whose registrations the office may see by name. Registering for an event
    of the network's members shows membership, which reveals a migration history: the
    office sees only counts of those (``members_event_counts``)."""
    event = event_get_office(event_pk=event_pk)
    if event.audience == Audience.NETWORK_MEMBERS:
        raise Http404
    return event


def registrations_for(*, event: Event, status: str = "") -> QuerySet[Registration]:
    """The event's registrations with their days and check-ins, for lists and exports."""
    registrations = event.registrations.select_related("municipality").prefetch_related(
        "days", "attendances"
    )
    if status in Status.values:
        registrations = registrations.filter(status=status)
    return registrations.order_by("status", "waiting_position", "name", "pk")


def suspicious_for(*, event: Event) -> QuerySet[Registration]:
    """Registrations the office should look at: addresses not yet confirmed, and many
    registrations from one client within the limit's window; oldest first."""
    return (
        event.registrations.filter(
            Q(status=Status.AWAITING_EMAIL) | Q(client_burst__gte=settings.EVENTS_SUSPICIOUS_BURST)
        )
        .exclude(status__in=[Status.CANCELLED, Status.UNCONFIRMED])
        .filter(anonymised_at__isnull=True)
        .order_by("created_at", "pk")
    )


def invitations_for(*, event: Event) -> QuerySet[Invitation]:
    """All invitations of the event in the order they were made, withdrawn ones last,
    with the registration made by each."""
    return event.invitations.select_related("registration").order_by(
        F("withdrawn_at").asc(nulls_first=True), "created_at", "pk"
    )


def invitation_get_office(*, event: Event, invitation_pk: int) -> Invitation:
    invitation = event.invitations.filter(pk=invitation_pk).first()
    if invitation is None:
        raise Http404
    return invitation


def registration_get_office(*, event: Event, registration_pk: int) -> Registration:
    registration = event.registrations.filter(pk=registration_pk).first()
    if registration is None:
        raise Http404
    return registration


def attendees_for(*, day: EventDay) -> QuerySet[Registration]:
    """Confirmed people coming that day (all confirmed ones if they chose no days)."""
    checked_in = Attendance.objects.filter(day=day)
    return (
        day.event.registrations.filter(status=Status.CONFIRMED)
        .filter(Q(days=day) | Q(days__isnull=True))
        .select_related("municipality")
        .prefetch_related(Prefetch("attendances", queryset=checked_in, to_attr="today"))
        .distinct()
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class MunicipalityCount:
    name: str
    confirmed: int
    attended: int


def counts_by_municipality(*, event: Event) -> list[MunicipalityCount]:
    """Participants per municipality; anonymised rows still count."""
    rows = (
        Municipality.objects.filter(event_registrations__event=event)
        .annotate(
            confirmed=Count(
                "event_registrations",
                filter=Q(
                    event_registrations__event=event,
                    event_registrations__status=Status.CONFIRMED,
                ),
                distinct=True,
            ),
            attended=Count(
                "event_registrations",
                filter=Q(
                    event_registrations__event=event,
                    event_registrations__attendances__isnull=False,
                ),
                distinct=True,
            ),
        )
        .order_by(German("name"))
        .distinct()
    )
    result = [MunicipalityCount(r.name, r.confirmed, r.attended) for r in rows]
    without = event.registrations.filter(municipality__isnull=True)
    result.append(
        MunicipalityCount(
            "",
            without.filter(status=Status.CONFIRMED).count(),
            without.filter(attendances__isnull=False).distinct().count(),
        )
    )
    return result


def day_get_office(*, event: Event, day_pk: int) -> EventDay:
    day = EventDay.objects.select_related("event").filter(event=event, pk=day_pk).first()
    if day is None:
        raise Http404
    return day


# --- events for members only: what the office may see of them -----------------------


def members_event_counts(*, event) -> list[tuple[str, str]]:
    """The registrations of a members-only event per status, as the office may see
    them: no names, no municipalities, each count as "weniger als 5" or its band of
    five (see ``network.anonymity``)."""
    counts = dict(event.registrations.values_list("status").annotate(n=Count("pk")).order_by())
    return [
        (label, band_label(counts.get(status, 0)))
        for status, label in Status.choices
        # Cancelled and replaced registrations hold no place and say nothing the office needs.
        if status not in (Status.CANCELLED, Status.UNCONFIRMED)
    ]


def members_event_counts_mask(event) -> None:
    """Replace the per-status counts annotated on ``event`` (``n_<status>``, see
    ``office_events``) by what the office may see of them."""
    for status in Status.values:
        name = f"n_{status}"
        if hasattr(event, name):
            setattr(event, name, band_label(getattr(event, name)))


# How long after its last day an event is still offered as the subject of a new survey.
SURVEY_SUBJECT_DAYS = 365


def events_for_surveys() -> list[tuple]:
    """The events a new survey may be about, soonest first: all but those that ended more
    than a year ago, as (id, title, first day, place) – "online" for an online event."""
    since = timezone.localdate() - dt.timedelta(days=SURVEY_SUBJECT_DAYS)
    rows = (
        Event.objects.annotate(first_date=Min("days__date"), last_date=Max("days__date"))
        .filter(Q(last_date__gte=since) | Q(last_date__isnull=True))
        .order_by(F("first_date").asc(nulls_last=True), "pk")
        .values_list("pk", "title", "first_date", "place", "is_online")
    )
    return [
        (pk, title, first, place or (_("online") if online else ""))
        for pk, title, first, place, online in rows
    ]
