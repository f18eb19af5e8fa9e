"""Confirming an address by the link in the first mail, and the hourly clean-up of
registrations that were never confirmed."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events import limits, mail
from events.models import Registration, Status
from events.services import (
    _hold_time,
    _locked_event,
    _offer_next,
    _release_expired_holds,
    _unconfirmed_time,
    _waiting_position,
    free_places,
    offers_expire,
)


@dataclass(frozen=True)
class Confirmed:
    registration: Registration
    # Confirmed later than a hold lasts and no place was free any more: the person
    # joined the waiting list (one who found every place taken already is not told so).
    hold_lost: bool = False


@transaction.atomic
def registration_confirm(
    *, registration: Registration, now: dt.datetime | None = None
) -> Confirmed:
    """The person followed the link in the first mail: the registration counts now.

    With its hold still running it takes the held place; otherwise a free place if
    there is one, else the waiting list. A second confirmation changes nothing."""
    now = now or timezone.now()
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.AWAITING_EMAIL:
        return Confirmed(registration=registration)
    if now > registration.created_at + _unconfirmed_time():
        raise ValidationError(
            _("Dieser Link ist abgelaufen. Bitte melden Sie sich noch einmal an.")
        )
    held = registration.hold_expires_at is not None and registration.hold_expires_at > now
    if not held:
        _release_expired_holds(event, now=now)
    registration.hold_expires_at = None
    hold_lost = False
    day_ids = list(registration.days.values_list("pk", flat=True))
    if held or free_places(event, now=now, day_ids=day_ids) > 0:
        registration.status = Status.PENDING_APPROVAL if event.needs_approval else Status.CONFIRMED
    else:
        registration.status = Status.WAITING
        registration.waiting_position = _waiting_position(event)
        hold_lost = now > registration.created_at + _hold_time()
    registration.save(update_fields=["status", "hold_expires_at", "waiting_position"])
    # The link of the first mail stays the personal link, so these mails carry none.
    if registration.status == Status.CONFIRMED:
        mail.send_confirmation(registration, None)
    elif registration.status == Status.PENDING_APPROVAL:
        mail.send(registration, "pending")
    else:
        mail.send(registration, "waiting")
    return Confirmed(registration=registration, hold_lost=hold_lost)


def holds_release(*, now: dt.datetime | None = None) -> int:
    """The hourly clean-up of unconfirmed registrations: expired holds give their places
    to the waiting list, client hashes older than the limit's window are blanked, and
    registrations never confirmed are deleted after ``EVENTS_UNCONFIRMED_HOURS``.
    Returns how many holds were released."""
    now = now or timezone.now()
    released = 0
    event_ids = set(
        Registration.objects.filter(
            status=Status.AWAITING_EMAIL, hold_expires_at__lte=now
        ).values_list("event_id", flat=True)
    )
    for event_pk in sorted(event_ids):
        with transaction.atomic():
            event = _locked_event(event_pk)
            expired = event.registrations.filter(
                status=Status.AWAITING_EMAIL, hold_expires_at__lte=now
            )
            released += expired.update(hold_expires_at=None)
            _offer_next(event, now=now)
    limits.client_signals_blank(now=now)
    Registration.objects.filter(
        status__in=[Status.AWAITING_EMAIL, Status.UNCONFIRMED],
        created_at__lte=now - _unconfirmed_time(),
    ).delete()
    return released


def offers_and_holds_expire(*, now: dt.datetime | None = None) -> int:
    """The hourly work of ``events_expire_offers``: expired offers move on to the next in
    line, then expired holds of unconfirmed registrations are released. Returns how many
    offers expired."""
    expired = offers_expire(now=now)
    holds_release(now=now)
    return expired
