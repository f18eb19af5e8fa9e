"""Two bulk approvals at the same moment (two people of the office) whose expenses
together no longer fit a grant lowered after they were submitted. Each approval of a
bulk takes the grant's row lock like a single one, so only one passes. Runs on
PostgreSQL only (see tests/conftest.py)."""

import contextlib
import threading
from decimal import Decimal

import pytest
from django.db import connection

from funding import expense_services, locking
from funding.models import ExpenseStatus, Grant
from tests import factories
from tests.funding.helpers import funded_cohort, grant_of, submitted

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _race(call, batches, monkeypatch) -> list[str]:
    arrived = threading.Barrier(2, timeout=2)

    def pause():
        # Broken barrier: the other thread waits on the row lock, so carry on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            arrived.wait()

    monkeypatch.setattr(locking, "pause_between_sum_and_write", pause)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def attempt(expenses):
        try:
            result = expense_services.expenses_approve_bulk(
                call=call, expense_ids=[e.pk for e in expenses], actor=None
            )
            outcomes.extend(["approved"] * len(result.approved))
            outcomes.extend(["refused"] * len(result.refused))
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    return sorted(outcomes)


def _two_expenses_that_together_pass_the_grant():
    municipality = factories.MunicipalityFactory()
    call = funded_cohort([municipality])
    grant = grant_of(call, municipality, 2026)
    expenses = [submitted(grant, "600.00"), submitted(grant, "500.00")]
    Grant.objects.filter(pk=grant.pk).update(amount=Decimal("1000.00"))
    return call, grant, expenses


def test_two_bulk_approvals_at_once_cannot_pass_the_grant(monkeypatch):
    call, grant, expenses = _two_expenses_that_together_pass_the_grant()
    outcomes = _race(call, [[expenses[0]], [expenses[1]]], monkeypatch)
    assert outcomes == ["approved", "refused"]
    assert grant.expenses.filter(status=ExpenseStatus.APPROVED).count() == 1


def test_without_the_lock_both_bulk_approvals_pass_the_grant(monkeypatch):
    """The control: the same race with the row lock switched off overspends."""
    monkeypatch.setattr(locking, "LOCK_GRANT_ROW", False)
    call, grant, expenses = _two_expenses_that_together_pass_the_grant()
    assert _race(call, [[expenses[0]], [expenses[1]]], monkeypatch) == ["approved", "approved"]
