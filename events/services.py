"""Writing registrations. Every change of who holds a place locks the event row first,
so two people can never take the same last place.

A registration whose address is not known to belong to the person (no account with
that confirmed address, no invitation sent to it) waits for the link in the first mail:
until then it holds a place for ``EVENTS_HOLD_MINUTES`` at most, and nothing else is
sent to the address."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.idempotency import repeat_since
from core.models import AuditEntry
from events import limits, mail
from events.models import (
    HOLDS_PLACE,
    INACTIVE,
    Attendance,
    Audience,
    Event,
    EventDay,
    Registration,
    Status,
)
from events.tokens import new_token
from events.validators import validate_person_name

# Tests switch these to show what the lock prevents (see tests/events/test_race.py).
LOCK_EVENT_ROW = True


def _pause_between_count_and_write() -> None:
    """A hook for the race test; does nothing in normal operation."""


def _locked_event(event_pk: int) -> Event:
    events = Event.objects.all()
    if LOCK_EVENT_ROW:
        events = events.select_for_update()
    return events.get(pk=event_pk)


def _holding(now: dt.datetime) -> Q:
    return Q(status__in=HOLDS_PLACE) | Q(status=Status.AWAITING_EMAIL, hold_expires_at__gt=now)


def free_by_day(event: Event, *, now: dt.datetime | None = None) -> dict[int, int]:
    """The places of each day (by its id) neither taken nor held by an unconfirmed
    registration whose hold runs. The capacity counts per day: a registration holds a
    place on each day it chose, and on every day when it chose none."""
    now = now or timezone.now()
    holding = event.registrations.filter(_holding(now))
    every_day = holding.filter(days__isnull=True).count()
    days = EventDay.objects.filter(event=event).annotate(
        taken=Count("registrations", filter=Q(registrations__in=holding.values("pk")))
    )
    return {day.pk: max(event.capacity - every_day - day.taken, 0) for day in days}


def _fits(free: dict[int, int], day_ids: list[int]) -> bool:
    """Whether a registration for ``day_ids`` (none: every day) finds a place on each."""
    return all(free[pk] > 0 for pk in day_ids or free)


def _take(free: dict[int, int], day_ids: list[int]) -> None:
    for pk in day_ids or list(free):
        free[pk] -= 1


def free_places(
    event: Event, *, now: dt.datetime | None = None, day_ids: list[int] | None = None
) -> int:
    """Places free for a registration for ``day_ids`` (none: every day): the fewest free
    on any of those days."""
    now = now or timezone.now()
    free = free_by_day(event, now=now)
    if not free:
        return max(event.capacity - event.registrations.filter(_holding(now)).count(), 0)
    return min(free[pk] for pk in day_ids or free)


def _hold_time() -> dt.timedelta:
    return dt.timedelta(minutes=settings.EVENTS_HOLD_MINUTES)


def _unconfirmed_time() -> dt.timedelta:
    return dt.timedelta(hours=settings.EVENTS_UNCONFIRMED_HOURS)


@dataclass(frozen=True)
class Booked:
    registration: Registration
    token: str


def _address_known(*, email: str, user, known_address: str) -> bool:
    if known_address and known_address.strip().lower() == email:
        return True
    return bool(
        user is not None
        and user.is_authenticated
        and user.email_confirmed_at
        and user.email.lower() == email
    )


def _name_clean(name: str) -> str:
    name = name.strip()
    try:
        validate_person_name(name)
    except ValidationError as exc:
        raise ValidationError({"name": exc.messages}) from exc
    return name


def _waiting_position(event: Event) -> int:
    last = event.registrations.aggregate(last=Max("waiting_position"))["last"] or 0
    return last + 1


def _release_expired_holds(event: Event, *, now: dt.datetime) -> None:
    """Expired holds give their places back, first to the waiting list; ``event`` must
    be locked."""
    expired = event.registrations.filter(
        status=Status.AWAITING_EMAIL, hold_expires_at__lte=now
    ).update(hold_expires_at=None)
    if expired:
        _offer_next(event, now=now)


@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    answers: dict,
    days: list[EventDay],
    user=None,
    municipality=None,
    known_address: str = "",
    client: str = "",
    now: dt.datetime | None = None,
) -> Booked:
    """Register ``email`` for ``event``.

    ``known_address`` is an address known to belong to the person (the one an invitation
    was sent to); an account's confirmed address counts too. Any other address is
    registered as awaiting its confirmation by link, within the limits per client
    (``client``: the address the request came from) and per address.
    """
    now = now or timezone.now()
    event = _locked_event(event.pk)
    if not event.takes_registrations:
        raise ValidationError(_("Für diese Veranstaltung ist keine Anmeldung möglich."))
    if now > event.registration_deadline:
        raise ValidationError(_("Der Anmeldeschluss ist vorbei."))
    email = email.strip().lower()
    name = _name_clean(name)
    known = _address_known(email=email, user=user, known_address=known_address)
    client_hash = "" if known else limits.client_key(client)
    unconfirmed = event.registrations.filter(email=email, status=Status.AWAITING_EMAIL)
    if not known:
        again = unconfirmed.filter(
            client_hash=client_hash,
            created_at__gte=repeat_since(now),
        ).first()
        if client_hash and again is not None:
            return Booked(registration=again, token="")  # a double click: sent already
        limits.limits_check(email=email, client_hash=client_hash, now=now)
    # An unconfirmed registration of the address must not lock out its owner (nor
    # whoever registers it again): it is replaced.
    unconfirmed.update(status=Status.UNCONFIRMED, hold_expires_at=None, token_hash=None)
    if event.registrations.exclude(status__in=INACTIVE).filter(email=email).exists():
        raise ValidationError(_("Mit dieser E-Mail-Adresse besteht schon eine Anmeldung."))
    _release_expired_holds(event, now=now)
    places = free_places(event, now=now, day_ids=[day.pk for day in days])
    _pause_between_count_and_write()
    token, hashed = new_token()
    registration = Registration(
        event=event,
        name=name,
        email=email,
        user=user,
        municipality=municipality,
        answers=answers,
        token_hash=hashed,
        client_hash=client_hash,
    )
    if not known:
        registration.status = Status.AWAITING_EMAIL
        registration.hold_expires_at = now + _hold_time() if places > 0 else None
    elif places > 0:
        registration.status = Status.PENDING_APPROVAL if event.needs_approval else Status.CONFIRMED
    else:
        registration.status = Status.WAITING
        registration.waiting_position = _waiting_position(event)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:
        raise ValidationError(_("Mit dieser E-Mail-Adresse besteht schon eine Anmeldung.")) from exc
    registration.days.set(days)
    limits.burst_record(registration=registration, now=now)
    if registration.status == Status.AWAITING_EMAIL:
        mail.send(registration, "confirm_address", token)
    elif registration.status == Status.CONFIRMED:
        mail.send_confirmation(registration, token)
    elif registration.status == Status.PENDING_APPROVAL:
        mail.send(registration, "pending", token)
    else:
        mail.send(registration, "waiting", token)
    return Booked(registration=registration, token=token)


def _offer_next(event: Event, *, now: dt.datetime) -> list[Registration]:
    """Offer free places to the waiting list in order, day by day: whoever waits finds
    a place on each day they chose is offered it, also when someone before them in the
    list still waits for another day. ``event`` must be locked."""
    offered = []
    free = free_by_day(event, now=now)
    waiting = (
        event.registrations.filter(status=Status.WAITING)
        .prefetch_related("days")
        .order_by("waiting_position", "pk")
    )
    for registration in waiting:
        day_ids = [day.pk for day in registration.days.all()]
        if not any(free.values()):
            break
        if not _fits(free, day_ids):
            continue
        _take(free, day_ids)
        token, hashed = new_token()
        registration.status = Status.OFFERED
        registration.offer_expires_at = now + dt.timedelta(hours=event.offer_hours)
        registration.token_hash = hashed
        registration.save(update_fields=["status", "offer_expires_at", "token_hash"])
        mail.send(registration, "offer", token)
        offered.append(registration)
    return offered


@transaction.atomic
def waiting_list_advance(*, event_pk: int, now: dt.datetime | None = None) -> None:
    """Offer places set free by registrations deleted elsewhere (a member leaving the
    network) to the waiting list."""
    _offer_next(_locked_event(event_pk), now=now or timezone.now())


@transaction.atomic
def registration_cancel(*, registration: Registration, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return
    registration.status = Status.CANCELLED
    registration.waiting_position = None
    registration.offer_expires_at = None
    registration.hold_expires_at = None
    registration.save(
        update_fields=["status", "waiting_position", "offer_expires_at", "hold_expires_at"]
    )
    mail.send(registration, "cancelled")
    _offer_next(event, now=now)


@transaction.atomic
def offer_accept(*, registration: Registration, now: dt.datetime | None = None) -> Registration:
    now = now or timezone.now()
    _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CONFIRMED:
        return registration
    if registration.status != Status.OFFERED or registration.offer_expires_at < now:
        raise ValidationError(_("Dieses Angebot gilt nicht mehr."))
    registration.status = (
        Status.PENDING_APPROVAL if registration.event.needs_approval else Status.CONFIRMED
    )
    registration.offer_expires_at = None
    registration.waiting_position = None
    registration.save(update_fields=["status", "offer_expires_at", "waiting_position"])
    if registration.status == Status.CONFIRMED:
        mail.send_confirmation(registration, None)
    return registration


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """Drop offers whose time ran out and offer their places to the next in line."""
    now = now or timezone.now()
    expired = 0
    event_ids = set(
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lt=now).values_list(
            "event_id", flat=True
        )
    )
    for event_pk in sorted(event_ids):
        with transaction.atomic():
            event = _locked_event(event_pk)
            stale = event.registrations.filter(status=Status.OFFERED, offer_expires_at__lt=now)
            expired += stale.update(
                status=Status.CANCELLED, offer_expires_at=None, waiting_position=None
            )
            _offer_next(event, now=now)
    return expired


@transaction.atomic
def registration_change(
    *, registration: Registration, answers: dict, days: list[EventDay]
) -> Registration:
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED or registration.anonymised_at:
        raise ValidationError(_("Diese Anmeldung kann nicht mehr geändert werden."))
    now = timezone.now()
    if registration.status in HOLDS_PLACE:
        # A place held for some days is no place on the others: a day added must have one.
        free = free_by_day(event, now=now)
        before = set(registration.days.values_list("pk", flat=True)) or set(free)
        added = ({day.pk for day in days} or set(free)) - before
        if not _fits(free, sorted(added)) and added:
            raise ValidationError(
                {"tage": _("An einem der neu gewählten Tage ist kein Platz mehr frei.")}
            )
    registration.answers = answers
    registration.save(update_fields=["answers"])
    registration.days.set(days)
    if registration.status == Status.WAITING:
        _offer_next(event, now=now)
    return registration


@transaction.atomic
def registration_decide(*, actor, registration: Registration, approve: bool) -> Registration:
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.PENDING_APPROVAL:
        return registration
    old = registration.status
    if approve:
        token, hashed = new_token()
        registration.status = Status.CONFIRMED
        registration.token_hash = hashed
        registration.save(update_fields=["status", "token_hash"])
        mail.send_confirmation(registration, token)
    else:
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status"])
        mail.send(registration, "declined")
        _offer_next(event, now=timezone.now())
    audit_record(
        actor=actor,
        action="event_registration_approved" if approve else "event_registration_declined",
        obj=registration,
        changes={"status": [old, registration.status]},
    )
    return registration


def _add_months(date: dt.date, months: int) -> dt.date:
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def retention_ends(event: Event) -> dt.date | None:
    last = max((day.date for day in event.days.all()), default=None)
    return _add_months(last, event.retention_months) if last else None


def _audit_labels_blank(registrations) -> None:
    """Labels written before names were left out of them may still carry a name."""
    pks = list(registrations.values_list("pk", flat=True))
    attendances = Attendance.objects.filter(registration__in=pks).values_list("pk", flat=True)
    AuditEntry.objects.filter(
        Q(object_type="events.registration", object_id__in=[str(pk) for pk in pks])
        | Q(object_type="events.attendance", object_id__in=[str(pk) for pk in attendances])
    ).update(object_label="")


def anonymise_due(*, today: dt.date | None = None) -> int:
    """Blank the personal fields of registrations and invitations whose retention time
    has passed; returns how many rows were blanked. Status, days, municipality,
    check-ins and whether an invitation led to a registration stay, so every count
    still holds."""
    today = today or timezone.localdate()
    done = 0
    events = Event.objects.filter(
        Q(registrations__anonymised_at__isnull=True) | Q(invitations__anonymised_at__isnull=True)
    ).distinct()
    for event in events.prefetch_related("days"):
        ends = retention_ends(event)
        if ends is None or today <= ends:
            continue
        due = event.registrations.filter(anonymised_at__isnull=True)
        _audit_labels_blank(due)
        done += due.update(
            name="",
            email="",
            user=None,
            answers={},
            token_hash=None,
            anonymised_at=timezone.now(),
        )
        done += event.invitations.filter(anonymised_at__isnull=True).update(
            name="", email="", token_hash=None, anonymised_at=timezone.now()
        )
    return done


def reminders_send(*, now: dt.datetime | None = None, days_before: int = 2) -> int:
    """Remind confirmed people once, ``days_before`` days before the first day."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    sent = 0
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        anonymised_at__isnull=True,
        event__days__date__gte=today,
        event__days__date__lte=today + dt.timedelta(days=days_before),
    ).distinct()
    for registration in due.select_related("event", "user"):
        first = registration.event.days.order_by("date").first()
        if first.date < today:
            continue  # already running: too late for a reminder
        with transaction.atomic():
            # The conditional update makes a second run (or a parallel one) send nothing.
            claimed = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                mail.send(registration, "reminder")
                sent += claimed
    return sent


@transaction.atomic
def feed_renew(*, user) -> str:
    """A new secret calendar address for ``user``; the old one stops working."""
    from events.models import CalendarFeed

    token, hashed = new_token()
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": hashed})
    return token


def members_only_registrations_delete(*, user) -> None:
    """Delete a leaving network member's registrations for members-only events (with their
    check-ins), the task records of the mails about them (their arguments hold the
    registration's id) and mails still waiting to be sent; places set free go to the
    waiting list. Registered with ``network.hooks.membership_ending``, so it runs inside
    the transaction that deletes the membership."""
    from django_tasks_db.models import DBTaskResult

    registrations = Registration.objects.filter(
        Q(user_id=user.pk) | Q(email=user.email.lower()),
        event__audience=Audience.NETWORK_MEMBERS,
    )
    found = list(registrations.values_list("pk", "event_id"))
    if not found:
        return
    ids = [pk for pk, _event in found]
    # Finished records go as well: a stored "mail about registration 17 of the network
    # meeting" would outlive the membership. A task already running reads the deleted
    # registration, finds nothing and sends nothing.
    DBTaskResult.objects.filter(
        task_path__startswith="events.mail.",
        args_kwargs__kwargs__registration_id__in=ids,
    ).delete()
    Registration.objects.filter(pk__in=ids).delete()
    for event_pk in sorted({event for _pk, event in found}):
        waiting_list_advance(event_pk=event_pk)
