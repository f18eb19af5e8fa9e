"""The demo cohort's money: repeatable, nothing dated in the future, last year decided
for all ten, and one municipality close to its cap this year."""

from io import BytesIO

import pytest
from django.db.models import F
from django.utils import timezone
from pypdf import PdfReader

from core.choices import ActivityStatus
from core.models import AuditEntry
from funding.demo import ensure_demo_funding
from funding.models import Expense, ExpenseStatus, Grant, PaymentRequest, PlanLine
from funding.selectors import grants_with_sums
from programme.cohort import programme_calls


@pytest.fixture(scope="module")
def demo_funding(demo_loaded, django_db_blocker):
    # Inside the module's transaction opened by demo_loaded, so it is rolled back with it.
    with django_db_blocker.unblock():
        ensure_demo_funding(call=programme_calls().get(), today=timezone.localdate())


@pytest.fixture
def demo(demo_funding, db):
    return programme_calls().get()


def counts():
    return (
        PlanLine.objects.count(),
        Expense.objects.count(),
        PaymentRequest.objects.count(),
        AuditEntry.objects.filter(action__startswith="funding.").count(),
    )


def test_demo_funding_run_twice_gives_the_same_data(demo):
    before = counts()
    ensure_demo_funding(call=demo, today=timezone.localdate())
    assert counts() == before
    assert before[1] > 0


def test_demo_funding_has_no_expense_in_the_future(demo):
    assert not Expense.objects.filter(spent_on__gt=timezone.localdate()).exists()


def test_demo_funding_has_one_municipality_close_to_its_cap(demo):
    grants = grants_with_sums(
        Grant.objects.filter(funding_year__call=demo, funding_year__year=timezone.localdate().year)
    )
    close = [g for g in grants if g.committed > g.amount * 95 / 100]
    assert len(close) == 1
    assert close[0].committed <= close[0].amount


def test_demo_funding_has_approved_expenses_of_last_year_for_all_ten(demo):
    last_year = timezone.localdate().year - 1
    approved = (
        Expense.objects.filter(
            grant__funding_year__call=demo,
            grant__funding_year__year=last_year,
            status=ExpenseStatus.APPROVED,
        )
        .values("grant__municipality")
        .distinct()
        .count()
    )
    assert approved == 10


def test_demo_funding_receipts_are_readable_pdfs(demo):
    expense = Expense.objects.filter(corrects__isnull=True).first()
    with expense.receipt.open("rb") as receipt:
        pages = PdfReader(BytesIO(receipt.read())).pages
    assert len(pages) == 1
    assert expense.payee in pages[0].extract_text()


def test_demo_funding_links_expenses_to_held_sessions_of_the_municipality(demo):
    linked = Expense.objects.filter(grant__funding_year__call=demo, training_session__isnull=False)
    assert linked.exists()
    assert not linked.exclude(training_session__municipality=F("grant__municipality")).exists()
    assert not linked.exclude(training_session__status=ActivityStatus.HELD).exists()
