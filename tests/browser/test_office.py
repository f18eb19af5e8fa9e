"""The office pages in a real browser: axe-core on each page, the htmx filter and sort
swap the results without leaving the page, and the list works by keyboard."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.models import Role
from core.models import Page, ScheduledRun
from tests import factories
from tests.helpers import login_verified
from tests.office.conftest import (  # noqa: F401, F811 -- fixtures of the office tests
    answer_create,
    media_storage,
    questionnaire,
)

pytestmark = pytest.mark.browser


def log_in_as_office(browser):
    user = factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example")
    client = Client()
    login_verified(client, user)
    browser.page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": browser.base_url,
            }
        ]
    )


def settled(page):
    """Wait until htmx has wired up the swapped content (it does so after settling);
    a click before that is an ordinary page load."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )


@pytest.mark.django_db(transaction=True)
def test_office_pages_pass_axe(browser, questionnaire, media_storage):  # noqa: F811
    log_in_as_office(browser)
    municipality = factories.MunicipalityFactory(name="Musterstadt")
    application = factories.ApplicationFactory(
        call=questionnaire.call, municipality=municipality, reference="KFA-2025-00001"
    )
    answer_create(application=application, question=questionnaire.contact, value="Erika")
    Page.objects.create(slug="impressum", title_de="Impressum", body_de="Text")

    for path in [
        "/geschaeftsstelle/",
        "/geschaeftsstelle/bewerbungen/",
        "/geschaeftsstelle/bewerbungen/?call=abc",
        f"/geschaeftsstelle/bewerbungen/{application.pk}/",
        "/geschaeftsstelle/statistik/",
        "/geschaeftsstelle/protokoll/",
        "/geschaeftsstelle/seiten/",
        "/geschaeftsstelle/seiten/impressum/",
    ]:
        page = browser.visit(path)
        assert page.locator("h1").count() == 1, path


@pytest.mark.django_db(transaction=True)
def test_office_list_filters_and_sorts_in_place_with_htmx(browser):
    log_in_as_office(browser)
    call = factories.CallFactory()
    for name in ["Aachen", "Bonn", "Köln"]:
        factories.ApplicationFactory(
            call=call,
            municipality=factories.MunicipalityFactory(name=name, search_name=name.lower()),
        )
    page = browser.visit("/geschaeftsstelle/bewerbungen/?sort=name")
    rows = page.locator("#bewerbungen tbody th[scope=row]")
    assert rows.all_inner_texts() == ["Aachen", "Bonn", "Köln"]

    page.get_by_role("main").get_by_label("Suche").fill("bon")
    page.get_by_role("main").get_by_label("Suche").press("Enter")
    # The URL changes before the swap; wait for the swapped content itself.
    expect(page.locator("#bewerbungen-anzahl")).to_have_text("1 Bewerbung gefunden")
    expect(rows).to_have_text(["Bonn"])
    settled(page)
    assert "q=bon" in page.url
    browser.check_page()

    page.get_by_role("main").get_by_label("Suche").fill("")
    page.get_by_role("button", name="Filter anwenden").click()
    expect(rows).to_have_count(3)
    settled(page)
    page.locator("#sortieren-name").focus()
    page.keyboard.press("Enter")
    expect(page.locator("th[aria-sort=descending]")).to_have_text("Kommune")
    expect(rows).to_have_text(["Köln", "Bonn", "Aachen"])
    assert "sort=-name" in page.url
    assert page.evaluate("document.activeElement.id") == "sortieren-name"
    browser.check_page()


@pytest.mark.django_db(transaction=True)
def test_scheduled_jobs_page_shows_runs_and_passes_axe_in_both_languages(browser):
    from core.scheduler import Scheduler

    log_in_as_office(browser)
    Scheduler().tick()
    ScheduledRun.objects.filter(job="send_event_reminders").update(
        outcome=ScheduledRun.Outcome.FAILED, error="smtplib.SMTPServerDisconnected"
    )

    page = browser.visit("/geschaeftsstelle/")
    page.get_by_role("link", name="Geplante Aufgaben").click()
    browser.check_page()
    expect(page.locator("h1")).to_have_text("Geplante Aufgaben")
    table = page.get_by_role("table", name="Geplante Aufgaben mit letztem und nächstem Lauf")
    failed = table.locator("tr[data-job=send_event_reminders]")
    expect(failed).to_contain_text("fehlgeschlagen")
    expect(failed).to_contain_text("smtplib.SMTPServerDisconnected")
    expect(table.locator("tr[data-job=clearsessions]")).to_contain_text("erfolgreich")
    expect(table.locator("tr[data-job=clearsessions]")).to_contain_text("täglich um 03:00 Uhr")
    # On a narrow screen the table scrolls in a region that the keyboard can reach.
    page.set_viewport_size({"width": 320, "height": 800})
    browser.check_page()
    page.set_viewport_size({"width": 1280, "height": 900})

    browser.page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": browser.base_url}]
    )
    page = browser.visit("/geschaeftsstelle/zeitplan/")
    expect(page.locator("h1")).to_have_text("Scheduled jobs")
    expect(page.locator("tr[data-job=clearsessions]")).to_contain_text("daily at 03:00")


@pytest.mark.django_db(transaction=True)
def test_office_list_keeps_focus_on_the_table_when_the_next_page_link_disappears(
    browser, monkeypatch
):
    monkeypatch.setattr("office.views.applications.PAGE_SIZE", 2)
    log_in_as_office(browser)
    call = factories.CallFactory()
    for name in ["Aachen", "Bonn", "Köln"]:
        factories.ApplicationFactory(
            call=call,
            municipality=factories.MunicipalityFactory(name=name, search_name=name.lower()),
        )
    page = browser.visit("/geschaeftsstelle/bewerbungen/?sort=name")

    page.locator("#seite-weiter").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#bewerbungen caption")).to_have_text("Bewerbungen, Seite 2 von 2")
    settled(page)

    focused = page.evaluate(
        "[document.activeElement.tagName, document.activeElement.textContent.trim()]"
    )
    assert focused == ["CAPTION", "Bewerbungen, Seite 2 von 2"]
    browser.check_page()


@pytest.mark.django_db(transaction=True)
def test_audit_trail_filters_in_place_and_downloads_what_it_shows(browser):
    from core.audit import audit_record

    log_in_as_office(browser)
    page_obj = Page.objects.create(slug="impressum", title_de="Impressum", body_de="Text")
    dana = factories.UserFactory(full_name="Dana Beispiel")
    emil = factories.UserFactory(full_name="Emil Muster")
    audit_record(actor=dana, action="page_created", obj=page_obj)
    audit_record(actor=emil, action="page_updated", obj=page_obj, changes={"x": [1.5, 2]})
    page = browser.visit("/geschaeftsstelle/protokoll/")
    rows = page.locator("#protokoll tbody tr")
    expect(rows).to_have_count(2)

    page.get_by_label("Person").fill("muster")
    page.get_by_role("button", name="Filter anwenden").click()
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Seite geändert")
    expect(rows).to_contain_text("1,5 → 2")
    settled(page)
    assert "person=muster" in page.url
    browser.check_page()

    with page.expect_download() as info:
        page.locator("#protokoll-csv").click()
    download = info.value
    assert download.suggested_filename.startswith("protokoll-")
    text = download.path().read_text(encoding="utf-8-sig")
    assert "Emil Muster" in text
    assert "Dana Beispiel" not in text

    page.get_by_label("Von (Tag)").fill("2026-03-05")
    page.get_by_label("Bis (Tag)").fill("2026-03-01")
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page.locator("#protokoll")).to_contain_text(
        "Der letzte Tag darf nicht vor dem ersten liegen."
    )
    settled(page)
    browser.check_page()
