"""The lock every change of money takes first.

Every change that checks a sum locks the grant's row before adding anything up, so two
changes at the same moment are checked one after the other. The same lock serialises
the two requests of a form sent twice (``core.idempotency``), so the second finds the
entry the first one stored instead of booking the money again.
"""

from decimal import Decimal

from funding.models import FundingYear, Grant
from funding.money import APPROVED, COMMITTED, cents, total

# Tests switch these to show what the locks prevent (see tests/funding/test_race*.py).
LOCK_GRANT_ROW = True
LOCK_YEAR_ROW = True


def pause_between_sum_and_write() -> None:
    """A hook for the race tests; does nothing in normal operation."""


def locked_grant(grant_pk: int) -> Grant:
    grants = Grant.objects.select_related("funding_year")
    if LOCK_GRANT_ROW:
        grants = grants.select_for_update(of=("self",))
    return grants.get(pk=grant_pk)


def lock_year(funding_year_id: int) -> None:
    if LOCK_YEAR_ROW:
        list(FundingYear.objects.select_for_update().filter(pk=funding_year_id).values("pk"))


def sums(grant: Grant) -> dict[str, Decimal]:
    return grant.expenses.aggregate(
        committed=total(filter=COMMITTED), approved=total(filter=APPROVED)
    )


def money_text(value) -> str:
    """An amount as the audit trail keeps it."""
    return str(cents(value))
