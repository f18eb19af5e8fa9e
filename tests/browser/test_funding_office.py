"""The office reviews the money of the model municipalities in a real browser: from
the queue of submitted expenses to an approved expense. axe-core runs on every page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from funding import expense_services, services
from funding.models import Expense, ExpenseStatus
from tests import factories
from tests.funding.helpers import category, grant_of, receipt
from tests.helpers import login_verified
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.browser


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def log_in_as_office(browser):
    """The office's log-in needs a second factor: a verified session cookie instead."""
    client = Client()
    login_verified(client, factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example"))
    browser.page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": browser.base_url,
            }
        ]
    )


def submitted_expense():
    """A submitted expense of a model municipality, paid today, in a programme that
    runs through the whole current year whatever day the test runs on."""
    today = timezone.localdate()
    municipality = factories.MunicipalityFactory(name="Musterstadt")
    call = model_cohort(
        [municipality], periods=[(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))]
    )
    services.funding_ensure(call=call)
    coordinator = factories.CoordinatorFactory(municipality=municipality)
    expense = expense_services.expense_save(
        grant=grant_of(call, municipality, today.year),
        actor=coordinator,
        spent_on=today,
        payee="Tagungshaus am See",
        purpose="Raummiete Grundlagenschulung",
        category=category("Räume und Verpflegung"),
        amount=Decimal("480.00"),
        upload=receipt(),
    )
    return call, expense_services.expense_submit(expense=expense, actor=coordinator)


@pytest.mark.django_db(transaction=True)
def test_office_approves_a_submitted_expense_from_the_queue(browser, media):
    call, expense = submitted_expense()
    log_in_as_office(browser)

    page = browser.visit(f"/geschaeftsstelle/foerderung/{call.pk}/pruefung/")
    expect(page.locator("h1")).to_have_text("Eingereichte Ausgaben prüfen")
    page.get_by_role("link", name="Tagungshaus am See: Raummiete Grundlagenschulung").click()
    browser.check_page()
    expect(page.locator("#stand")).to_have_text("eingereicht")

    page.get_by_role("button", name="Anerkennen").click()
    browser.check_page()
    expect(page.locator("#stand")).to_contain_text("anerkannt")
    expect(page.get_by_role("status")).to_contain_text("Die Ausgabe ist anerkannt.")
    assert Expense.objects.get(pk=expense.pk).status == ExpenseStatus.APPROVED

    page.get_by_role("link", name="Zur Liste der eingereichten Ausgaben").click()
    browser.check_page()
    expect(page.get_by_text("Keine eingereichten Ausgaben")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_every_office_funding_page_passes_axe(browser, media):
    call, expense = submitted_expense()
    grant = expense.grant
    services.plan_line_save(
        grant=grant,
        category=category(),
        measure="Grundlagenschulungen",
        amount=Decimal("3000.00"),
        actor=None,
    )
    expense_services.expense_approve(expense=expense, actor=None)
    services.payment_request_create(grant=grant, amount=Decimal("480.00"), note="", actor=None)
    log_in_as_office(browser)
    for path in [
        "/geschaeftsstelle/foerderung/",
        f"/geschaeftsstelle/foerderung/{call.pk}/",
        f"/geschaeftsstelle/foerderung/jahr/{grant.funding_year_id}/hoechstbetrag/",
        f"/geschaeftsstelle/foerderung/zuwendung/{grant.pk}/",
        f"/geschaeftsstelle/foerderung/zuwendung/{grant.pk}/betrag/",
        f"/geschaeftsstelle/foerderung/ausgabe/{expense.pk}/",
        "/geschaeftsstelle/foerderung/kategorien/",
        f"/geschaeftsstelle/foerderung/kategorien/{category().pk}/",
        "/geschaeftsstelle/foerderung/einstellungen/",
    ]:
        page = browser.visit(path)
        assert page.locator("h1").count() == 1, path

    # A form with errors must pass as well.
    page.get_by_label("… am Tag").fill("31")
    page.get_by_label("Zwischennachweis fällig im Monat des Folgejahres").select_option("2")
    page.get_by_role("button", name="Fristen speichern").click()
    browser.check_page()
    expect(page.locator("#id_interim_due_day_error")).to_contain_text("Diesen Tag gibt es nicht")
