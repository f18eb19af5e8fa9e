"""The attendee list as a PDF to print: one signature column per day, landscape A4."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from calls.pdf import render_pdf
from events.models import Event, EventDay, Registration, Status


@dataclass(frozen=True)
class DayCell:
    comes: bool  # registered for the day (someone who chose no days comes on all)
    checked_in_at: dt.datetime | None


@dataclass(frozen=True)
class AttendeeRow:
    registration: Registration
    # One entry per day of the event.
    cells: list[DayCell]


def attendee_rows(*, event: Event, days: list[EventDay]) -> list[AttendeeRow]:
    """Confirmed people by name, with the days they come and their check-ins."""
    registrations = (
        event.registrations.filter(status=Status.CONFIRMED)
        .select_related("municipality")
        .prefetch_related("days", "attendances")
        .order_by("name", "pk")
    )
    rows = []
    for registration in registrations:
        chosen = {day.pk for day in registration.days.all()}
        came = {a.day_id: a.checked_in_at for a in registration.attendances.all()}
        cells = [DayCell(not chosen or day.pk in chosen, came.get(day.pk)) for day in days]
        rows.append(AttendeeRow(registration, cells))
    return rows


def attendee_list_context(*, event: Event) -> dict:
    days = list(event.days.all())
    return {
        "event": event,
        "days": days,
        "rows": attendee_rows(event=event, days=days),
        "now": timezone.now(),
    }


def attendee_list_pdf(*, event: Event) -> bytes:
    return render_pdf("events/pdf/attendees.html", attendee_list_context(event=event))
