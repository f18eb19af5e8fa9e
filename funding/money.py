"""Sums of money, exact to the cent, and the sums a grant's caps are checked against."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import F, Q, Sum, Value
from django.db.models.functions import Coalesce, Round

from funding.models import ZERO, ExpenseStatus

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """``value`` with exactly two places (amounts are entered with at most two)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class EuroFromCents(models.BigIntegerField):
    """The output of a sum taken in whole cents, read back as Decimal euros.

    SQLite adds decimals as binary floats (300 × 0.10 gives 30.0000000000002); whole
    cents are integers there and stay exact, as they are on PostgreSQL.
    """

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return Decimal(int(round(value))).scaleb(-2)


def total(field: str = "amount", filter: Q | None = None) -> Coalesce:
    """SUM(``field``) exact to the cent, as Decimal euros; 0.00 when there is nothing."""
    return Coalesce(
        Sum(Round(F(field) * 100), filter=filter),
        Value(0),
        output_field=EuroFromCents(),
    )


def euro(value: Decimal | None) -> str:
    """German notation: 1.234,50 €."""
    value = cents(value or ZERO)
    sign = "-" if value < 0 else ""
    whole, frac = f"{abs(value):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'.'.join(groups)},{frac} €"


# What counts against a grant: everything approved (corrections included, with their
# sign) and every submitted expense that adds money. A submitted reduction does not
# free money before the office has approved it.
COMMITTED = Q(status=ExpenseStatus.APPROVED) | Q(status=ExpenseStatus.SUBMITTED, amount__gt=0)
APPROVED = Q(status=ExpenseStatus.APPROVED)
