"""The financial statement (zahlenmäßiger Nachweis): of one grant, of a whole cohort's
year, and over every year of the programme for the final proof of use, each with its
chronological list of receipts.

Everything here reads in a fixed number of queries, however many municipalities or
receipts there are.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from calls.models import Call
from core.collation import German
from funding import selectors
from funding.models import (
    ZERO,
    CostCategory,
    Expense,
    ExpenseStatus,
    FundingYear,
    Grant,
    PaymentRequest,
)
from municipalities.models import Municipality
from programme.cohort import cohort_municipalities

# --- the financial statement --------------------------------------------------------


@dataclass
class Receipt:
    """One approved expense in the chronological list, numbered from 1."""

    number: int
    expense: Expense
    corrects_number: int | None = None

    @property
    def measure(self) -> str:
        expense = self.expense
        if expense.training_session_id:
            session = expense.training_session
            return _("Schulung „%(title)s“ am %(day)s") % {
                "title": session.module_version.title,
                "day": date_format(timezone.localtime(session.starts_at), "SHORT_DATE_FORMAT"),
            }
        if expense.workshop_id:
            return _("Workshop „%(title)s“") % {"title": expense.workshop.title}
        return expense.measure_note or _("Sonstige Maßnahme")

    @property
    def correction_note(self) -> str:
        if not self.expense.is_correction:
            return ""
        if self.corrects_number:
            return _("Korrektur zu Nr. %(number)d") % {"number": self.corrects_number}
        return _("Korrektur")


def _receipts(expenses) -> list[Receipt]:
    expenses = list(expenses)
    # Numbered first: a correction may be dated before the expense it corrects.
    numbers = {expense.pk: index for index, expense in enumerate(expenses, start=1)}
    return [
        Receipt(number=numbers[e.pk], expense=e, corrects_number=numbers.get(e.corrects_id))
        for e in expenses
    ]


class ReceiptTotals:
    """The sum of the holder's ``receipts``."""

    @property
    def receipts_total(self) -> Decimal:
        return sum((r.expense.amount for r in self.receipts), ZERO)


class PaymentTotals(ReceiptTotals):
    """The sums of the holder's ``receipts`` and ``payments``."""

    @property
    def payments_total(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def paid_total(self) -> Decimal:
        return sum((p.amount for p in self.payments if p.paid_on), ZERO)


@dataclass
class GrantStatement(PaymentTotals):
    """The statement of one municipality's grant for one year."""

    grant: Grant
    statement: selectors.Statement
    receipts: list[Receipt]
    payments: list[PaymentRequest]


def grant_statement(*, grant: Grant) -> GrantStatement:
    """``grant`` must come from a scoped selector (with sums). Five queries."""
    return GrantStatement(
        grant=grant,
        statement=selectors.statement(grant_ids=[grant.pk]),
        receipts=_receipts(
            selectors.expenses_of(grant_ids=[grant.pk], statuses=[ExpenseStatus.APPROVED])
        ),
        payments=list(selectors.payment_requests_of(grant_ids=[grant.pk])),
    )


def _grants_sum(name: str) -> property:
    """A read-only sum of one of the (annotated) grant fields over ``self.grants``."""

    def total(self) -> Decimal:
        return sum((getattr(grant, name) for grant in self.grants), ZERO)

    return property(total)


class GrantTotals:
    """The money of several grants added up exactly; the holder has ``grants``."""

    amount = _grants_sum("amount")
    planned = _grants_sum("planned")
    approved = _grants_sum("approved")
    requested = _grants_sum("requested")
    paid = _grants_sum("paid")


@dataclass
class CohortRow:
    grant: Grant
    by_category: dict[int, tuple[Decimal, Decimal]]


@dataclass
class CohortStatement(GrantTotals, ReceiptTotals):
    """A cohort's year: the category sums, a row per municipality and every receipt."""

    funding_year: FundingYear
    statement: selectors.Statement
    rows: list[CohortRow]
    receipts: list[Receipt]

    @property
    def grants(self) -> list[Grant]:
        return [row.grant for row in self.rows]


def cohort_statement(*, funding_year: FundingYear) -> CohortStatement:
    """Seven queries for any size of cohort."""
    grants = selectors.cohort_grants(funding_year=funding_year)
    grant_ids = [g.pk for g in grants]
    by_grant = selectors.statement_by_grant(grant_ids=grant_ids)
    expenses = selectors.expenses_of(grant_ids=grant_ids, statuses=[ExpenseStatus.APPROVED])
    return CohortStatement(
        funding_year=funding_year,
        statement=selectors.statement(grant_ids=grant_ids),
        rows=[CohortRow(grant=g, by_category=by_grant.get(g.pk, {})) for g in grants],
        receipts=_receipts(expenses),
    )


# --- the statement for the final proof of use (Verwendungsnachweis) ------------------


@dataclass
class StatementPart(GrantTotals, PaymentTotals):
    """Grants with their statement by category, their receipts and payment requests."""

    grants: list[Grant]
    statement: selectors.Statement
    receipts: list[Receipt]
    payments: list[PaymentRequest]


@dataclass
class YearStatement(StatementPart):
    """One funding year within the whole programme. Its sums stand on their own: money
    does not carry over, so no year is ever set off against another."""

    year: int


@dataclass
class ProgrammeLine:
    """A category over all years: what was spent in each year, side by side."""

    category: CostCategory
    planned: Decimal
    spent: Decimal
    spent_by_year: list[Decimal]


@dataclass
class MunicipalityRow(GrantTotals):
    """A model municipality of the cohort over all years; ``by_year`` follows the years
    of the statement (None where the municipality had no grant that year)."""

    municipality: Municipality
    by_year: list[Grant | None]

    @property
    def grants(self) -> list[Grant]:
        return [grant for grant in self.by_year if grant is not None]


@dataclass
class ProgrammeStatement(StatementPart):
    """All funding years of the programme, for one municipality or (``municipality``
    None) for the whole cohort: the totals, and each year on its own in ``years``."""

    call: Call | None = None
    municipality: Municipality | None = None
    years: list[YearStatement] = field(default_factory=list)
    rows: list[MunicipalityRow] = field(default_factory=list)

    @property
    def year_numbers(self) -> list[int]:
        return [y.year for y in self.years]

    @property
    def lines(self) -> list[ProgrammeLine]:
        """Per category: planned and spent over all years, with the spending per year."""
        return [
            ProgrammeLine(
                category=line.category,
                planned=line.planned,
                spent=line.spent,
                spent_by_year=[y.statement.lines[index].spent for y in self.years],
            )
            for index, line in enumerate(self.statement.lines)
        ]


def _statement_of(
    total: selectors.Statement, by_grant: dict, grant_ids: list[int]
) -> selectors.Statement:
    """The statement of some of the grants, from the per-grant sums already read; the
    categories (and their order) are those of ``total``, so the years line up."""
    lines = []
    for line in total.lines:
        sums = [by_grant.get(g, {}).get(line.category.pk, (ZERO, ZERO)) for g in grant_ids]
        lines.append(
            selectors.StatementLine(
                category=line.category,
                planned=sum((s[0] for s in sums), ZERO),
                spent=sum((s[1] for s in sums), ZERO),
            )
        )
    return selectors.Statement(lines=lines)


def programme_statement(
    *, call: Call, municipality: Municipality | None = None
) -> ProgrammeStatement:
    """The financial statement of every funding year of ``call``: for ``municipality``
    (already checked to be the person's own or one of the cohort), or for the whole
    cohort. Eight queries, however many municipalities, years or receipts."""
    grants = Grant.objects.filter(funding_year__call=call)
    if municipality is not None:
        grants = grants.filter(municipality=municipality)
    order = ("funding_year__year", German("municipality__name"), "pk")
    grants = list(selectors.grants_with_sums(grants).order_by(*order))
    grant_ids = [g.pk for g in grants]
    total = selectors.statement(grant_ids=grant_ids)
    by_grant = selectors.statement_by_grant(grant_ids=grant_ids)
    # Numbered once over the whole programme, so a receipt keeps its number in every year.
    receipts = _receipts(
        selectors.expenses_of(grant_ids=grant_ids, statuses=[ExpenseStatus.APPROVED])
    )
    payments = list(selectors.payment_requests_of(grant_ids=grant_ids))

    by_year: dict[int, list[Grant]] = {}
    for grant in grants:
        by_year.setdefault(grant.funding_year.year, []).append(grant)
    years = []
    for year, year_grants in by_year.items():
        ids = {g.pk for g in year_grants}
        years.append(
            YearStatement(
                year=year,
                grants=year_grants,
                statement=_statement_of(total, by_grant, list(ids)),
                receipts=[r for r in receipts if r.expense.grant_id in ids],
                payments=[p for p in payments if p.grant_id in ids],
            )
        )

    rows: list[MunicipalityRow] = []
    if municipality is None:
        cells: dict[int, dict[int, Grant]] = {}
        for grant in grants:
            cells.setdefault(grant.municipality_id, {})[grant.funding_year.year] = grant
        named = sorted(
            (next(iter(c.values())).municipality for c in cells.values()),
            key=lambda m: (m.name, m.pk),
        )
        rows = [
            MunicipalityRow(municipality=m, by_year=[cells[m.pk].get(y) for y in by_year])
            for m in named
        ]
    return ProgrammeStatement(
        grants=grants,
        statement=total,
        receipts=receipts,
        payments=payments,
        call=call,
        municipality=municipality,
        years=years,
        rows=rows,
    )


def cohort_municipality_get_office(*, call: Call, municipality_pk: int) -> Municipality:
    """A model municipality of the office's cohort; 404 for any other."""
    return get_object_or_404(cohort_municipalities(call=call), pk=municipality_pk)


def funding_year_of_call_get_office(*, call: Call, year: int) -> FundingYear:
    return get_object_or_404(FundingYear, call=call, year=year)
