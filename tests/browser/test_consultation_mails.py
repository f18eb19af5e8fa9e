"""Muting the mails of consultation rounds in a real browser, by keyboard only: from the
account page to the setting and back on; and the link of a mail, opened without being
logged in, which mutes only on its button. axe-core runs on every page."""

import pytest
from playwright.sync_api import expect

from recommendations.models import ConsultationMailSetting
from recommendations.notifications import mute_token
from tests import factories
from tests.browser.test_trainings_journey import log_in_by_cookie

pytestmark = pytest.mark.browser


def press(browser, locator):
    locator.focus()
    with browser.page.expect_navigation():
        browser.page.keyboard.press("Enter")
    browser.check_page()


def _muted(person) -> bool:
    return ConsultationMailSetting.objects.filter(user=person, muted_at__isnull=False).exists()


def test_a_person_mutes_and_unmutes_from_the_account_page(browser, transactional_db):
    person = factories.CoordinatorFactory()
    log_in_by_cookie(browser, person)
    page = browser.visit("/konto/profil/")
    main = page.get_by_role("main")

    press(browser, main.get_by_role("link", name="Mails zu Beteiligungsrunden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mails zu Beteiligungsrunden")
    page.get_by_role("checkbox", name="Keine Mails zu Beteiligungsrunden").focus()
    page.keyboard.press("Space")
    press(browser, page.get_by_role("main").get_by_role("button", name="Speichern"))

    expect(page.get_by_role("status")).to_contain_text("keine Mails zu Beteiligungsrunden mehr")
    assert _muted(person)
    page.get_by_role("checkbox", name="Keine Mails zu Beteiligungsrunden").focus()
    page.keyboard.press("Space")
    press(browser, page.get_by_role("main").get_by_role("button", name="Speichern"))
    expect(page.get_by_role("status")).to_contain_text("wieder Mails")
    assert not _muted(person)


def test_the_link_of_a_mail_mutes_on_its_button_only(browser, transactional_db):
    person = factories.UserFactory()
    page = browser.visit(f"/beteiligung/benachrichtigungen/abbestellen/{mute_token(person.pk)}/")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mails zu Beteiligungsrunden abbestellen"
    )
    assert not _muted(person)
    press(browser, page.get_by_role("button", name="Mails abbestellen"))

    expect(page.get_by_role("status")).to_contain_text("Abbestellt")
    assert _muted(person)


def test_an_altered_link_shows_a_clear_page(browser, transactional_db):
    page = browser.visit("/beteiligung/benachrichtigungen/abbestellen/verändert:abc/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Link ungültig")
