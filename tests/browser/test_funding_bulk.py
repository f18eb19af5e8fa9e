"""The office filters the expense queue, ticks several expenses and approves them at
once; one that no longer fits its grant is refused and named, the others are approved.
axe-core runs on every page, the open payment requests and the Sachberichte too."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from funding import expense_services, services
from funding.models import Expense, ExpenseStatus, Grant
from municipalities.pickers import municipality_label
from tests import factories
from tests.browser.test_funding_office import log_in_as_office
from tests.funding.helpers import category, grant_of, receipt
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


def _submitted(grant, payee, amount):
    expense = expense_services.expense_save(
        grant=grant,
        actor=None,
        spent_on=timezone.localdate(),
        payee=payee,
        purpose="Honorar Grundlagenschulung",
        category=category(),
        amount=Decimal(amount),
        upload=receipt(),
    )
    return expense_services.expense_submit(expense=expense, actor=None)


@pytest.mark.django_db(transaction=True)
def test_office_approves_expenses_in_bulk_from_the_filtered_queue(browser, media):
    today = timezone.localdate()
    aachen = factories.MunicipalityFactory(name="Aachen")
    bonn = factories.MunicipalityFactory(name="Bonn")
    call = model_cohort(
        [aachen, bonn], periods=[(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))]
    )
    services.funding_ensure(call=call)
    grant = grant_of(call, aachen, today.year)
    fits = _submitted(grant, "Trainerin Adler", "600.00")
    too_much = _submitted(grant, "Trainer Berg", "500.00")
    elsewhere = _submitted(grant_of(call, bonn, today.year), "Bonner Raum", "80.00")
    Grant.objects.filter(pk=grant.pk).update(amount=Decimal("1000.00"))
    log_in_as_office(browser)

    page = browser.visit(f"/geschaeftsstelle/foerderung/{call.pk}/pruefung/")
    expect(page.locator("tr[data-expense]")).to_have_count(3)
    page.get_by_label("Kommune").select_option(label=municipality_label(aachen))
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page.locator("tr[data-expense]")).to_have_count(2)
    browser.check_page()

    page.get_by_label("Auswählen: Trainerin Adler, 600,00 €").check()
    page.get_by_label("Auswählen: Trainer Berg, 500,00 €").check()
    page.get_by_role("button", name="Ausgewählte Ausgaben anerkennen").click()
    browser.check_page()

    expect(page.get_by_text("1 Ausgabe ist anerkannt.")).to_be_visible()
    expect(page.get_by_text("Nicht anerkannt: Aachen, Trainer Berg (500,00 €)")).to_be_visible()
    # Back on the queue with the filter it was sent from: only Aachen's waiting one.
    expect(page.get_by_label("Kommune")).to_have_value(str(aachen.pk))
    expect(page.locator("tr[data-expense]")).to_have_count(1)
    statuses = dict(Expense.objects.values_list("pk", "status"))
    assert statuses == {
        fits.pk: ExpenseStatus.APPROVED,
        too_much.pk: ExpenseStatus.SUBMITTED,
        elsewhere.pk: ExpenseStatus.SUBMITTED,
    }

    services.payment_request_create(grant=grant, amount=Decimal("600.00"), note="", actor=None)
    page = browser.visit(f"/geschaeftsstelle/foerderung/{call.pk}/mittelabrufe/")
    expect(page.locator("tr[data-payment]")).to_have_count(1)
    page = browser.visit(f"/geschaeftsstelle/foerderung/berichte/{call.pk}/sachberichte/")
    expect(page.locator("h1")).to_have_count(1)
