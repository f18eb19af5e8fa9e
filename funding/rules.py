"""Who may use the funding pages: the municipality's money is read by its coordination
and team, written by its coordination only, and decided on by the office."""

from accounts.models import Role
from core.rules import has_role, rule

READERS = (Role.COORDINATOR, Role.TEAM_MEMBER)
WRITERS = (Role.COORDINATOR,)
OFFICE = (Role.OFFICE,)

writes = rule("funding.write", has_role(*WRITERS))

# The money of one municipality: another municipality's people get 404 for it.
MUNICIPAL_KWARGS = frozenset(
    {
        "funding_grant_pk",
        "funding_line_pk",
        "funding_expense_pk",
        "funding_approved_pk",
        "funding_payment_pk",
        "funding_report_pk",
        "funding_municipality_pk",
    }
)
