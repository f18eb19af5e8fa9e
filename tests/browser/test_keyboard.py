"""The application can be filled in and submitted with the keyboard alone."""

import pytest

from applications.models import Application
from applications.services import application_start
from calls.models import Question
from tests import factories

PASSWORD = "Tastatur-Passwort-2025"


def tab_to(page, accessible_name: str, limit: int = 80) -> None:
    """Press Tab until the focused element has this label or text (as a keyboard user)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el) return "";
                const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
                return (label || el.innerText || el.value || "").trim();
            }"""
        )
        if name == accessible_name:
            return
    raise AssertionError(f"{accessible_name!r} not reachable with the Tab key")


@pytest.fixture
def draft(transactional_db):
    section = factories.SectionFactory(title_de="Motivation")
    factories.QuestionFactory(
        section=section,
        key="ratsbeschluss",
        label_de="Ratsbeschluss vorhanden?",
        type=Question.Type.YES_NO,
        required=True,
    )
    factories.QuestionFactory(
        section=section,
        key="motivation",
        label_de="Ihre Motivation",
        type=Question.Type.LONG_TEXT,
        required=True,
    )
    coordinator = factories.CoordinatorFactory(email="tastatur@example.org", password=PASSWORD)
    return application_start(
        call=section.version.call, municipality=coordinator.municipality, actor=coordinator
    )


def test_application_is_answered_and_submitted_by_keyboard(browser, draft):
    page = browser.visit("/konto/anmelden/")
    tab_to(page, "E-Mail-Adresse")
    page.keyboard.type("tastatur@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/bewerbung/")
    browser.check_page()

    browser.visit(f"/bewerbung/{draft.pk}/abschnitt/1/")
    tab_to(page, "Ja")
    page.keyboard.press("Space")
    tab_to(page, "Ihre Motivation")
    page.keyboard.type("Wir wollen gerechte Abläufe für alle.")
    tab_to(page, "Speichern und zur Übersicht")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/bewerbung/{draft.pk}/")
    browser.check_page()

    tab_to(page, "Bewerbung verbindlich einreichen")
    page.keyboard.press("Enter")
    page.locator("#status").filter(has_text="Eingereicht").wait_for()
    browser.check_page()
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED


def test_section_page_fits_a_phone_screen(browser, draft):
    page = browser.page
    page.set_viewport_size({"width": 375, "height": 740})
    browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("tastatur@example.org")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser.visit(f"/bewerbung/{draft.pk}/abschnitt/1/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
