"""Submitting an incomplete application in a real browser: the error summary takes the
focus, its links lead to the fields, and autosave speaks through one live region."""

import re

import pytest
from playwright.sync_api import expect

from applications.services import application_start
from calls.models import Question
from municipalities.models import Municipality
from tests import factories
from tests.browser.test_application_journey import PASSWORD, journey_world, log_in  # noqa: F401


@pytest.fixture
def draft(journey_world):  # noqa: F811 - the fixture imported above
    backing = journey_world.versions.get().sections.get(position=2)
    factories.QuestionFactory(
        section=backing,
        key="verpflichtung_austausch",
        label_de="Nimmt die Kommune am Austausch der Modellkommunen teil?",
        type=Question.Type.YES_NO,
        required=True,
        required_value="yes",
    )
    coordinator = factories.CoordinatorFactory(
        municipality=Municipality.objects.get(name="Jena"),
        email="alex.beispiel@jena.example",
        password=PASSWORD,
    )
    return application_start(
        call=journey_world, municipality=coordinator.municipality, actor=coordinator
    )


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def test_refused_submit_focuses_the_summary_whose_links_focus_the_fields(browser, draft):
    page = log_in(browser, "alex.beispiel@jena.example")
    browser.visit(f"/bewerbung/{draft.pk}/")

    page.get_by_role("button", name="Bewerbung verbindlich einreichen").click()
    page.wait_for_load_state("load")
    browser.check_page()

    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("element => element === document.activeElement")
    assert summary.locator("h3").inner_text() == (
        "Die Bewerbung ist nicht eingereicht. Noch offen: 5 Pflichtangaben"
    )
    assert summary.get_by_role("link").count() == 5

    summary.get_by_role("link", name=re.compile("Warum möchten Sie")).click()
    page.wait_for_load_state("load")
    browser.check_page()
    assert focused_id(page) == "id_motivation"
    assert page.locator("#id_motivation").get_attribute("aria-invalid") == "true"

    # In the section, the summary above the form links to the same fields.
    page.reload()
    browser.check_page()
    page.locator("[data-error-summary]").get_by_role(
        "link", name=re.compile("Liegt ein Ratsbeschluss vor")
    ).click()
    assert focused_id(page) == "id_ratsbeschluss_0"


def test_autosave_speaks_through_one_live_region_and_warns_at_a_no(browser, draft):
    page = log_in(browser, "alex.beispiel@jena.example")
    browser.visit(f"/bewerbung/{draft.pk}/abschnitt/2/")
    region = page.locator("#verpflichtung_austausch-state")
    assert region.get_attribute("role") == "status"
    page.evaluate("window.liveRegion = document.getElementById('verpflichtung_austausch-state')")
    group = page.get_by_role("group", name=re.compile("Nimmt die Kommune am Austausch"))

    group.get_by_label("Nein").check()
    region.filter(has_text="Bitte beachten Sie den Hinweis").wait_for()
    assert "„Ja“ erforderlich" in page.locator("#id_verpflichtung_austausch_error").inner_text()
    # The field is marked once htmx has settled the swap; expect waits for that.
    expect(group.get_by_label("Nein")).to_have_attribute("aria-invalid", "true")
    group.get_by_label("Ja").check()
    page.locator("#verpflichtung_austausch-state:not(:has-text('Hinweis'))").wait_for()

    assert page.evaluate(
        "window.liveRegion === document.getElementById('verpflichtung_austausch-state')"
    )
    assert re.fullmatch(r"Gespeichert um \d\d:\d\d Uhr\.", region.inner_text().strip())
    expect(page.locator("#id_verpflichtung_austausch_error")).to_have_text("")
    expect(group.get_by_label("Nein")).not_to_have_attribute("aria-invalid", "true")
    browser.check_page()
