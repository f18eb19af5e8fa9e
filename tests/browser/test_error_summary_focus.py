"""After a failed submit the error summary has the focus, and each of its links moves the
focus to its field: registering, logging in, registering for an event and answering a
survey, each checked by axe."""

import datetime as dt

import pytest
from django.utils import timezone

from core.content import ensure_pages
from events.models import Event, EventDay
from tests.evaluation import helpers as evaluation


def focused(page) -> str:
    return page.evaluate(
        "document.activeElement.id || document.activeElement.getAttribute('data-error-summary')"
    )


def links_of_the_summary(page) -> list[str]:
    return page.locator("[data-error-summary] a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


def described_ids_missing(page) -> list[str]:
    """The ids named in an aria-describedby that no element of the page has."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('[aria-describedby]'))
            .flatMap(el => el.getAttribute('aria-describedby').split(' '))
            .filter(id => id && !document.getElementById(id))"""
    )


def submit_empty(browser, path, button):
    page = browser.visit(path)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state("load")
    browser.check_page()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert described_ids_missing(page) == []
    return page


def follow_each_link(page, hrefs):
    for href in hrefs:
        page.locator(f"[data-error-summary] a[href='{href}']").click()
        assert f"#{focused(page)}" == href


@pytest.fixture
def world(transactional_db):
    ensure_pages()


def test_register_focuses_the_summary_whose_links_focus_each_field(browser, world):
    page = submit_empty(browser, "/konto/registrieren/", "Konto anlegen")

    hrefs = links_of_the_summary(page)
    assert "#id_email" in hrefs
    follow_each_link(page, hrefs)


def test_login_focuses_the_summary_whose_links_focus_each_field(browser, world):
    page = submit_empty(browser, "/konto/anmelden/", "Anmelden")

    assert links_of_the_summary(page) == ["#id_email", "#id_password"]
    follow_each_link(page, ["#id_email", "#id_password"])


def test_event_registration_focuses_the_summary_and_names_the_consent(browser, world):
    event = Event.objects.create(
        title="Werkstatt Verwaltungspraxis",
        place="Rathaus Musterstadt",
        capacity=10,
        registration_deadline=timezone.now() + dt.timedelta(days=10),
        published_at=timezone.now(),
    )
    EventDay.objects.create(
        event=event,
        date=timezone.localdate() + dt.timedelta(days=20),
        start_time=dt.time(14),
        end_time=dt.time(17),
    )
    event.questions.create(
        label="Verpflegung", kind="choice", choices="vegetarisch\nvegan", required=True
    )

    page = submit_empty(browser, f"/veranstaltungen/{event.pk}/", "Verbindlich anmelden")

    question = f"#id_frage_{event.questions.get().pk}"
    assert links_of_the_summary(page) == ["#id_name", "#id_email", question, "#id_datenschutz"]
    assert page.locator("[data-error-summary] a[href='#id_datenschutz']").inner_text() == (
        "Bitte stimmen Sie zu, dass Ihre Angaben für diese Veranstaltung gespeichert werden."
    )
    follow_each_link(page, ["#id_name", "#id_email", question, "#id_datenschutz"])
    assert page.locator("#id_name").get_attribute("autocomplete") == "name"
    assert page.locator("#id_email").get_attribute("autocomplete") == "email"
    assert page.locator("#id_datenschutz").get_attribute("aria-required") == "true"
    box = page.locator("#id_datenschutz").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    # The select draws KERN's arrow only: the browser's own is switched off.
    assert page.locator(question).evaluate("el => getComputedStyle(el).appearance") == "none"


def test_survey_focuses_the_summary_whose_link_focuses_the_first_option(browser, world):
    version = evaluation.instrument()
    survey = evaluation.survey(version)
    klar = evaluation.item(version, "klar")

    page = submit_empty(browser, f"/evaluation/befragung/{survey.token}/", "Antworten absenden")

    assert links_of_the_summary(page) == [f"#id_item_{klar.pk}_0"]
    follow_each_link(page, [f"#id_item_{klar.pk}_0"])
