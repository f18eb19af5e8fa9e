"""The rules of money: caps, exact sums, years in Europe/Berlin, corrections."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.models import AuditEntry
from funding import expense_services, services
from funding.models import Expense, ExpenseStatus, FundingYear, Grant
from funding.selectors import grant_for_municipality, statement
from tests import factories
from tests.funding.helpers import (
    approved,
    category,
    draft,
    funded_cohort,
    grant_of,
    receipt,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality():
    return factories.MunicipalityFactory()


@pytest.fixture
def call(municipality):
    return funded_cohort([municipality])


@pytest.fixture
def grant(call, municipality):
    return grant_of(call, municipality, 2026)


def test_funding_ensure_creates_a_year_per_calendar_year_with_the_calls_cap(call):
    years = FundingYear.objects.filter(call=call).order_by("year")
    assert [(y.year, y.cap) for y in years] == [
        (2025, Decimal("10000.00")),
        (2026, Decimal("10000.00")),
        (2027, Decimal("10000.00")),
        (2028, Decimal("10000.00")),
    ]
    assert Grant.objects.filter(funding_year__call=call).count() == 4


def test_funding_ensure_is_repeatable(call, grant):
    services.grant_amount_set(grant=grant, amount=Decimal("8000"), actor=None)
    services.funding_ensure(call=call)
    grant.refresh_from_db()
    assert grant.amount == Decimal("8000.00")
    assert Grant.objects.filter(funding_year__call=call).count() == 4


def test_submit_refuses_an_expense_that_passes_the_grant(grant):
    submitted(grant, "9000.00")
    expense = draft(grant, "1000.01")
    with pytest.raises(ValidationError) as caught:
        expense_services.expense_submit(expense=expense, actor=None)
    assert caught.value.message_dict["amount"] == [
        "Diese Ausgabe (1.000,01 €) übersteigt die Zuwendung für 2026: bewilligt "
        "10.000,00 €, bereits eingereicht oder anerkannt 9.000,00 €, noch verfügbar 1.000,00 €."
    ]
    expense.refresh_from_db()
    assert expense.status == ExpenseStatus.DRAFT


def test_submit_accepts_an_expense_that_fills_the_grant_to_the_cent(grant):
    submitted(grant, "9000.00")
    expense = submitted(grant, "1000.00")
    assert expense.status == ExpenseStatus.SUBMITTED


def test_returned_expenses_free_their_money(grant):
    expense = submitted(grant, "9000.00")
    expense_services.expense_return(expense=expense, reason="Beleg unleserlich", actor=None)
    assert submitted(grant, "10000.00").status == ExpenseStatus.SUBMITTED


def test_many_cent_amounts_add_up_exactly(grant):
    for _ in range(300):
        approved(grant, "0.10")
    assert grant_for_municipality(
        call=grant.funding_year.call, municipality_id=grant.municipality_id, year=2026
    ).approved == Decimal("30.00")
    assert statement(grant_ids=[grant.pk]).spent == Decimal("30.00")


def test_amounts_are_rounded_to_cents_half_up(grant):
    expense = draft(grant, "12.345")
    assert expense.amount == Decimal("12.35")


def test_an_expense_of_another_year_is_refused(grant):
    with pytest.raises(ValidationError) as caught:
        draft(grant, "100.00", spent_on=dt.date(2027, 1, 1))
    assert list(caught.value.message_dict) == ["spent_on"]


def test_the_last_day_of_the_year_belongs_to_that_year(call, municipality):
    grant_2025 = grant_of(call, municipality, 2025)
    expense = draft(grant_2025, "100.00", spent_on=dt.date(2025, 12, 31))
    assert expense.grant == grant_2025


def test_the_first_day_of_the_next_year_does_not(call, municipality):
    with pytest.raises(ValidationError) as caught:
        draft(grant_of(call, municipality, 2025), "100.00", spent_on=dt.date(2026, 1, 1))
    assert list(caught.value.message_dict) == ["spent_on"]


def test_approved_expenses_cannot_be_changed(grant):
    expense = approved(grant, "100.00")
    with pytest.raises(
        ValidationError,
        match="Eingereichte oder anerkannte Ausgaben können nicht mehr geändert werden",
    ):
        expense_services.expense_save(
            grant=grant,
            actor=None,
            spent_on=expense.spent_on,
            payee="Andere",
            purpose="x",
            category=category(),
            amount=Decimal("1.00"),
            expense=expense,
        )


def test_a_correction_reduces_the_approved_sum_once_approved(grant):
    original = approved(grant, "500.00")
    correction = expense_services.expense_correct(
        original=original,
        amount=Decimal("-120.50"),
        spent_on=dt.date(2026, 4, 1),
        purpose="Teilerstattung Raummiete",
        actor=None,
    )
    expense_services.expense_submit(expense=correction, actor=None)
    expense_services.expense_approve(expense=correction, actor=None)
    assert statement(grant_ids=[grant.pk]).spent == Decimal("379.50")
    original.refresh_from_db()
    assert original.amount == Decimal("500.00")


def test_a_correction_cannot_take_back_more_than_was_approved(grant):
    original = approved(grant, "500.00")
    with pytest.raises(ValidationError) as caught:
        expense_services.expense_correct(
            original=original,
            amount=Decimal("-500.01"),
            spent_on=dt.date(2026, 4, 1),
            purpose="Erstattung",
            actor=None,
        )
    assert list(caught.value.message_dict) == ["amount"]


def test_payment_requests_stay_within_the_approved_sum(grant):
    approved(grant, "700.00")
    services.payment_request_create(grant=grant, amount=Decimal("500.00"), note="", actor=None)
    with pytest.raises(ValidationError) as caught:
        services.payment_request_create(grant=grant, amount=Decimal("200.01"), note="", actor=None)
    assert caught.value.message_dict["amount"] == [
        "Abgerufen werden kann nur, was anerkannt und noch nicht abgerufen ist: 200,00 €."
    ]


def test_the_plan_cannot_pass_the_grant(grant):
    services.plan_line_save(
        grant=grant, category=category(), measure="Schulungen", amount=Decimal("9000"), actor=None
    )
    with pytest.raises(ValidationError, match="Der Plan übersteigt damit die Zuwendung für 2026"):
        services.plan_line_save(
            grant=grant,
            category=category("Reisekosten"),
            measure="Fahrten",
            amount=Decimal("1000.01"),
            actor=None,
        )


def test_a_grant_cannot_exceed_the_years_cap(grant):
    with pytest.raises(ValidationError) as caught:
        services.grant_amount_set(grant=grant, amount=Decimal("10000.01"), actor=None)
    assert list(caught.value.message_dict) == ["amount"]


def test_lowering_the_cap_below_committed_money_is_refused(grant):
    submitted(grant, "6000.00")
    with pytest.raises(
        ValidationError, match="Der Höchstbetrag ist kleiner als das, was bereits geplant"
    ):
        services.funding_year_cap_set(
            funding_year=grant.funding_year, cap=Decimal("5000"), actor=None
        )
    grant.refresh_from_db()
    assert grant.amount == Decimal("10000.00")


def test_raising_the_cap_raises_grants_that_had_the_whole_cap(grant):
    services.funding_year_cap_set(funding_year=grant.funding_year, cap=Decimal("12000"), actor=None)
    grant.refresh_from_db()
    assert grant.amount == Decimal("12000.00")


def test_every_change_of_an_expense_is_audited(grant):
    expense = approved(grant, "100.00")
    actions = list(
        AuditEntry.objects.filter(object_id=str(expense.pk), object_type="funding.expense")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "funding.expense_created",
        "funding.expense_submitted",
        "funding.expense_approved",
    ]


def test_at_half_past_midnight_in_berlin_on_new_years_day_the_new_year_has_begun(
    call, municipality, monkeypatch
):
    """23:30 UTC on 31 December is already 1 January in Berlin: an expense paid that
    morning is not in the future and belongs to the new year."""
    import django.utils.timezone

    monkeypatch.setattr(
        django.utils.timezone, "now", lambda: dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    )
    grant_2027 = grant_of(call, municipality, 2027)
    expense = draft(grant_2027, "80.00", spent_on=dt.date(2027, 1, 1))
    assert expense.grant == grant_2027


def test_at_half_past_ten_at_night_in_berlin_the_next_day_is_still_in_the_future(
    call, municipality, monkeypatch
):
    import django.utils.timezone

    monkeypatch.setattr(
        django.utils.timezone, "now", lambda: dt.datetime(2026, 12, 31, 21, 30, tzinfo=dt.UTC)
    )
    with pytest.raises(ValidationError) as caught:
        draft(grant_of(call, municipality, 2027), "80.00", spent_on=dt.date(2027, 1, 1))
    assert caught.value.message_dict["spent_on"] == ["Das Datum liegt in der Zukunft."]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(amounts=st.lists(st.integers(min_value=1, max_value=99_999), min_size=1, max_size=40))
def test_the_statement_adds_any_cent_amounts_exactly(grant, amounts):
    Expense.objects.filter(grant=grant).delete()
    # Written directly: the property is about adding up, not about the workflow.
    Expense.objects.bulk_create(
        Expense(
            grant=grant,
            spent_on=dt.date(2026, 2, 1),
            payee="Beispiel",
            purpose="Test",
            category=category(),
            amount=Decimal(cents) / 100,
            status=ExpenseStatus.APPROVED,
        )
        for cents in amounts
    )
    assert statement(grant_ids=[grant.pk]).spent == Decimal(sum(amounts)) / 100


def test_sums_read_back_with_two_places(grant):
    approved(grant, "10.00")
    assert str(statement(grant_ids=[grant.pk]).spent) == "10.00"


def test_a_payout_cannot_be_dated_in_the_future(grant):
    approved(grant, "100.00")
    payment = services.payment_request_create(
        grant=grant, amount=Decimal("100.00"), note="", actor=None
    )
    with pytest.raises(ValidationError) as caught:
        services.payment_mark_paid(
            payment=payment, paid_on=dt.date.today() + dt.timedelta(days=2), actor=None
        )
    assert list(caught.value.message_dict) == ["paid_on"]


def test_replaced_receipt_is_removed_only_after_the_commit(
    grant, django_capture_on_commit_callbacks
):
    expense = draft(grant, "100.00")
    old_name, storage = expense.receipt.name, expense.receipt.storage
    with django_capture_on_commit_callbacks() as callbacks:
        expense_services.expense_save(
            grant=grant,
            actor=None,
            spent_on=expense.spent_on,
            payee=expense.payee,
            purpose=expense.purpose,
            category=expense.category,
            amount=expense.amount,
            upload=receipt("neu.pdf"),
            expense=expense,
        )
    kept_until_commit = storage.exists(old_name)
    for callback in callbacks:
        callback()
    assert (kept_until_commit, storage.exists(old_name)) == (True, False)


def test_deleted_draft_loses_its_receipt_only_after_the_commit(
    grant, django_capture_on_commit_callbacks
):
    expense = draft(grant, "100.00")
    name, storage = expense.receipt.name, expense.receipt.storage
    with django_capture_on_commit_callbacks() as callbacks:
        expense_services.expense_delete(expense=expense, actor=None)
    kept_until_commit = storage.exists(name)
    for callback in callbacks:
        callback()
    assert (kept_until_commit, storage.exists(name)) == (True, False)
