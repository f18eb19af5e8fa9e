"""The office removes registrations it judges to be abuse: invented addresses that were
never confirmed, or many registrations from one client within a short time."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from events.models import Event, Status
from events.services import _locked_event, _offer_next


@transaction.atomic
def registrations_remove(
    *, actor, event: Event, registration_ids: list[int], now: dt.datetime | None = None
) -> int:
    """Cancel the chosen registrations of ``event`` and blank what was typed into them;
    freed places go to the waiting list. No mail goes out: the addresses are likely
    invented or someone else's. Ones removed or cancelled already are left alone, so a
    second submission changes nothing. Returns how many were removed."""
    now = now or timezone.now()
    event = _locked_event(event.pk)
    chosen = (
        event.registrations.select_for_update()
        .filter(pk__in=registration_ids, anonymised_at__isnull=True)
        .exclude(status__in=[Status.CANCELLED, Status.UNCONFIRMED])
        .order_by("pk")
    )
    removed = 0
    for registration in chosen:
        old = registration.status
        registration.status = Status.CANCELLED
        registration.waiting_position = None
        registration.offer_expires_at = None
        registration.hold_expires_at = None
        registration.name = ""
        registration.email = ""
        registration.answers = {}
        registration.user = None
        registration.token_hash = None
        registration.anonymised_at = now
        registration.save()
        audit_record(
            actor=actor,
            action="event_registration_removed",
            obj=registration,
            changes={"status": [old, Status.CANCELLED]},
        )
        removed += 1
    if removed:
        _offer_next(event, now=now)
    return removed
