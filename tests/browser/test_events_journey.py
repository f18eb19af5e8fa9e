"""Two people register for the last place of an event; the first cancels through the
personal link from the e-mail and the second gets the offer."""

import datetime as dt
import email
import email.policy
import re

import pytest
from django.utils import timezone
from icalendar import Calendar

from core.content import ensure_pages
from events.models import Event, EventDay, Registration, Status


@pytest.fixture
def event(transactional_db):
    ensure_pages()
    event = Event.objects.create(
        title="Werkstatt Verwaltungspraxis",
        description="Ein offener Nachmittag.",
        place="Rathaus Musterstadt",
        address="Marktplatz 1\n12345 Musterstadt",
        capacity=1,
        registration_deadline=timezone.now() + dt.timedelta(days=10),
    )
    EventDay.objects.create(
        event=event,
        date=timezone.localdate() + dt.timedelta(days=20),
        start_time=dt.time(14),
        end_time=dt.time(17),
    )
    event.questions.create(label="Verpflegung", kind="choice", choices="vegetarisch\nvegan")
    return event


def _messages(smtp_sink, to):
    return [
        email.message_from_bytes(m.content, policy=email.policy.default)
        for m in smtp_sink.messages
        if to in m.rcpt_tos
    ]


def _body(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    raise AssertionError("no text part")


def _register(browser, event, name, address):
    page = browser.visit("/veranstaltungen/")
    page.get_by_role("link", name=event.title).click()
    browser.check_page()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("E-Mail-Adresse").fill(address)
    page.get_by_label("Verpflegung").select_option("vegan")
    page.get_by_label(re.compile("Ich bin einverstanden")).check()
    page.get_by_role("button", name="Verbindlich anmelden").click()
    browser.check_page()
    return page


def test_registration_cancel_and_offer_to_the_waiting_list(browser, event, smtp_sink):
    page = _register(browser, event, "Alex Beispiel", "alex@example.org")
    assert page.locator("#registration-result").inner_text() == (
        "Sie sind für „Werkstatt Verwaltungspraxis“ angemeldet."
    )
    (confirmation,) = _messages(smtp_sink, "alex@example.org")
    assert confirmation["Subject"] == "Anmeldung bestätigt: Werkstatt Verwaltungspraxis"
    calendars = [p for p in confirmation.walk() if p.get_content_type() == "text/calendar"]
    (entry,) = Calendar.from_ical(calendars[0].get_payload(decode=True)).walk("VEVENT")
    assert str(entry["summary"]) == "Werkstatt Verwaltungspraxis"
    assert entry["dtstart"].dt.hour == 14

    page = _register(browser, event, "Berit Muster", "berit@example.org")
    assert page.locator("#registration-result").inner_text() == (
        "Alle Plätze für „Werkstatt Verwaltungspraxis“ sind vergeben. "
        "Sie stehen auf der Warteliste."
    )

    link = re.search(r"https?://\S+(/veranstaltungen/anmeldung/\S+/)", _body(confirmation))
    page = browser.visit(link.group(1))
    assert "Bestätigt" in page.locator("#registration-status").inner_text()
    page.get_by_role("button", name="Anmeldung absagen").click()
    browser.check_page()
    assert "Abgesagt" in page.locator("#registration-status").inner_text()

    offers = [
        m for m in _messages(smtp_sink, "berit@example.org") if "Platz ist frei" in m["Subject"]
    ]
    assert len(offers) == 1
    offer_link = re.search(r"https?://\S+(/veranstaltungen/anmeldung/\S+/)", _body(offers[0]))
    page = browser.visit(offer_link.group(1))
    page.get_by_role("button", name="Platz annehmen").click()
    browser.check_page()
    assert "Bestätigt" in page.locator("#registration-status").inner_text()
    assert Registration.objects.get(email="berit@example.org").status == Status.CONFIRMED
