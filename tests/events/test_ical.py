import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.ical import calendar_bytes, day_uid
from events.models import EventDay
from tests.events.helpers import make_event, register

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def _parse(content: bytes) -> list:
    return [c for c in Calendar.from_ical(content).walk("VEVENT")]


def test_calendar_has_one_vevent_per_day_with_stable_uid():
    event = make_event(days=[dt.date(2026, 4, 20), dt.date(2026, 4, 21)])
    days = list(event.days.select_related("event"))
    entries = _parse(calendar_bytes(days))
    assert [str(e["uid"]) for e in entries] == [day_uid(day) for day in days]
    assert [str(e["summary"]) for e in entries] == ["Netzwerktreffen", "Netzwerktreffen"]
    assert str(Calendar.from_ical(calendar_bytes(days))["method"]) == "PUBLISH"


def test_calendar_times_are_berlin_in_winter_and_summer():
    # 29 March 2026: clocks go forward in Germany; 28 March is still CET (UTC+1).
    event = make_event(days=[dt.date(2026, 3, 28), dt.date(2026, 3, 30)])
    winter, summer = _parse(calendar_bytes(event.days.select_related("event")))
    assert winter["dtstart"].dt.astimezone(UTC) == dt.datetime(2026, 3, 28, 9, tzinfo=UTC)
    assert summer["dtstart"].dt.astimezone(UTC) == dt.datetime(2026, 3, 30, 8, tzinfo=UTC)
    assert summer["dtend"].dt.astimezone(UTC) == dt.datetime(2026, 3, 30, 14, tzinfo=UTC)
    assert str(winter["dtstart"].params["TZID"]) == "Europe/Berlin"


def test_calendar_carries_a_vtimezone():
    event = make_event(days=[dt.date(2026, 3, 28)])
    calendar = Calendar.from_ical(calendar_bytes(event.days.select_related("event")))
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_online_link_only_with_link_flag():
    event = make_event(is_online=True, join_link="https://konferenz.example/raum")
    days = list(EventDay.objects.filter(event=event).select_related("event"))
    assert "konferenz.example" not in str(_parse(calendar_bytes(days))[0]["description"])
    with_link = _parse(calendar_bytes(days, with_link=True))[0]
    assert "https://konferenz.example/raum" in str(with_link["description"])


def test_confirmation_mail_has_ics_attachment(mailoutbox, django_capture_on_commit_callbacks):
    event = make_event(days=[timezone.localdate() + dt.timedelta(days=9)])
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "Alex A")
    (mail,) = mailoutbox
    name, content, mimetype = mail.attachments[0]
    assert (name, mimetype.split(";")[0]) == ("veranstaltung.ics", "text/calendar")
    content = content.encode() if isinstance(content, str) else content
    (entry,) = _parse(content)
    assert str(entry["summary"]) == "Netzwerktreffen"
    assert "/veranstaltungen/anmeldung/" in mail.body


def _multi_line_event():
    """An address typed into the text area, so with CR LF and an empty line."""
    from events.models import Event

    event = make_event(
        title="Fachtag kommunale Antidiskriminierungsarbeit: Beratung, Beschwerde und Vielfalt",
        address="Markt 1\r\n\r\n07743 Jena\r\n",
        days=[dt.date(2030, 4, 20)],
    )
    Event.objects.filter(pk=event.pk).update(
        place="Rathaus, Saal 2; EG", description="Zeile eins\r\nZeile zwei"
    )
    return event


def test_multi_line_address_gives_an_escaped_folded_vevent():
    event = _multi_line_event()
    day = event.days.get()
    content = calendar_bytes(event.days.select_related("event"))
    lines = content.decode().split("\r\n")
    vevent = lines[lines.index("BEGIN:VEVENT") : lines.index("END:VEVENT") + 1]
    assert [line for line in vevent if not line.startswith("DTSTAMP:")] == [
        "BEGIN:VEVENT",
        "SUMMARY:Fachtag kommunale Antidiskriminierungsarbeit: Beratung\\, Beschwerd",
        " e und Vielfalt",
        "DTSTART;TZID=Europe/Berlin:20300420T100000",
        "DTEND;TZID=Europe/Berlin:20300420T160000",
        f"UID:kfa-event-{event.pk}-day-{day.pk}@kommunen-fuer-alle",
        "DESCRIPTION:Zeile eins\\nZeile zwei",
        "LOCATION:Rathaus\\, Saal 2\\; EG\\, Markt 1\\, 07743 Jena",
        f"URL:http://127.0.0.1:8000/veranstaltungen/{event.pk}/",
        "END:VEVENT",
    ]
    # No line break but CR LF between lines, and no line longer than 75 octets.
    assert "\r" not in "".join(lines) and "\n" not in "".join(lines)
    assert max(len(line.encode()) for line in lines) <= 75
    (entry,) = _parse(content)
    assert str(entry["location"]) == "Rathaus, Saal 2; EG, Markt 1, 07743 Jena"
    assert str(entry["description"]) == "Zeile eins\nZeile zwei"


def test_multi_line_address_is_one_clean_line_in_the_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = _multi_line_event()
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "Alex A")
    (mail,) = mailoutbox
    assert "\r" not in mail.body
    lines = mail.body.split("\n")
    assert "Rathaus, Saal 2; EG, Markt 1, 07743 Jena" in lines
    assert [line for line in lines if "Jena" in line] == [
        "Rathaus, Saal 2; EG, Markt 1, 07743 Jena"
    ]
