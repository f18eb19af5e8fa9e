"""A newcomer to the demo registers and confirms the address through the demo mailbox."""

import pytest

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_newcomer_confirms_the_address_from_the_demo_mailbox(browser, settings):  # noqa: F811
    # As in `make demo`: DEBUG on, the mailbox backend, and mails that link to this server.
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "core.demo_mailbox.DatabaseEmailBackend"
    settings.SITE_URL = browser.base_url

    page = browser.visit("/konto/registrieren/")
    page.get_by_label("Ihr Name").fill("Rana Yilmaz")
    page.get_by_label("E-Mail-Adresse").fill("rana@musterstadt.de")
    page.get_by_label("Passwort", exact=True).fill("Gute-Verwaltung-2025")
    page.get_by_label("Passwort wiederholen").fill("Gute-Verwaltung-2025")
    page.get_by_label("Deutsch").check()
    page.get_by_label("Ich habe die Datenschutzerklärung gelesen").check()
    page.get_by_role("button", name="Konto anlegen").click()
    browser.check_page()

    page.get_by_role("link", name="Demo-Postfach").click()
    browser.check_page()
    rows = page.locator("tbody tr").all_inner_texts()
    page.locator("tbody tr").first.get_by_role("link").click()
    browser.check_page()
    heading = page.locator("h1").inner_text()
    page.locator(".mail-body a").click()
    browser.check_page()
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    page.wait_for_load_state("load")

    assert len(rows) == 1
    assert rows[0].split("\t")[1] == "rana@musterstadt.de"
    assert heading == rows[0].split("\t")[0]
    assert User.objects.get(email="rana@musterstadt.de").email_confirmed_at is not None
