"""Evaluation in a real browser: a participant answers a survey by its link on a
phone-sized screen; once the survey is closed the office reads the results and sees a
suppressed group marked as such. axe-core runs on every page, including the form with an
error."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from evaluation.models import Response
from tests import factories
from tests.evaluation import helpers
from tests.helpers import login_verified

pytestmark = pytest.mark.browser


def log_in_by_cookie(browser, user):
    """The office's log-in needs a second factor: a verified session cookie instead."""
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


@pytest.fixture
def evaluation_world(transactional_db):
    jena = factories.MunicipalityFactory(name="Jena")
    erfurt = factories.MunicipalityFactory(name="Erfurt")
    version = helpers.instrument(code="rueckmeldung")
    open_survey = helpers.survey(version, municipality=jena, title="Rückmeldung Jena")
    helpers.answer(open_survey, 4, klar=5, text="Gut strukturiert.")
    small = helpers.survey(
        version,
        municipality=erfurt,
        title="Rückmeldung Erfurt",
        opens_at=timezone.now() - dt.timedelta(days=3),
        closed=True,
    )
    helpers.answer(small, 3, klar=1)
    return {
        "version": version,
        "survey": open_survey,
        "office": factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example"),
    }


def test_participant_answers_on_a_phone_and_office_sees_suppression(browser, evaluation_world):
    survey = evaluation_world["survey"]
    browser.page.set_viewport_size({"width": 375, "height": 667})
    page = browser.visit(f"/evaluation/befragung/{survey.token}/")
    expect(page.get_by_role("heading", name="Instrument rueckmeldung")).to_be_visible()
    # The page fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # Sent without the required answer: the error stands at the field, in German.
    page.get_by_role("button", name="Antworten absenden").click()
    browser.check_page()
    klar = helpers.item(evaluation_world["version"], "klar")
    expect(page.locator(f"#id_item_{klar.pk}_error")).to_have_text(
        "Dieses Feld ist zwingend erforderlich."
    )
    group = page.get_by_role("group", name="Frage klar")
    group.get_by_label("eher", exact=True).check()
    page.get_by_role("group", name="Frage themen").get_by_label("B", exact=True).check()
    page.get_by_label("Frage anregung").fill("Mehr Beispiele aus dem Bürgeramt.")
    page.get_by_role("button", name="Antworten absenden").click()
    browser.check_page()
    expect(page.get_by_role("heading", name="Vielen Dank für Ihre Antworten")).to_be_visible()
    assert Response.objects.filter(survey=survey).count() == 5

    # Going back and sending the same page again stores nothing more.
    page.go_back()
    browser.check_page()
    assert Response.objects.filter(survey=survey).count() == 5

    browser.page.set_viewport_size({"width": 1280, "height": 900})
    log_in_by_cookie(browser, evaluation_world["office"])
    # While the survey is open no figure is shown: two visits must not reveal an answer.
    page = browser.visit(f"/evaluation/ergebnisse/{survey.pk}/")
    expect(
        page.get_by_text("Ergebnisse erscheinen, sobald die Befragung geschlossen ist.")
    ).to_be_visible()
    helpers.close(survey)

    version = evaluation_world["version"]
    page = browser.visit(f"/evaluation/geschaeftsstelle/versionen/{version.pk}/ergebnisse/")
    page.get_by_label("Aufschlüsseln").select_option(label="nach Kommune")
    page.get_by_role("button", name="Anzeigen").click()
    browser.check_page()
    table = page.get_by_role("table", name="Aufschlüsselung")
    expect(table.get_by_role("row", name="Jena")).to_contain_text("5")
    expect(table.get_by_role("row", name="Erfurt")).to_contain_text(
        "weniger als 5 Antworten – nicht ausgewiesen"
    )
    expect(page.get_by_text("Mehr Beispiele aus dem Bürgeramt.")).to_be_visible()
    expect(page.get_by_role("img", name="Frage klar")).to_be_visible()

    page = browser.visit(f"/evaluation/ergebnisse/{survey.pk}/")
    expect(page.get_by_text("5 Antworten", exact=True).first).to_be_visible()
    expect(page.get_by_text("Gut strukturiert.").first).to_be_visible()


@pytest.mark.parametrize("role", ["office", "coordinator"])
def test_every_evaluation_page_passes_axe(browser, transactional_db, role):
    """Every evaluation page a role can open with a GET, with the permission world's data
    (including the builder's forms, the QR code and a draft's editing page)."""
    from tests.evaluation.test_permission_world import build_world, evaluation_patterns
    from tests.test_permissions import build_path

    world = build_world()
    draft = helpers.instrument(code="entwurf", published=False)
    client = Client()
    login_verified(client, world["users"][role])
    browser.page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": browser.base_url,
            }
        ]
    )
    checked = []
    paths = [build_path(route, world["kwargs"], name) for name, route, _ in evaluation_patterns()]
    paths.append(f"/evaluation/geschaeftsstelle/versionen/{draft.pk}/")
    for path in paths:
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            browser.visit(path)
            checked.append(path)
    assert len(checked) >= (10 if role == "office" else 3)


def test_office_ends_a_survey_and_reads_results_after_settling(browser, evaluation_world):
    survey = evaluation_world["survey"]
    helpers.answer(survey, 1, klar=1)
    log_in_by_cookie(browser, evaluation_world["office"])
    page = browser.visit(f"/evaluation/geschaeftsstelle/befragungen/{survey.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Befragung jetzt beenden").click()
    browser.check_page()
    expect(page.get_by_text("Die Befragung ist beendet.", exact=False).first).to_be_visible()
    expect(page.get_by_role("button", name="Befragung jetzt beenden")).to_have_count(0)

    # Closed, but not settled: still no figure.
    page = browser.visit(f"/evaluation/ergebnisse/{survey.pk}/")
    expect(
        page.get_by_text("Ergebnisse erscheinen, sobald die Befragung geschlossen ist.")
    ).to_be_visible()

    helpers.close(survey)
    page = browser.visit(f"/evaluation/ergebnisse/{survey.pk}/")
    table = page.get_by_role("table", name="Verteilung der Antworten").first
    expect(table.get_by_role("row", name="1 – gar nicht")).to_contain_text("nicht ausgewiesen")
    expect(table.get_by_role("row", name="5 – voll")).to_contain_text("nicht ausgewiesen")


def test_office_moves_the_end_previews_and_closes_with_confirmation(browser, evaluation_world):
    survey = evaluation_world["survey"]
    answered = Response.objects.count()
    log_in_by_cookie(browser, evaluation_world["office"])
    detail = f"/evaluation/geschaeftsstelle/befragungen/{survey.pk}/"
    page = browser.visit(detail)

    # An end in the past: a German message at the field, checked by axe.
    page.get_by_label("Neues Ende").fill("2001-01-01T10:00")
    page.get_by_role("button", name="Ende speichern").click()
    browser.check_page()
    expect(page.get_by_text("Das neue Ende muss in der Zukunft liegen.").first).to_be_visible()

    later = timezone.localtime(survey.closes_at + dt.timedelta(days=7), ZoneInfo("Europe/Berlin"))
    page.get_by_label("Neues Ende").fill(later.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Ende speichern").click()
    browser.check_page()
    expect(page.get_by_text("Die Befragung läuft jetzt bis", exact=False)).to_be_visible()
    survey.refresh_from_db()
    assert survey.closes_at.replace(second=0, microsecond=0) == later.replace(
        second=0, microsecond=0
    )

    # The preview shows the questions, offers no way to send them and stores nothing.
    page.get_by_role("link", name="Vorschau des Fragebogens ansehen").click()
    browser.check_page()
    expect(page.get_by_text("Vorschau: So sehen Teilnehmende", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Antworten absenden")).to_have_count(0)
    page.get_by_role("link", name="Zurück zur Befragung").click()
    browser.check_page()
    assert Response.objects.count() == answered

    # Closing asks first: declining keeps the survey open, accepting ends it.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Befragung jetzt beenden").click()
    expect(page.get_by_role("button", name="Befragung jetzt beenden")).to_be_visible()
    survey.refresh_from_db()
    assert survey.closed_at is None
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Befragung jetzt beenden").click()
    browser.check_page()
    expect(page.get_by_role("button", name="Befragung jetzt beenden")).to_have_count(0)
    expect(page.get_by_role("button", name="Ende speichern")).to_have_count(0)
    survey.refresh_from_db()
    assert survey.closed_at is not None

    # The participants' link now says the survey has ended.
    browser.visit(f"/evaluation/befragung/{survey.token}/")
    expect(browser.page.get_by_role("button", name="Antworten absenden")).to_have_count(0)
    assert Response.objects.count() == answered


def test_office_opens_a_session_survey_by_keyboard_with_the_pickers(browser, transactional_db):
    """The municipality first (the model municipalities offered, others found by
    search), then its sessions by date and place: all of it with the keyboard."""
    from municipalities.models import Municipality
    from tests.programme_helpers import berlin, model_cohort, session

    thuringia = factories.LandFactory(code="16", name="Thüringen")
    erfurt = factories.MunicipalityFactory(name="Erfurt", land=thuringia)
    weimar = factories.MunicipalityFactory(name="Weimar", land=thuringia)
    factories.MunicipalityFactory(
        name="Jena", land=thuringia, kind=Municipality.Kind.KREISFREIE_STADT
    )
    call = model_cohort([erfurt, weimar])
    session(call, erfurt, berlin(2026, 3, 20, 10))
    training = session(call, weimar, berlin(2026, 3, 27, 10))
    version = helpers.instrument(code="feedback")
    office = factories.UserFactory(role=Role.OFFICE)
    log_in_by_cookie(browser, office)
    page = browser.visit(f"/evaluation/geschaeftsstelle/versionen/{version.pk}/befragung/")

    page.get_by_label("Titel der Befragung").focus()
    page.keyboard.type("Rückmeldung Modul Weimar")

    # A municipality outside the cohort is found by typing; the matches come in place.
    page.get_by_label("Kommune suchen: Name, Postleitzahl oder Gemeindeschlüssel").focus()
    page.keyboard.type("jen")
    expect(page.get_by_text("1 Treffer zu „jen“")).to_be_visible()
    expect(page.get_by_label("Jena (Kreisfreie Stadt, Thüringen)")).to_be_visible()
    browser.check_page()

    # A model municipality from the short list, with the arrow keys; its sessions follow.
    page.get_by_label("Erfurt (Stadt, Thüringen)").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Weimar (Stadt, Thüringen)")).to_be_checked()
    sessions = page.get_by_label("Schulungstermin")
    expect(sessions.locator("option")).to_have_text(
        ["---------", "Grundlagen Rassismuskritik – 27. März 2026, Weimar (Rathaus)"]
    )
    browser.check_page()
    sessions.focus()
    page.keyboard.press("ArrowDown")
    expect(sessions).to_have_value(str(training.pk))

    page.get_by_label("Beginn").fill("2026-03-27T12:00")
    page.get_by_label("Ende").fill("2026-04-10T18:00")
    page.get_by_role("button", name="Speichern").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/geschaeftsstelle/befragungen/*/")
    browser.check_page()
    survey = version.surveys.get()
    assert (survey.title, survey.target_kind, survey.target_id, survey.municipality) == (
        "Rückmeldung Modul Weimar",
        "session",
        training.pk,
        weimar,
    )
