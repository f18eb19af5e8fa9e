"""iCalendar files: one VEVENT per event day, times in Europe/Berlin with its VTIMEZONE."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from events.models import BERLIN, EventDay


def day_uid(day: EventDay) -> str:
    # Stable across sends, so a calendar updates the entry instead of adding another.
    return f"kfa-event-{day.event_id}-day-{day.pk}@kommunen-fuer-alle"


def calendar_bytes(days: Iterable[EventDay], *, with_link: bool = False) -> bytes:
    """``days`` with their ``event`` loaded. ``with_link`` adds the online access link
    (only for confirmed registrations)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kommunen für alle//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    stamp = timezone.now()
    for day in days:
        event = day.event
        entry = VEvent()
        entry.add("uid", day_uid(day))
        entry.add("dtstamp", stamp)
        entry.add("dtstart", day.starts_at)
        entry.add("dtend", day.ends_at)
        entry.add("summary", event.title)
        description = event.description
        if with_link and event.is_online and event.join_link:
            description = f"{description}\n\n{event.join_link}".strip()
        entry.add("description", description)
        entry.add("location", event.location_text())
        entry.add("url", f"{settings.SITE_URL}/veranstaltungen/{event.pk}/")
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


__all__ = ["BERLIN", "calendar_bytes", "day_uid"]
