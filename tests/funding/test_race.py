"""Two expenses submitted at the same moment that together would pass the grant. Runs
on PostgreSQL only (see tests/conftest.py): SQLite locks the whole database, so it
could not show the race."""

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from funding import expense_services, locking
from funding.models import ExpenseStatus
from tests import factories
from tests.funding.helpers import draft, funded_cohort, grant_of

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _race(expenses, monkeypatch) -> list[str]:
    """Both threads add up the grant's money, then wait for each other while still in
    their transaction (if the lock lets them), then write."""
    arrived = threading.Barrier(2, timeout=2)

    def pause():
        # Broken barrier: the other thread waits on the row lock, so carry on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            arrived.wait()

    monkeypatch.setattr(locking, "pause_between_sum_and_write", pause)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def attempt(expense):
        try:
            expense_services.expense_submit(expense=expense, actor=None)
            outcomes.append("submitted")
        except ValidationError:
            outcomes.append("refused")
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(e,)) for e in expenses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    return sorted(outcomes)


def _two_expenses_that_together_pass_the_cap():
    municipality = factories.MunicipalityFactory()
    call = funded_cohort([municipality])
    grant = grant_of(call, municipality, 2026)
    # 10,000.00 granted: 6,000 + 5,000 each fits, both together do not.
    return grant, [draft(grant, "6000.00"), draft(grant, "5000.00")]


def test_two_submissions_at_once_cannot_pass_the_cap(monkeypatch):
    grant, expenses = _two_expenses_that_together_pass_the_cap()
    assert _race(expenses, monkeypatch) == ["refused", "submitted"]
    assert grant.expenses.filter(status=ExpenseStatus.SUBMITTED).count() == 1


def test_without_the_lock_both_submissions_pass_the_cap(monkeypatch):
    """The control: the same race with the row lock switched off overspends."""
    monkeypatch.setattr(locking, "LOCK_GRANT_ROW", False)
    grant, expenses = _two_expenses_that_together_pass_the_cap()
    assert _race(expenses, monkeypatch) == ["submitted", "submitted"]
