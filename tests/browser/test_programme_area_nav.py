"""The demo's model municipality coordinator logs in, lands in the programme area and
moves through its sections with the keyboard alone; axe-core runs on every page."""

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD
from kfa.demo_programme import PROGRAMME_ACCOUNTS
from municipalities.services import register_import
from tests.browser.test_keyboard import tab_to

pytestmark = pytest.mark.browser

COORDINATOR = PROGRAMME_ACCOUNTS["coordinator"][0]
CURRENT = 'nav[aria-label="Programmbereich"] a[aria-current="page"]'


@pytest.fixture
def demo(transactional_db):
    with settings.REGISTER_CSV.open("rb") as source:
        register_import(source_name="demo", file=source)
    call_command("load_demo")


def current_entry(page) -> str:
    return page.locator(CURRENT).inner_text()


def test_demo_coordinator_lands_in_the_programme_area_and_moves_by_keyboard(browser, demo):
    page = browser.visit("/konto/anmelden/")
    tab_to(page, "E-Mail-Adresse")
    page.keyboard.type(COORDINATOR)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/programmbereich/")
    browser.check_page()
    assert current_entry(page) == "Übersicht"
    # The current entry is marked by sight, not only for screen readers.
    bar = page.locator(CURRENT).evaluate("el => getComputedStyle(el).borderBottomColor")
    other = page.locator('nav[aria-label="Programmbereich"] a:not([aria-current])').first
    assert bar != other.evaluate("el => getComputedStyle(el).borderBottomColor")

    for label, path in [
        ("Schulungen", "/schulungen/termine/"),
        ("Lokaler Fachbeirat", "/fachbeirat/"),
        ("Befragungen", "/evaluation/"),
        ("Nachweise", "/programmbereich/nachweise/"),
        ("Förderung", "/foerderung/"),
    ]:
        tab_to(page, label)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{path}")
        browser.check_page()
        assert current_entry(page) == label
