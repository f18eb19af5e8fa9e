"""The account journeys in a real browser; axe-core checks every page on the way."""

import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_PASSWORD, demo_totp_code, ensure_demo_users
from accounts.models import Role, User
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(browser, email, password):  # noqa: F811 -- the fixture is passed in
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    browser.check_page()
    return page


def test_registration_journey_with_errors_and_confirmation(browser):  # noqa: F811
    page = browser.visit("/konto/registrieren/")
    page.get_by_role("button", name="Konto anlegen").click()
    browser.check_page()
    assert page.locator("#id_privacy_error").inner_text() == (
        "Bitte stimmen Sie der Datenschutzerklärung zu, um fortzufahren."
    )

    page.get_by_label("Ihr Name").fill("Rana Yilmaz")
    page.get_by_label("E-Mail-Adresse").fill("rana@musterstadt.de")
    page.get_by_label("Passwort", exact=True).fill("Gute-Verwaltung-2025")
    page.get_by_label("Passwort wiederholen").fill("Gute-Verwaltung-2025")
    page.get_by_label("Deutsch").check()
    page.get_by_label("Ich habe die Datenschutzerklärung gelesen").check()
    page.get_by_role("button", name="Konto anlegen").click()
    browser.check_page()
    assert page.locator("h1").inner_text() == "Bitte sehen Sie in Ihr Postfach"

    log_in(browser, "rana@musterstadt.de", "Gute-Verwaltung-2025")
    assert page.locator(".kern-alert--warning .kern-title").inner_text() == (
        "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse"
    )

    path = re.search(r"(/konto/bestaetigen/\S+/)", mail.outbox[-1].body).group(1)
    browser.visit(path)
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    page.wait_for_load_state("load")
    assert User.objects.get(email="rana@musterstadt.de").email_confirmed_at is not None


def test_office_invites_reviewer_who_sets_up_second_factor(browser, municipality):  # noqa: F811
    ensure_demo_users(municipality_for_coordinator=municipality)
    office = User.objects.get(role=Role.OFFICE)
    page = log_in(browser, office.email, DEMO_PASSWORD)
    assert page.locator("h1").inner_text() == "Zweiter Faktor"
    page.get_by_label("Code", exact=True).fill(demo_totp_code(office))
    page.get_by_role("button", name="Bestätigen").click()

    page = browser.visit("/konto/einladungen/")
    page.get_by_label("E-Mail-Adresse").fill("team@musterstadt.de")
    page.get_by_label("Rolle").select_option(Role.TEAM_MEMBER.value)
    page.get_by_role("button", name="Einladung senden").click()
    browser.check_page()
    assert (
        "Für diese Rolle ist eine Kommune nötig"
        in page.locator("#id_municipality_error").inner_text()
    )

    page.get_by_label("E-Mail-Adresse").fill("lea@uni.example")
    page.get_by_label("Rolle").select_option(Role.REVIEWER.value)
    page.get_by_role("button", name="Einladung senden").click()
    browser.check_page()
    assert page.locator("tbody tr").count() == 1
    browser.visit("/konto/konten/")
    browser.visit(f"/konto/konten/{User.objects.get(role=Role.TRAINER).pk}/")
    browser.visit("/konto/profil/")
    browser.visit("/konto/sicherheit/")
    page.get_by_role("button", name="Abmelden").click()

    path = re.search(r"(/konto/einladung/\S+/)", mail.outbox[-1].body).group(1)
    page = browser.visit(path)
    page.get_by_label("Ihr Name").fill("Lea Brandt")
    page.get_by_label("Passwort", exact=True).fill("Gute-Verwaltung-2025")
    page.get_by_label("Passwort wiederholen").fill("Gute-Verwaltung-2025")
    page.get_by_label("Ich habe die Datenschutzerklärung gelesen").check()
    page.get_by_role("button", name="Konto anlegen").click()
    browser.check_page()
    assert page.locator("h1").inner_text() == "Zwei-Faktor-Anmeldung einrichten"

    device = TOTPDevice.objects.get(user__email="lea@uni.example")
    page.get_by_label("Code aus der App").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="App bestätigen").click()
    browser.check_page()
    assert page.locator("h1").inner_text() == "Ihre Wiederherstellungscodes"
    assert page.locator(".recovery-codes li").count() == 10
    page.get_by_role("button", name="Ich habe die Codes gesichert").click()
    page.wait_for_load_state("load")
    assert "/konto/" not in page.url


def test_password_reset_pages(browser):  # noqa: F811
    factories.UserFactory(email="anna@example.org")
    page = browser.visit("/konto/passwort-vergessen/")
    page.get_by_label("E-Mail-Adresse").fill("anna@example.org")
    page.get_by_role("button", name="Link anfordern").click()
    browser.check_page()

    path = re.search(r"(/konto/passwort-neu/\S+/)", mail.outbox[-1].body).group(1)
    page = browser.visit(path)
    page.get_by_label("Neues Passwort", exact=True).fill("kurz")
    page.get_by_label("Neues Passwort wiederholen").fill("kurz")
    page.get_by_role("button", name="Passwort speichern").click()
    browser.check_page()
    page.get_by_label("Neues Passwort", exact=True).fill("Neues-Passwort-2026")
    page.get_by_label("Neues Passwort wiederholen").fill("Neues-Passwort-2026")
    page.get_by_role("button", name="Passwort speichern").click()
    browser.check_page()
    assert page.locator("h1").inner_text() == "Passwort gespeichert"
