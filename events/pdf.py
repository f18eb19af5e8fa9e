"""The attendee list as a PDF to print: one signature column per day, landscape A4."""

from dataclasses import dataclass

from django.utils import timezone

from calls.pdf import render_pdf
from events.models import Event, EventDay, Registration, Status


@dataclass(frozen=True)
class AttendeeRow:
    registration: Registration
    # One entry per day of the event: whether the person comes that day.
    comes: list[bool]


def attendee_rows(*, event: Event, days: list[EventDay]) -> list[AttendeeRow]:
    """Confirmed people by name; someone who chose no days comes on every day."""
    registrations = (
        event.registrations.filter(status=Status.CONFIRMED)
        .select_related("municipality")
        .prefetch_related("days")
        .order_by("name", "pk")
    )
    rows = []
    for registration in registrations:
        chosen = {day.pk for day in registration.days.all()}
        rows.append(AttendeeRow(registration, [not chosen or day.pk in chosen for day in days]))
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
