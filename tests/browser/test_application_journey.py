"""The whole application journey in a real browser, as a new user walks it."""

import datetime as dt
import email
import re

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from applications.models import Application
from calls.models import Question
from core.content import ensure_pages
from municipalities.models import Land, Municipality
from tests import factories
from tests.helpers import minimal_pdf

PASSWORD = "Ein-sicheres-Passwort-2025"
PDF = minimal_pdf()


@pytest.fixture
def journey_world(transactional_db):
    ensure_pages()
    thueringen = Land.objects.create(code="16", name="Thüringen")
    Municipality.objects.create(
        level="gemeinde",
        key="16053000",
        ars="160530000000",
        name="Jena",
        kind="61",
        land=thueringen,
        population=111343,
        size_class="large",
        postal_code="07743",
        urbanisation="01",
        search_name="jena",
    )
    call = factories.CallFactory(slug="zweite-runde", title_de="Modellkommunen – zweite Runde")
    version = factories.VersionFactory(call=call)
    contact = factories.SectionFactory(version=version, position=1, title_de="Kontakt")
    backing = factories.SectionFactory(
        version=version, position=2, title_de="Rückhalt und Motivation"
    )
    factories.QuestionFactory(
        section=contact,
        key="kommune_name",
        label_de="Name der Kommune",
        prefill="name",
        required=True,
    )
    factories.QuestionFactory(
        section=contact, key="ansprechperson", label_de="Ansprechperson", required=True
    )
    factories.QuestionFactory(
        section=contact,
        key="kontakt_email",
        label_de="E-Mail der Ansprechperson",
        type=Question.Type.EMAIL,
        required=True,
    )
    factories.QuestionFactory(
        section=backing,
        key="ratsbeschluss",
        label_de="Liegt ein Ratsbeschluss vor?",
        type=Question.Type.YES_NO,
        required=True,
    )
    factories.QuestionFactory(
        section=backing,
        key="ratsbeschluss_datum",
        label_de="Datum des Ratsbeschlusses",
        type=Question.Type.DATE,
        required=True,
        condition_key="ratsbeschluss",
        condition_value="yes",
    )
    factories.QuestionFactory(
        section=backing,
        key="absichtserklaerung",
        label_de="Absichtserklärung (PDF)",
        type=Question.Type.FILE,
    )
    factories.QuestionFactory(
        section=backing,
        key="motivation",
        label_de="Warum möchten Sie Modellkommune werden?",
        type=Question.Type.LONG_TEXT,
        max_length=3000,
        required=True,
    )
    return call


def log_in(browser, email_address, password=PASSWORD):
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email_address)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden").click()
    browser.check_page()
    return page


def test_new_coordinator_applies_and_office_exports(browser, journey_world, smtp_sink, tmp_path):
    call = journey_world
    # Public programme page, the call and its questionnaire, readable without an account.
    page = browser.visit("/")
    page.get_by_role("link", name=re.compile("Zur Ausschreibung")).first.click()
    browser.check_page()
    page.get_by_role("link", name=re.compile("Fragenkatalog")).first.click()
    browser.check_page()
    assert page.get_by_text("Warum möchten Sie Modellkommune werden?").count() >= 1

    # Register and confirm the e-mail address.
    page.get_by_role("link", name="Registrieren").first.click()
    browser.check_page()
    page.get_by_label("Ihr Name").fill("Alex Beispiel")
    page.get_by_label("E-Mail-Adresse").fill("alex.beispiel@jena.example")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    page.get_by_label(re.compile("Datenschutzerklärung gelesen")).check()
    page.get_by_role("button", name="Konto anlegen").click()
    browser.check_page()
    assert len(smtp_sink.messages) == 1
    body = email.message_from_bytes(smtp_sink.messages[0].content).get_payload(decode=True).decode()
    link = re.search(r"https?://\S+/konto/bestaetigen/\S+/", body).group(0)
    page = browser.visit(link[link.index("/konto/") :])
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    browser.check_page()

    # Find the municipality and start the application.
    page.goto(browser.base_url + "/bewerbung/")
    browser.check_page()
    page.get_by_label("Name, Postleitzahl oder AGS").fill("Jena")
    page.get_by_role("button", name="Suchen").click()
    browser.check_page()
    page.get_by_role("button", name="Jena wählen").click()
    browser.check_page()
    page.get_by_role("button", name="Bewerbung beginnen").click()
    browser.check_page()

    # First visit: the first section, autosaved while typing, then log out.
    assert page.get_by_label("Name der Kommune").input_value() == "Jena"
    page.get_by_label("Ansprechperson", exact=True).fill("Alex Beispiel")
    page.get_by_text(re.compile("Gespeichert um")).first.wait_for()
    page.get_by_label("E-Mail der Ansprechperson").fill("kein-e-mail")
    page.get_by_role("button", name="Speichern und weiter").click()
    browser.check_page()
    assert page.locator("#id_kontakt_email_error").inner_text().strip() != ""
    page.get_by_label("E-Mail der Ansprechperson").fill("integration@jena.example")
    page.get_by_role("button", name="Speichern und weiter").click()
    browser.check_page()
    page.get_by_role("button", name="Abmelden").click()

    # Second visit, as on another device: everything is still there.
    page.context.clear_cookies()
    log_in(browser, "alex.beispiel@jena.example")
    page.goto(browser.base_url + "/bewerbung/")
    page.get_by_role("link", name="Modellkommunen – zweite Runde").click()
    browser.check_page()
    page.get_by_role("link", name=re.compile("Kontakt")).first.click()
    assert page.get_by_label("Ansprechperson", exact=True).input_value() == "Alex Beispiel"
    page.get_by_role("link", name=re.compile("Rückhalt und Motivation")).first.click()
    browser.check_page()
    assert page.get_by_label("Datum des Ratsbeschlusses").is_hidden()
    page.get_by_role("group", name="Liegt ein Ratsbeschluss vor?").get_by_label("Ja").check()
    page.get_by_label("Datum des Ratsbeschlusses").fill("2025-06-12")
    pdf_path = tmp_path / "absichtserklaerung.pdf"
    pdf_path.write_bytes(PDF)
    page.get_by_label("Absichtserklärung (PDF)").set_input_files(str(pdf_path))
    page.get_by_label("Warum möchten Sie Modellkommune werden?").fill(
        "Wir wollen unsere Bürgerbüros für alle gleich gut zugänglich machen."
    )
    page.get_by_role("button", name="Speichern und zur Übersicht").click()
    browser.check_page()

    # Submit: a double click submits once; the status says so.
    page.get_by_role("button", name="Bewerbung verbindlich einreichen").dblclick()
    page.locator("#status").filter(has_text="Eingereicht").wait_for()
    browser.check_page()
    application = Application.objects.get()
    assert application.status == Application.Status.SUBMITTED
    assert application.answers.get(question__key="ratsbeschluss_datum").value == "2025-06-12"

    confirmations = [
        m
        for m in smtp_sink.messages
        if "Bewerbung eingegangen" in str(email.message_from_bytes(m.content)["Subject"])
    ]
    assert len(confirmations) == 1
    message = email.message_from_bytes(confirmations[0].content)
    attachments = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    assert len(attachments) == 1
    assert attachments[0].get_payload(decode=True).startswith(b"%PDF-")

    # The programme office finds the application and exports it.
    office = factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example", password=PASSWORD)
    device = TOTPDevice.objects.create(user=office, name="App", confirmed=True)
    page.context.clear_cookies()
    log_in(browser, "buero@eccar.example")
    page.get_by_label(re.compile("Code")).first.fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bestätigen").click()
    browser.check_page()
    browser.visit("/geschaeftsstelle/bewerbungen/")
    page.get_by_role("main").get_by_label(re.compile("Suche")).first.fill("Jena")
    page.get_by_role("main").get_by_role(
        "button", name=re.compile("Filter|Suchen|Anwenden")
    ).first.click()
    browser.check_page()
    page.get_by_role("link", name=re.compile("^KFA-")).first.click()
    browser.check_page()
    assert (
        page.get_by_text(
            "Wir wollen unsere Bürgerbüros für alle gleich gut zugänglich machen."
        ).count()
        == 1
    )
    browser.visit("/geschaeftsstelle/bewerbungen/?q=Jena")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("CSV")).first.click()
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        csv_text = exported.read()
    assert "KFA-" in csv_text and "Jena" in csv_text
    assert call.applications.count() == 1


def test_draft_cannot_be_submitted_after_deadline(browser, journey_world):
    """The page was opened in time, the click comes after the deadline: the server refuses."""
    call = journey_world
    coordinator = factories.CoordinatorFactory(
        email="spaet@jena.example",
        password=PASSWORD,
        municipality=Municipality.objects.get(key="16053000"),
    )
    from applications.services import answer_save, application_start

    application = application_start(
        call=call, municipality=coordinator.municipality, actor=coordinator
    )
    for key, raw in [
        ("ansprechperson", "Kim Spät"),
        ("kontakt_email", "kim@jena.example"),
        ("ratsbeschluss", "no"),
        ("motivation", "Wir sind spät dran."),
    ]:
        question = application.version.questions.get(key=key)
        answer_save(application=application, question=question, raw=raw, actor=coordinator)

    log_in(browser, "spaet@jena.example")
    page = browser.visit(f"/bewerbung/{application.pk}/")
    submit = page.get_by_role("button", name="Bewerbung verbindlich einreichen")
    assert submit.count() == 1

    call.deadline = timezone.now() - dt.timedelta(seconds=1)
    call.save()
    submit.click()
    page.get_by_role("alert").filter(
        has_text="Dieser Entwurf kann nicht mehr eingereicht werden."
    ).first.wait_for()
    browser.check_page()
    assert page.get_by_role("button", name="Bewerbung verbindlich einreichen").count() == 0
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_coordinator_withdraws_and_learns_whether_to_apply_again(browser, journey_world):
    call = journey_world
    coordinator = factories.CoordinatorFactory(
        email="rueckzug@jena.example",
        password=PASSWORD,
        municipality=Municipality.objects.get(key="16053000"),
    )
    from applications.services import application_start

    application = application_start(
        call=call, municipality=coordinator.municipality, actor=coordinator
    )

    log_in(browser, "rueckzug@jena.example")
    page = browser.visit(f"/bewerbung/{application.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Bewerbung zurückziehen").click()
    page.get_by_text(
        "Ihre Bewerbung ist zurückgezogen. Sie erhalten eine Bestätigung per E-Mail."
    ).wait_for()
    browser.check_page()

    assert (
        page.get_by_role("note")
        .filter(has_text="kann sich auf diese Ausschreibung nicht erneut bewerben")
        .count()
        == 1
    )
    assert page.get_by_role("button", name="Bewerbung zurückziehen").count() == 0
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
