"""Corrections, payment requests and cap changes against each other's invariants."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEntry
from funding import expense_services, services
from funding.models import CostCategory, ExpenseStatus
from tests import factories
from tests.funding.helpers import approved, category, funded_cohort, grant_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant():
    municipality = factories.MunicipalityFactory()
    return grant_of(funded_cohort([municipality]), municipality, 2026)


def _correction(original, amount):
    return expense_services.expense_correct(
        original=original,
        amount=Decimal(amount),
        spent_on=dt.date(2026, 5, 2),
        purpose="Erstattung",
        actor=None,
    )


def _submitted_correction(original, amount):
    return expense_services.expense_submit(expense=_correction(original, amount), actor=None)


def test_a_correction_below_the_requested_money_is_not_approved(grant):
    original = approved(grant, "1000.00")
    services.payment_request_create(grant=grant, amount=Decimal("800.00"), note="", actor=None)
    correction = _submitted_correction(original, "-300.00")
    with pytest.raises(ValidationError) as error:
        expense_services.expense_approve(expense=correction, actor=None)
    assert error.value.messages == [
        "Die Korrektur kann nicht anerkannt werden: Anerkannt wären danach 700,00 €, "
        "abgerufen sind aber bereits 800,00 €."
    ]
    correction.refresh_from_db()
    assert correction.status == ExpenseStatus.SUBMITTED


def test_a_correction_down_to_the_requested_money_is_approved(grant):
    original = approved(grant, "1000.00")
    services.payment_request_create(grant=grant, amount=Decimal("800.00"), note="", actor=None)
    correction = expense_services.expense_approve(
        expense=_submitted_correction(original, "-200.00"), actor=None
    )
    assert correction.status == ExpenseStatus.APPROVED


def test_a_draft_correction_changed_to_zero_is_refused_at_the_amount(grant):
    correction = _correction(approved(grant, "100.00"), "-10.00")
    with pytest.raises(ValidationError) as error:
        expense_services.expense_save(
            grant=grant,
            actor=None,
            spent_on=correction.spent_on,
            payee=correction.payee,
            purpose=correction.purpose,
            category=correction.category,
            amount=Decimal("0.00"),
            expense=correction,
        )
    assert error.value.message_dict == {"amount": ["Die Korrektur darf nicht 0 sein."]}


def test_an_expense_in_a_category_no_longer_offered_can_still_be_corrected(grant):
    original = approved(grant, "100.00")
    CostCategory.objects.filter(pk=original.category_id).update(active=False)
    correction = _correction(original, "-10.00")
    assert correction.category == category()


def test_a_new_expense_in_a_category_no_longer_offered_is_refused(grant):
    CostCategory.objects.filter(pk=category().pk).update(active=False)
    with pytest.raises(ValidationError) as error:
        approved(grant, "100.00")
    assert error.value.message_dict == {"category": ["Diese Kategorie ist nicht mehr wählbar."]}


def test_a_cap_change_is_in_the_trail_of_each_grant_it_changes(grant):
    services.funding_year_cap_set(
        funding_year=grant.funding_year, cap=Decimal("8000.00"), actor=None
    )
    entry = AuditEntry.objects.get(object_type="funding.grant", object_id=str(grant.pk))
    assert (entry.action, entry.changes) == (
        "funding.grant_amount_set",
        {"amount": ["10000.00", "8000.00"]},
    )


def test_a_cap_change_leaves_no_trail_on_a_grant_it_does_not_change(grant):
    services.grant_amount_set(grant=grant, amount=Decimal("5000.00"), actor=None)
    services.funding_year_cap_set(
        funding_year=grant.funding_year, cap=Decimal("8000.00"), actor=None
    )
    assert AuditEntry.objects.filter(object_type="funding.grant").count() == 1
