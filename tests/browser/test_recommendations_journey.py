"""The recommendations in a real browser, by keyboard only: the office writes a
recommendation with two paragraphs, freezes the version, starts the next draft,
changes a word and finds the change marked on the comparison page. axe-core runs on
every page."""

import re

import pytest
from playwright.sync_api import expect

from recommendations import services
from recommendations.models import Paragraph, Recommendation, Version
from tests.browser.test_trainings_journey import log_in_by_cookie
from tests.recommendations.helpers import office_user

pytestmark = pytest.mark.browser


def press(browser, locator):
    """Reach ``locator`` by focus and press Enter there, then check the page it leads to."""
    locator.focus()
    with browser.page.expect_navigation():
        browser.page.keyboard.press("Enter")
    browser.check_page()


def type_into(browser, label: str, text: str):
    field = browser.page.get_by_label(label)
    field.focus()
    browser.page.keyboard.press("ControlOrMeta+a")
    browser.page.keyboard.type(text)


def link(page, action: str, what: str):
    """A link named by its visible action and the hidden words that say what it acts on."""
    return page.get_by_role("link", name=re.compile(rf"^{action}\W+{re.escape(what)}$"))


def test_office_writes_freezes_drafts_again_and_sees_the_difference(browser, transactional_db):
    office = office_user()
    document = services.document_create(slug="he", title_de="Handlungsempfehlungen", actor=office)
    draft = document.versions.get()
    services.chapter_add(version=draft, title="Zugang zu Leistungen", actor=office)
    log_in_by_cookie(browser, office)
    page = browser.visit(f"/geschaeftsstelle/empfehlungen/fassungen/{draft.pk}/")

    press(browser, link(page, "Empfehlung hinzufügen", "Zugang zu Leistungen"))
    type_into(browser, "Titel der Empfehlung", "Bescheide verständlich schreiben")
    page.get_by_role("checkbox", name="Ausländerbehörde").focus()
    page.keyboard.press("Space")
    press(browser, page.get_by_role("button", name="Speichern"))
    expect(page.get_by_role("heading", name="1.1 Bescheide verständlich schreiben")).to_be_visible()

    for text in ("Die Behörde prüft den Antrag.", "Sie erklärt jede Ablehnung."):
        press(browser, link(page, "Absatz hinzufügen", "Empfehlung 1.1"))
        type_into(browser, "Text des Absatzes", text)
        press(browser, page.get_by_role("button", name="Speichern"))
    expect(page.get_by_text("Sie erklärt jede Ablehnung.")).to_be_visible()

    press(browser, page.get_by_role("link", name="Fassung einfrieren"))
    type_into(browser, "Bezeichnung der eingefrorenen Fassung", "1.0")
    press(browser, page.get_by_role("button", name="Fassung einfrieren"))
    expect(
        page.get_by_text("1.0 ist eingefroren; ihr Text ändert sich nicht mehr.")
    ).to_be_visible()

    press(browser, page.get_by_role("link", name="Zurück zum Dokument"))
    press(browser, page.get_by_role("button", name="Nächsten Entwurf anlegen"))
    press(browser, link(page, "Absatz bearbeiten", "Absatz 1 der Empfehlung 1.1"))
    type_into(browser, "Text des Absatzes", "Die Behörde prüft jeden Antrag.")
    press(browser, page.get_by_role("button", name="Speichern"))

    press(browser, page.get_by_role("link", name="Zurück zum Dokument"))
    press(browser, page.get_by_role("link", name="Fassungen vergleichen"))
    expect(page.get_by_role("heading", name="Von 1.0 zu Entwurf 2")).to_be_visible()
    expect(page.locator("del.diff")).to_have_text("gestrichen: −den")
    expect(page.locator("ins.diff")).to_have_text("eingefügt: +jeden")
    assert Version.objects.count() == 2
    assert sorted(Recommendation.objects.values_list("departments__code", flat=True)) == [
        "auslaenderbehoerde",
        "auslaenderbehoerde",
    ]
    assert sorted(Paragraph.objects.values_list("text", flat=True)) == [
        "Die Behörde prüft den Antrag.",
        "Die Behörde prüft jeden Antrag.",
        "Sie erklärt jede Ablehnung.",
        "Sie erklärt jede Ablehnung.",
    ]
