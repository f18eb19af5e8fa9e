"""The office writes a circular to a cohort's coordinators, sees whom it reaches (a
municipality without coordinator as "kein Empfänger"), changes the text, and a double
click on "send" sends it once; axe-core runs on the form, the preview and the record."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from core.models import Circular
from tests import factories
from tests.browser.test_funding_office import log_in_as_office
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_office_previews_changes_and_sends_a_cohort_circular_once(browser, mailoutbox):
    aachen = factories.MunicipalityFactory(name="Aachen")
    celle = factories.MunicipalityFactory(name="Celle")
    call = model_cohort([aachen, celle])
    factories.CoordinatorFactory(municipality=aachen, email="k@aachen.de")
    log_in_as_office(browser)

    page = browser.visit(f"/geschaeftsstelle/programm/{call.pk}/rundschreiben/")
    page.get_by_label("Betreff").fill("Netzwerktreffen")
    page.get_by_label("Text").fill("Zeile eins\nZeile zwei")
    page.get_by_role("button", name="Weiter zur Vorschau").click()
    browser.check_page()
    expect(page.locator("#circular-groups")).to_contain_text("kein Empfänger")

    page.get_by_role("button", name="Text ändern").click()
    browser.check_page()
    expect(page.get_by_label("Text")).to_have_value("Zeile eins\nZeile zwei")
    page.get_by_label("Betreff").fill("Netzwerktreffen im Mai")
    page.get_by_role("button", name="Weiter zur Vorschau").click()
    page.get_by_role("button", name="An 1 Person senden").dblclick()
    expect(page.get_by_text("Das Rundschreiben geht an 1 Person.")).to_be_visible()
    browser.check_page()

    circular = Circular.objects.get()
    assert (circular.subject, circular.body, circular.unreached) == (
        "Netzwerktreffen im Mai",
        "Zeile eins\nZeile zwei",
        ["Celle"],
    )
    assert [message.to for message in mail.outbox] == [["k@aachen.de"]]

    page = browser.visit("/geschaeftsstelle/rundschreiben/")
    expect(page.get_by_role("heading", name="Netzwerktreffen im Mai")).to_be_visible()
