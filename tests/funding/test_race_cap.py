"""A grant amount set while the office lowers the year's cap. Runs on PostgreSQL only:
SQLite locks the whole database, so it could not show the race."""

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from funding import locking, services
from funding.models import FundingYear, Grant
from tests import factories
from tests.funding.helpers import funded_cohort, grant_of

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _wait_until_a_session_waits_for_a_lock(timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # pg_locks is read afresh each time (pg_stat_activity is a snapshot per
            # transaction, and this runs inside the locking one).
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)
    raise AssertionError("the amount change never waited for a lock")


def _cap_lowered_while_amount_set(monkeypatch) -> tuple[Grant, list[str]]:
    """The cap change holds its locks (year and grants) until the amount change has
    started and is waiting; then both finish."""
    municipality = factories.MunicipalityFactory()
    call = funded_cohort([municipality])
    grant = grant_of(call, municipality, 2026)
    services.grant_amount_set(grant=grant, amount=Decimal("8000.00"), actor=None)
    locked = threading.Event()

    def pause():
        # Hold the locks until the amount change is queued behind one of them.
        locked.set()
        _wait_until_a_session_waits_for_a_lock()

    monkeypatch.setattr(locking, "pause_between_sum_and_write", pause)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def lower_cap():
        try:
            services.funding_year_cap_set(
                funding_year=grant.funding_year, cap=Decimal("5000.00"), actor=None
            )
            outcomes.append("cap lowered")
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    def set_amount():
        locked.wait(timeout=5)
        try:
            services.grant_amount_set(grant=grant, amount=Decimal("9000.00"), actor=None)
            outcomes.append("amount set")
        except ValidationError:
            outcomes.append("amount refused")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=lower_cap), threading.Thread(target=set_amount)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    return grant, sorted(outcomes)


def test_grant_amount_set_during_a_cap_change_keeps_below_the_new_cap(monkeypatch):
    grant, outcomes = _cap_lowered_while_amount_set(monkeypatch)
    assert outcomes == ["amount refused", "cap lowered"]
    assert Grant.objects.get(pk=grant.pk).amount == Decimal("5000.00")


def test_without_the_year_lock_the_amount_passes_the_new_cap(monkeypatch):
    """The control: waiting only for the grant's row, the old cap is read."""
    monkeypatch.setattr(locking, "LOCK_YEAR_ROW", False)
    grant, outcomes = _cap_lowered_while_amount_set(monkeypatch)
    assert outcomes == ["amount set", "cap lowered"]
    assert Grant.objects.get(pk=grant.pk).amount == Decimal("9000.00")
    assert FundingYear.objects.get(pk=grant.funding_year_id).cap == Decimal("5000.00")
