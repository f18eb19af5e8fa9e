"""Lists of money whose query count must not grow with what is recorded."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from funding import expense_services, narrative, services
from funding.models import ReportKind
from tests import factories
from tests.funding.helpers import approved, funded_cohort, grant_of, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def _book(grant, count: int) -> None:
    """``count`` approved expenses, one corrected, a submitted one and a payment."""
    expenses = [approved(grant, "10.01") for _ in range(count)]
    correction = expense_services.expense_correct(
        original=expenses[0],
        amount=Decimal("-1.00"),
        spent_on=dt.date(2026, 4, 1),
        purpose="Gutschrift",
        actor=None,
    )
    expense_services.expense_approve(
        expense=expense_services.expense_submit(expense=correction, actor=None), actor=None
    )
    submitted(grant, "5.00")
    services.payment_request_create(grant=grant, amount=Decimal("5.00"), note="", actor=None)


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _office_grant_queries(client, count: int, page: str) -> int:
    municipality = factories.MunicipalityFactory()
    grant = grant_of(funded_cohort([municipality]), municipality, 2026)
    _book(grant, count)
    return _count(client, page.format(pk=grant.pk))


@pytest.mark.parametrize(
    "page",
    [
        "/geschaeftsstelle/foerderung/zuwendung/{pk}/",
        "/geschaeftsstelle/foerderung/berichte/zuwendung/{pk}/",
    ],
)
def test_office_grant_pages_cost_the_same_queries_for_2_and_20_expenses(office_client, page):
    assert _office_grant_queries(office_client, 2, page) == _office_grant_queries(
        office_client, 20, page
    )


def _statement_queries(client, municipality, call, count: int) -> int:
    _book(grant_of(call, municipality, 2026), count)
    return _count(client, "/foerderung/berichte/2026/")


def test_own_statement_costs_the_same_queries_for_2_and_20_expenses(
    client, coordinator, municipality
):
    from tests.helpers import login_verified

    login_verified(client, coordinator)
    call = funded_cohort([municipality])
    small = _statement_queries(client, municipality, call, 2)
    assert _statement_queries(client, municipality, call, 18) == small


def _report_list_queries(client, size: int) -> int:
    municipalities = [factories.MunicipalityFactory() for _ in range(size)]
    call = funded_cohort(municipalities)
    for municipality in municipalities:
        narrative.report_for(
            call=call, municipality=municipality, kind=ReportKind.INTERIM, year=2026
        )
        narrative.report_for(call=call, municipality=municipality, kind=ReportKind.FINAL, year=None)
    return _count(client, f"/geschaeftsstelle/foerderung/berichte/{call.pk}/sachberichte/")


def test_report_list_costs_the_same_queries_for_2_and_20_municipalities(office_client):
    assert _report_list_queries(office_client, 2) == _report_list_queries(office_client, 20)
