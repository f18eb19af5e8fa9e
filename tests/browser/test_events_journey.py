"""Two people register for the last place of an event and confirm their addresses by
the link in the first mail; the first cancels through that personal link and the second
gets the offer. The office removes a burst of invented registrations."""

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
        published_at=timezone.now(),
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


def _link(message) -> str:
    return re.search(r"https?://\S+(/veranstaltungen/anmeldung/\S+/)", _body(message)).group(1)


def _confirm(browser, smtp_sink, address):
    """Follow the link of the first mail and confirm there."""
    (request,) = [
        m
        for m in _messages(smtp_sink, address)
        if m["Subject"].strip().startswith("Bitte bestätigen")
    ]
    assert not [p for p in request.walk() if p.get_content_type() == "text/calendar"]
    page = browser.visit(_link(request))
    assert "Wartet auf Bestätigung" in page.locator("#registration-status").inner_text()
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    browser.check_page()
    return page, _link(request)


def test_registration_cancel_and_offer_to_the_waiting_list(browser, event, smtp_sink):
    page = _register(browser, event, "Alex Beispiel", "alex@example.org")
    assert page.locator("#registration-result").inner_text() == (
        "Wir haben Ihnen eine E-Mail mit einem Link geschickt. Ihre Anmeldung für "
        "„Werkstatt Verwaltungspraxis“ gilt erst, wenn Sie sie über diesen Link bestätigen."
    )
    assert Registration.objects.get().status == Status.AWAITING_EMAIL
    page, alex_link = _confirm(browser, smtp_sink, "alex@example.org")
    assert page.locator("#registration-result").inner_text() == (
        "Sie sind für „Werkstatt Verwaltungspraxis“ angemeldet."
    )
    (confirmation,) = [
        m for m in _messages(smtp_sink, "alex@example.org") if "bestätigt" in m["Subject"]
    ]
    assert confirmation["Subject"] == "Anmeldung bestätigt: Werkstatt Verwaltungspraxis"
    calendars = [p for p in confirmation.walk() if p.get_content_type() == "text/calendar"]
    (entry,) = Calendar.from_ical(calendars[0].get_payload(decode=True)).walk("VEVENT")
    assert str(entry["summary"]) == "Werkstatt Verwaltungspraxis"
    assert entry["dtstart"].dt.hour == 14

    _register(browser, event, "Berit Muster", "berit@example.org")
    page, _berit_link = _confirm(browser, smtp_sink, "berit@example.org")
    assert page.locator("#registration-result").inner_text() == (
        "Alle Plätze für „Werkstatt Verwaltungspraxis“ sind vergeben. "
        "Sie stehen auf der Warteliste."
    )

    page = browser.visit(alex_link)
    assert "Bestätigt" in page.locator("#registration-status").inner_text()
    page.get_by_role("button", name="Anmeldung absagen").click()
    browser.check_page()
    assert "Abgesagt" in page.locator("#registration-status").inner_text()

    offers = [
        m for m in _messages(smtp_sink, "berit@example.org") if "Platz ist frei" in m["Subject"]
    ]
    assert len(offers) == 1
    page = browser.visit(_link(offers[0]))
    page.get_by_role("button", name="Platz annehmen").click()
    browser.check_page()
    assert "Bestätigt" in page.locator("#registration-status").inner_text()
    assert Registration.objects.get(email="berit@example.org").status == Status.CONFIRMED


def test_office_removes_a_burst_of_invented_registrations(browser, event):
    from tests.browser.test_office import log_in_as_office
    from tests.events.helpers import register

    event.capacity = 10
    event.save(update_fields=["capacity"])
    for n in range(3):
        register(
            event,
            f"Bot {n}",
            email=f"bot{n}@invented.example",
            known_address="",
            client="203.0.113.7",
        )
    log_in_as_office(browser)
    page = browser.visit(f"/veranstaltungen/geschaeftsstelle/{event.pk}/")
    page.get_by_role("link", name="Auffällige Anmeldungen prüfen und entfernen").click()
    browser.check_page()
    rows = page.locator("#suspicious tbody tr")
    assert rows.count() == 3
    assert "3 Anmeldungen vom selben Anschluss innerhalb einer Stunde" in rows.first.inner_text()
    page.get_by_label("Auswählen: Bot 0").check()
    page.get_by_label("Auswählen: Bot 1").check()
    page.get_by_role("button", name="Ausgewählte Anmeldungen entfernen").click()
    browser.check_page()
    assert page.get_by_text("2 Anmeldungen sind entfernt.").is_visible()
    assert page.locator("#suspicious tbody tr").count() == 1
    assert list(event.registrations.values_list("status", flat=True).order_by("pk")) == [
        Status.CANCELLED,
        Status.CANCELLED,
        Status.AWAITING_EMAIL,
    ]


def test_registration_form_is_styled_and_an_empty_one_leads_to_each_field(browser, event):
    page = browser.visit(f"/veranstaltungen/{event.pk}/")
    name = page.get_by_label("Name", exact=True)
    assert name.get_attribute("class") == "kern-form-input__input"

    page.get_by_role("button", name="Verbindlich anmelden").click()
    browser.check_page()

    assert name.get_attribute("class") == "kern-form-input__input kern-form-input__input--error"
    assert name.get_attribute("aria-describedby") == "id_name_error"
    assert name.get_attribute("aria-invalid") == "true"
    summary_links = page.locator(".kern-alert--danger a")
    assert summary_links.evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "#id_name",
        "#id_email",
        "#id_datenschutz",
    ]
    summary_links.first.click()
    assert page.evaluate("document.activeElement.id") == "id_name"


def test_office_cancels_a_registration_and_adds_one_by_phone_by_keyboard(browser, event, smtp_sink):
    from tests.browser.test_office import log_in_as_office
    from tests.events.helpers import register

    register(event, "Alex Beispiel", email="alex@example.org")
    register(event, "Berit Muster", email="berit@example.org")  # waits for the one place
    log_in_as_office(browser)
    page = browser.visit(f"/veranstaltungen/geschaeftsstelle/{event.pk}/")

    page.get_by_role("link", name="Anmeldung von Alex Beispiel absagen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    browser.check_page()
    page.get_by_label("Grund der Absage").focus()
    page.keyboard.type("Doppelt angemeldet")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    browser.check_page()
    assert page.get_by_text("Die Anmeldung von Alex Beispiel ist abgesagt.").is_visible()
    statuses = dict(event.registrations.values_list("email", "status"))
    assert statuses == {"alex@example.org": Status.CANCELLED, "berit@example.org": Status.OFFERED}
    (cancelled,) = _messages(smtp_sink, "alex@example.org")[-1:]
    assert cancelled["Subject"] == "Abgesagt: Werkstatt Verwaltungspraxis"
    assert "Grund: Doppelt angemeldet" in _body(cancelled)

    page.get_by_role("link", name="Anmeldung eintragen (z. B. nach einem Anruf)").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    browser.check_page()
    page.get_by_label("Name", exact=True).focus()
    page.keyboard.type("Cem Yilmaz")
    page.keyboard.press("Tab")
    page.keyboard.type("cem@example.org")
    page.get_by_role("button", name="Anmeldung eintragen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    browser.check_page()
    # Berit's offer holds the only place: the office must say it goes over the places.
    assert page.evaluate("document.activeElement.dataset.errorSummary") == ""
    consent = page.get_by_label("Auch aufnehmen, wenn an einem der Tage kein Platz mehr frei ist")
    consent.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Anmeldung eintragen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    browser.check_page()
    assert page.get_by_text(
        "Cem Yilmaz ist angemeldet und erhält die Bestätigung per E-Mail."
    ).is_visible()
    assert Registration.objects.get(email="cem@example.org").status == Status.CONFIRMED
    (confirmation,) = _messages(smtp_sink, "cem@example.org")
    assert confirmation["Subject"] == "Anmeldung bestätigt: Werkstatt Verwaltungspraxis"
    assert [p for p in confirmation.walk() if p.get_content_type() == "text/calendar"]
