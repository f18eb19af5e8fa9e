"""A newcomer to the demo finds the call, registers, confirms the address through the demo
mailbox, applies and submits – every step in the browser, none in the console."""

import re

import pytest

from accounts.models import User
from applications.models import Application
from tests.browser.test_application_journey import journey_world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Gute-Verwaltung-2025"


@pytest.fixture
def demo_mail(settings, browser):
    # As in `make demo`: DEBUG on, the mailbox backend, and mails that link to this server.
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "core.demo_mailbox.DatabaseEmailBackend"
    settings.SITE_URL = browser.base_url


def open_newest_mail(browser, page):
    page.get_by_role("link", name="Demo-Postfach").click()
    browser.check_page()
    rows = page.locator("tbody tr").all_inner_texts()
    page.locator("tbody tr").first.get_by_role("link").click()
    browser.check_page()
    return rows


def test_newcomer_registers_confirms_in_the_demo_mailbox_applies_and_submits(
    browser,
    demo_mail,
    journey_world,  # noqa: F811
):
    page = browser.visit("/")
    page.get_by_role("link", name=re.compile("Zur Ausschreibung")).first.click()
    browser.check_page()
    page.get_by_role("link", name="Registrieren").first.click()
    browser.check_page()
    page.get_by_label("Ihr Name").fill("Rana Yilmaz")
    page.get_by_label("E-Mail-Adresse").fill("rana@jena.example")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    page.get_by_label("Deutsch").check()
    page.get_by_label(re.compile("Datenschutzerklärung gelesen")).check()
    page.get_by_role("button", name="Konto anlegen").click()
    browser.check_page()

    # The page that asks to look into the mailbox links to the demo mailbox.
    rows = open_newest_mail(browser, page)
    assert len(rows) == 1
    assert rows[0].split("\t")[1] == "rana@jena.example"
    page.locator(".mail-body a").first.click()
    browser.check_page()
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    browser.check_page()
    assert User.objects.get(email="rana@jena.example").email_confirmed_at is not None

    page.goto(browser.base_url + "/bewerbung/")
    browser.check_page()
    page.get_by_label("Name, Postleitzahl oder AGS").fill("Jena")
    page.get_by_role("button", name="Suchen").click()
    page.get_by_role("button", name="Jena wählen").click()
    browser.check_page()
    page.get_by_role("button", name="Bewerbung beginnen").click()
    browser.check_page()
    page.get_by_label("Ansprechperson", exact=True).fill("Rana Yilmaz")
    page.get_by_label("E-Mail der Ansprechperson").fill("rana@jena.example")
    page.get_by_role("button", name="Speichern und weiter").click()
    browser.check_page()
    page.get_by_role("group", name="Liegt ein Ratsbeschluss vor?").get_by_label("Nein").check()
    page.get_by_label("Warum möchten Sie Modellkommune werden?").fill(
        "Damit niemand im Bürgerbüro anders behandelt wird."
    )
    page.get_by_role("button", name="Speichern und zur Übersicht").click()
    browser.check_page()
    page.get_by_role("button", name="Bewerbung verbindlich einreichen").click()
    page.locator("#status").filter(has_text="Eingereicht").wait_for()
    browser.check_page()
    assert Application.objects.get().status == Application.Status.SUBMITTED

    # The receipt of the submission is in the mailbox too, newest first, with its PDF.
    page.goto(browser.base_url + "/demo-postfach/")
    browser.check_page()
    newest = page.locator("tbody tr").first.inner_text()
    assert "Bewerbung eingegangen" in newest
    page.locator("tbody tr").first.get_by_role("link").click()
    browser.check_page()
    assert page.get_by_role("link", name=re.compile(r"\.pdf")).count() == 1
