"""Check-in at the door, for one day of an event at a time.

A day's check-in opens two hours before the day starts and closes at the end of that
calendar day, both in Europe/Berlin: early enough for people who arrive before the doors
open, late enough for an evening that overruns, but never on another day (a click on the
wrong day's list two months early records nothing)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit import audit_record
from events.models import BERLIN, Attendance, EventDay, Registration, Status

OPENS_BEFORE = dt.timedelta(hours=2)


def check_in_window(day: EventDay) -> tuple[dt.datetime, dt.datetime]:
    """From two hours before the day starts until (not including) midnight after it."""
    closes = dt.datetime.combine(day.date + dt.timedelta(days=1), dt.time(0), tzinfo=BERLIN)
    return day.starts_at - OPENS_BEFORE, closes


def check_in_open(day: EventDay, *, now: dt.datetime | None = None) -> bool:
    opens, closes = check_in_window(day)
    return opens <= (now or timezone.now()) < closes


def _window_refusal(day: EventDay) -> ValidationError:
    opens, _closes = check_in_window(day)
    opens = timezone.localtime(opens, BERLIN)
    return ValidationError(
        _(
            "Einchecken ist nur am Veranstaltungstag möglich: ab %(date)s, %(time)s Uhr "
            "bis zum Ende des Tages."
        )
        % {"date": date_format(opens, "SHORT_DATE_FORMAT"), "time": f"{opens:%H:%M}"}
    )


@transaction.atomic
def check_in(
    *, actor, registration: Registration, day: EventDay, now: dt.datetime | None = None
) -> Attendance:
    """Record that the person came on ``day``; a second click records nothing more."""
    now = now or timezone.now()
    if registration.status != Status.CONFIRMED or day.event_id != registration.event_id:
        raise ValidationError(_("Nur bestätigte Angemeldete können eingecheckt werden."))
    if not check_in_open(day, now=now):
        raise _window_refusal(day)
    attendance, created = Attendance.objects.get_or_create(
        registration=registration, day=day, defaults={"checked_in_at": now}
    )
    if created:
        audit_record(actor=actor, action="event_check_in", obj=attendance)
    return attendance


@transaction.atomic
def check_in_undo(*, actor, registration: Registration, day: EventDay) -> bool:
    """Take back a check-in made by mistake; returns whether there was one (a second
    click finds none and records nothing)."""
    attendance = (
        Attendance.objects.select_for_update().filter(registration=registration, day=day).first()
    )
    if attendance is None:
        return False
    audit_record(
        actor=actor,
        action="event_check_in_undone",
        obj=attendance,
        changes={"checked_in_at": [attendance.checked_in_at.isoformat(), None]},
    )
    attendance.delete()
    return True
