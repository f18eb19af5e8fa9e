"""Trainings in a real browser: a coordinator records a session and sees the training
commitment turn met; a trainer gives feedback by keyboard and the office reads it.
axe-core runs on every page, including forms that show errors."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from tests import factories
from tests.helpers import login_verified, minimal_pdf
from tests.programme_helpers import model_cohort
from trainings import services
from trainings.models import (
    FeedbackSource,
    ModuleMaterial,
    ModuleStatus,
    ModuleVersion,
    SessionFeedback,
    TrainingModule,
)

pytestmark = pytest.mark.browser
PASSWORD = factories.PASSWORD


def periods_around(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Three programme years, the first with ``today`` well inside it, so the sessions of
    the last weeks fall into the same year whatever the date the test runs on."""
    first = (today - dt.timedelta(days=200), today + dt.timedelta(days=165))
    second = (first[1] + dt.timedelta(days=1), first[1] + dt.timedelta(days=365))
    third = (second[1] + dt.timedelta(days=1), second[1] + dt.timedelta(days=365))
    return [first, second, third]


def log_in(browser, email_address):
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email_address)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser.check_page()
    return page


def log_in_by_cookie(browser, user):
    """For the office, whose log-in needs a second factor: a verified session cookie."""
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
def trainings_world(transactional_db):
    municipality = factories.MunicipalityFactory(name="Jena")
    coordinator = factories.CoordinatorFactory(
        municipality=municipality, email="koordination@jena.example", full_name="Alex Beispiel"
    )
    call = model_cohort([municipality], periods=periods_around(timezone.localdate()))
    trainer = factories.UserFactory(
        role=Role.TRAINER, email="trainerin@eccar.example", full_name="Amina Yıldırım"
    )
    module = TrainingModule.objects.create(code="grundlagen")
    version = ModuleVersion.objects.create(
        module=module,
        number=1,
        title="Grundlagen Rassismuskritik in der Verwaltung",
        aims="Rassismus in Verwaltungsroutinen erkennen und verändern.",
        target_group="Alle Beschäftigten",
        duration_minutes=360,
        format="in_person",
    )
    version.trainers.add(trainer)
    # Materials go onto the draft; once published, the version stays as it is.
    services.material_add(
        version=version,
        title="Handout",
        upload=SimpleUploadedFile("Handout.pdf", minimal_pdf()),
        actor=None,
    )
    version = services.version_publish(
        version=version, status=ModuleStatus.STANDARDISED, actor=None
    )
    # One session held already this programme year; the browser records the second.
    earlier = services.session_plan(
        call=call,
        municipality=municipality,
        module_version=version,
        starts_at=timezone.now() - dt.timedelta(days=20),
        online=True,
        trainer=trainer,
        actor=coordinator,
    )
    services.session_record_held(
        session=earlier, participants=15, departments="Bürgeramt", actor=coordinator
    )
    return {
        "coordinator": coordinator,
        "trainer": trainer,
        "version": version,
        "earlier": earlier,
        "office": factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example"),
    }


def test_coordinator_records_a_session_and_sees_the_commitment_met(
    browser, trainings_world, tmp_path
):
    attendance = tmp_path / "Teilnahmeliste.pdf"
    attendance.write_bytes(minimal_pdf())
    two_days_ago = timezone.localtime() - dt.timedelta(days=2)

    page = log_in(browser, "koordination@jena.example")
    # One held session of two: the commitment is not met yet.
    page = browser.visit("/programmbereich/")
    badge = page.locator('[data-commitment="training_sessions"] .status-badge')
    expect(badge).to_contain_text("auf Kurs")
    expect(badge).not_to_contain_text("erfüllt")

    page = browser.visit("/schulungen/termine/")
    page.get_by_role("link", name="Termin planen").click()
    browser.check_page()

    # A first try without a place shows the error at the field, in German.
    page.get_by_label("Modul").select_option(
        label="Grundlagen Rassismuskritik in der Verwaltung (Version 1)"
    )
    page.get_by_label("Beginn").fill(two_days_ago.strftime("%Y-%m-%dT09:00"))
    page.get_by_role("button", name="Termin planen").click()
    browser.check_page()
    expect(page.locator("#id_location_error")).to_have_text(
        "Bitte geben Sie den Ort an oder wählen Sie „online“."
    )
    page.get_by_label("Ort").fill("Rathaus Jena, Ratssaal")
    page.get_by_label("Trainer*in").select_option(label="Amina Yıldırım")
    page.get_by_role("button", name="Termin planen").click()
    browser.check_page()
    expect(page.get_by_text("Der Termin ist geplant.")).to_be_visible()

    page.get_by_role("link", name="Als durchgeführt erfassen").click()
    browser.check_page()
    page.get_by_label("Zahl der Teilnehmenden").fill("12")
    page.get_by_label("Erreichte Fachbereiche").fill("Bürgeramt, Jugendamt, Ordnungsamt")
    page.get_by_label("Teilnahmeliste (PDF)").set_input_files(str(attendance))
    page.get_by_role("button", name="Als durchgeführt erfassen").click()
    browser.check_page()
    expect(
        page.get_by_text("Der Termin ist als durchgeführt erfasst und zählt für Ihre Zusage.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Teilnahmeliste.pdf")).to_be_visible()

    page = browser.visit("/programmbereich/")
    badge = page.locator('[data-commitment="training_sessions"] .status-badge')
    expect(badge).to_contain_text("erfüllt")


def test_trainer_gives_feedback_by_keyboard_and_office_reads_it(browser, trainings_world):
    page = log_in(browser, "trainerin@eccar.example")
    page = browser.visit("/schulungen/meine-termine/")
    page.get_by_role("link", name="Rückmeldung geben").click()
    browser.check_page()

    page.get_by_label("Was hat gut funktioniert?").focus()
    page.keyboard.type("Die Fallbeispiele aus dem Bürgeramt.")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Was sollte sich ändern?")).to_be_focused()
    page.keyboard.type("Mehr Zeit für die Übungen.")
    page.keyboard.press("Tab")
    expect(page.get_by_label("bereit zur Standardisierung")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("nach Änderungen geeignet")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Rückmeldung speichern")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    browser.check_page()
    expect(page.get_by_text("Vielen Dank, Ihre Rückmeldung ist gespeichert.")).to_be_visible()
    feedback = SessionFeedback.objects.get()
    assert (feedback.source, feedback.suitability) == (FeedbackSource.TRAINER, "after_changes")

    browser.page.context.clear_cookies()
    log_in_by_cookie(browser, trainings_world["office"])
    version = trainings_world["version"]
    page = browser.visit(
        f"/geschaeftsstelle/schulungsmodule/versionen/{version.pk}/rueckmeldungen/"
    )
    row = page.locator("tbody tr").first
    expect(row).to_contain_text("Jena")
    expect(row).to_contain_text("Trainer*in")
    expect(row).to_contain_text("Die Fallbeispiele aus dem Bürgeramt.")
    expect(row).to_contain_text("nach Änderungen geeignet")
    expect(page.locator('[data-suitability="after_changes"]')).to_have_text("1")


def test_trainings_pages_pass_axe_for_each_role(browser, trainings_world):
    world = trainings_world
    version, session = world["version"], world["earlier"]
    material = ModuleMaterial.objects.get()
    assert material.version == version

    log_in_by_cookie(browser, world["office"])
    for path in [
        "/schulungen/",
        f"/schulungen/module/{version.pk}/",
        "/geschaeftsstelle/schulungsmodule/",
        "/geschaeftsstelle/schulungsmodule/neu/",
        f"/geschaeftsstelle/schulungsmodule/{version.module_id}/",
        f"/geschaeftsstelle/schulungsmodule/versionen/{version.pk}/",
        f"/geschaeftsstelle/schulungsmodule/versionen/{version.pk}/trainerinnen/",
        f"/geschaeftsstelle/schulungsmodule/versionen/{version.pk}/rueckmeldungen/",
        f"/schulungen/termine/{session.pk}/",
    ]:
        browser.visit(path)
    # Forms with errors, and a draft's edit and publish pages.
    page = browser.visit("/geschaeftsstelle/schulungsmodule/neu/")
    page.get_by_role("button", name="Modul anlegen").click()
    browser.check_page()
    page = browser.visit(f"/geschaeftsstelle/schulungsmodule/{version.module_id}/")
    page.get_by_role("button", name="Neue Version anlegen").click()
    browser.check_page()
    expect(page.get_by_role("heading", level=1)).to_have_text("Version 2 bearbeiten")
    draft = ModuleVersion.objects.get(number=2)
    browser.visit(f"/geschaeftsstelle/schulungsmodule/versionen/{draft.pk}/")
    page = browser.visit(f"/geschaeftsstelle/schulungsmodule/versionen/{draft.pk}/material/")
    page.get_by_role("button", name="Hochladen").click()
    browser.check_page()
    page = browser.visit(
        f"/geschaeftsstelle/schulungsmodule/versionen/{draft.pk}/veroeffentlichen/"
    )
    page.get_by_role("button", name="Veröffentlichen").click()
    browser.check_page()

    browser.page.context.clear_cookies()
    log_in(browser, "koordination@jena.example")
    for path in [
        "/schulungen/",
        f"/schulungen/module/{version.pk}/",
        "/schulungen/termine/",
        f"/schulungen/termine/{session.pk}/",
        f"/schulungen/termine/{session.pk}/durchgefuehrt/",
        f"/schulungen/termine/{session.pk}/absagen/",
        f"/schulungen/termine/{session.pk}/rueckmeldung/",
    ]:
        browser.visit(path)
    page = browser.visit(f"/schulungen/termine/{session.pk}/rueckmeldung/")
    page.get_by_role("button", name="Rückmeldung speichern").click()
    browser.check_page()
    page = browser.visit(f"/schulungen/termine/{session.pk}/durchgefuehrt/")
    page.get_by_label("Zahl der Teilnehmenden").fill("0")
    page.get_by_role("button", name="Als durchgeführt erfassen").click()
    browser.check_page()

    browser.page.context.clear_cookies()
    log_in(browser, "trainerin@eccar.example")
    for path in ["/schulungen/meine-termine/", f"/schulungen/termine/{session.pk}/"]:
        browser.visit(path)
