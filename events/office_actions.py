"""What the office does to an event and its registrations beyond approving them:
publish a draft, cancel the whole event, cancel a registration, register someone who
called by phone, and move someone up from the waiting list.

Each action locks the event row as the registration services do, so it never races a
registration for the same place, and each is harmless when sent twice: the second
request finds the work done and changes, mails and records nothing."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.idempotency import repeat_since
from events import mail
from events.models import INACTIVE, Event, EventDay, Registration, Status
from events.services import (
    _fits,
    _locked_event,
    _name_clean,
    _offer_next,
    free_by_day,
)
from events.tokens import new_token

# The registrations told when the event is cancelled. Addresses not yet confirmed get
# no mail: nothing but the confirmation link goes to an address nobody has confirmed.
TOLD_OF_CANCELLATION = (
    Status.CONFIRMED,
    Status.WAITING,
    Status.OFFERED,
    Status.PENDING_APPROVAL,
)


@transaction.atomic
def event_publish(*, actor, event: Event, now: dt.datetime | None = None) -> Event:
    """Make a draft visible in the calendar and open for registration."""
    event = _locked_event(event.pk)
    if event.published_at is None:
        event.published_at = now or timezone.now()
        event.save(update_fields=["published_at"])
        audit_record(actor=actor, action="event_published", obj=event)
    return event


@transaction.atomic
def event_cancel(*, actor, event: Event, message: str, now: dt.datetime | None = None) -> int:
    """Cancel the event: every registration ends, everyone registered (confirmed, on
    the waiting list, offered a place or waiting for approval) is mailed ``message``,
    and the public page says "abgesagt". Returns how many registrations ended."""
    now = now or timezone.now()
    event = _locked_event(event.pk)
    if event.cancelled_at is not None:
        return 0
    message = message.strip()
    if not message:
        raise ValidationError(
            {"message": _("Bitte schreiben Sie eine Nachricht an die Angemeldeten.")}
        )
    event.cancelled_at = now
    event.cancellation_message = message
    event.save(update_fields=["cancelled_at", "cancellation_message"])
    active = list(event.registrations.exclude(status__in=INACTIVE))
    for registration in active:
        told = registration.status in TOLD_OF_CANCELLATION
        registration.status = Status.CANCELLED
        registration.waiting_position = None
        registration.offer_expires_at = None
        registration.hold_expires_at = None
        registration.save(
            update_fields=["status", "waiting_position", "offer_expires_at", "hold_expires_at"]
        )
        if told:
            mail.send(registration, "event_cancelled")
    audit_record(
        actor=actor,
        action="event_cancelled",
        obj=event,
        changes={"cancelled_at": [None, now.isoformat()]},
    )
    return len(active)


@transaction.atomic
def registration_cancel_by_office(
    *, actor, registration: Registration, reason: str, now: dt.datetime | None = None
) -> Registration:
    """Cancel a registration for the person, with ``reason`` told to them by mail; the
    place goes to the waiting list as when the person cancels."""
    now = now or timezone.now()
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status in INACTIVE:
        return registration
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte geben Sie einen Grund an.")})
    old = registration.status
    registration.status = Status.CANCELLED
    registration.cancel_reason = reason
    registration.waiting_position = None
    registration.offer_expires_at = None
    registration.hold_expires_at = None
    registration.save(
        update_fields=[
            "status",
            "cancel_reason",
            "waiting_position",
            "offer_expires_at",
            "hold_expires_at",
        ]
    )
    if old != Status.AWAITING_EMAIL:
        mail.send(registration, "cancelled_by_office")
    audit_record(
        actor=actor,
        action="event_registration_cancelled",
        obj=registration,
        changes={"status": [old, Status.CANCELLED]},
    )
    _offer_next(event, now=now)
    return registration


def _no_room_error() -> ValidationError:
    return ValidationError(
        {
            "over_capacity": _(
                "An mindestens einem der Tage ist kein Platz frei. Bestätigen Sie, dass "
                "Sie die Person trotzdem über die Plätze hinaus aufnehmen."
            )
        }
    )


@transaction.atomic
def registration_add_by_office(
    *,
    actor,
    event: Event,
    name: str,
    email: str,
    answers: dict,
    days: list[EventDay],
    over_capacity: bool = False,
    now: dt.datetime | None = None,
) -> Registration:
    """Register someone who called by phone: confirmed at once (the office vouches for
    the address), mailed the confirmation with the calendar file. Without a free place on
    each chosen day only with ``over_capacity``. The same entry sent again within the
    repeat window returns the first one."""
    now = now or timezone.now()
    event = _locked_event(event.pk)
    if event.cancelled_at is not None:
        raise ValidationError(_("Die Veranstaltung ist abgesagt."))
    email = email.strip().lower()
    name = _name_clean(name)
    existing = event.registrations.exclude(status__in=INACTIVE).filter(email=email).first()
    if existing is not None:
        if existing.status == Status.CONFIRMED and existing.created_at >= repeat_since(now):
            return existing  # a double click: registered already
        raise ValidationError(
            {"email": _("Mit dieser E-Mail-Adresse besteht schon eine Anmeldung.")}
        )
    if not over_capacity and not _fits(free_by_day(event, now=now), [day.pk for day in days]):
        raise _no_room_error()
    token, hashed = new_token()
    registration = Registration(
        event=event,
        name=name,
        email=email,
        answers=answers,
        status=Status.CONFIRMED,
        token_hash=hashed,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"email": _("Mit dieser E-Mail-Adresse besteht schon eine Anmeldung.")}
        ) from exc
    registration.days.set(days)
    mail.send_confirmation(registration, token)
    audit_record(
        actor=actor,
        action="event_registration_added",
        obj=registration,
        changes={"status": [None, Status.CONFIRMED]},
    )
    return registration


def promotion_needs_consent(*, registration: Registration, now: dt.datetime | None = None) -> bool:
    """Whether moving ``registration`` up would go over the places of one of its days
    (an offered place is held already)."""
    if registration.status == Status.OFFERED:
        return False
    day_ids = [day.pk for day in registration.days.all()]
    return not _fits(free_by_day(registration.event, now=now), day_ids)


@transaction.atomic
def registration_promote(
    *,
    actor,
    registration: Registration,
    over_capacity: bool = False,
    now: dt.datetime | None = None,
) -> Registration:
    """Move someone up from the waiting list (or with an open offer) to a confirmed
    place; over the places of a day only with ``over_capacity``."""
    now = now or timezone.now()
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in (Status.WAITING, Status.OFFERED):
        return registration  # moved up already (a double click) or no longer waiting
    old = registration.status
    day_ids = list(registration.days.values_list("pk", flat=True))
    # An offered place is held already; only someone still waiting needs a free one.
    if (
        old == Status.WAITING
        and not over_capacity
        and not _fits(free_by_day(event, now=now), day_ids)
    ):
        raise _no_room_error()
    token, hashed = new_token()
    registration.status = Status.CONFIRMED
    registration.waiting_position = None
    registration.offer_expires_at = None
    registration.token_hash = hashed
    registration.save(
        update_fields=["status", "waiting_position", "offer_expires_at", "token_hash"]
    )
    mail.send_confirmation(registration, token)
    audit_record(
        actor=actor,
        action="event_registration_promoted",
        obj=registration,
        changes={"status": [old, Status.CONFIRMED]},
    )
    return registration
