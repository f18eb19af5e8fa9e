"""The page for a request that is too large, in a real browser; axe-core checks it."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_request_too_large_shows_the_german_page(browser, settings):  # noqa: F811
    # A small cap stands for the real one: the browser then sends a form larger than it.
    settings.MAX_REQUEST_BODY_BYTES = 64
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("buero@example.org")
    page.get_by_label("Passwort", exact=True).fill("ein-langes-passwort-zum-testen")

    page.get_by_role("button", name="Anmelden", exact=True).click()
    browser.check_page()

    assert page.locator("h1").inner_text() == "Die Anfrage ist zu groß"
    assert page.title() == "Fehler 413 – Kommunen für alle"
