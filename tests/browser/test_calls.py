"""The public questionnaire and the office's editor in a real browser, checked by axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from calls.demo import ensure_demo_calls
from calls.models import Question
from tests.helpers import login_verified

pytestmark = pytest.mark.browser


def log_in(browser, user):
    from django.test import Client

    client = Client()
    login_verified(client, user)
    cookie = client.cookies["sessionid"]
    browser.page.context.add_cookies(
        [{"name": "sessionid", "value": cookie.value, "url": browser.base_url}]
    )


@pytest.mark.django_db(transaction=True)
def test_public_call_pages_pass_axe(browser):
    _first, second = ensure_demo_calls()

    page = browser.visit(reverse("calls:detail", args=["modellkommunen-2027"]))
    assert page.locator("h1").inner_text() == (
        f"Kommunen für alle? – Modellkommunen {second.programme_start.year} (zweite Runde)"
    )

    page.get_by_role("link", name="Fragenkatalog ansehen").click()
    browser.check_page()
    assert page.locator("#id_ratsbeschluss_0").is_disabled()


@pytest.mark.django_db(transaction=True)
def test_office_edits_the_questionnaire_by_keyboard(browser, office_user):
    first, _second = ensure_demo_calls()
    log_in(browser, office_user)
    page = browser.visit(reverse("calls_office:list"))
    browser.visit(reverse("calls_office:questionnaire_edit", args=[first.pk]))
    assert "Version 1, gilt für neue Bewerbungen;" in page.content()

    # Moving with htmx: the focused button keeps focus and the change is announced.
    page.locator("#frage-kommune_ags-hoch").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#editor-status")).to_contain_text("nach oben verschoben")
    browser.check_page()
    assert "Version 2, gilt für neue Bewerbungen;" in page.content()
    assert page.evaluate("document.activeElement.id") == "frage-kommune_ags-hoch"

    page.get_by_role("link", name="Bearbeiten: Einwohnerzahl", exact=True).click()
    browser.check_page()
    page.get_by_label("Typ").select_option("single_choice")
    page.get_by_role("button", name="Speichern").click()
    browser.check_page()
    assert "Auswahlfragen brauchen mindestens zwei Antwortmöglichkeiten." in page.content()

    browser.visit(reverse("calls_office:call_edit", args=[first.pk]))
    browser.visit(reverse("calls_office:section_create", args=[first.pk]))
    question = Question.objects.filter(version__call=first, key="motivation").latest("pk")
    browser.visit(reverse("calls_office:question_delete", args=[first.pk, question.pk]))
