"""Reading money: grants with their sums, a municipality's own records (404 for any
other's), the statement by category and the list of receipts. Every function costs a
fixed number of queries, however many municipalities, years or expenses there are."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from calls.models import Call
from core.collation import German
from core.idempotency import recent
from core.models import AuditEntry
from funding.models import (
    ZERO,
    CostCategory,
    Expense,
    ExpenseStatus,
    FundingYear,
    Grant,
    PaymentRequest,
    PaymentStatus,
    PlanLine,
)
from funding.money import APPROVED, COMMITTED, EuroFromCents, total
from network.models import Workshop
from network.selectors import local_workshops_of_year
from programme.cohort import cohort_municipalities, programme_calls
from trainings.models import TrainingSession
from trainings.selectors import sessions_of_year

# The trail on a grant's page shows this many entries, newest first.
AUDIT_LIMIT = 100


def _sum_of(queryset: QuerySet, **filters) -> Coalesce:
    """A correlated subquery summing ``amount`` of ``queryset`` per grant (a join would
    multiply the sums when several related tables are added up at once)."""
    rows = (
        queryset.filter(grant=OuterRef("pk"), **filters)
        .order_by()
        .values("grant")
        .annotate(s=total())
        .values("s")
    )
    return Coalesce(Subquery(rows), Value(0), output_field=EuroFromCents())


def _expense_sum(condition) -> Coalesce:
    rows = (
        Expense.objects.filter(condition, grant=OuterRef("pk"))
        .order_by()
        .values("grant")
        .annotate(s=total())
        .values("s")
    )
    return Coalesce(Subquery(rows), Value(0), output_field=EuroFromCents())


def grants_with_sums(grants: QuerySet[Grant]) -> QuerySet[Grant]:
    """``grants`` with planned, submitted, committed, approved, requested and paid sums."""
    return grants.select_related("funding_year", "municipality").annotate(
        planned=_sum_of(PlanLine.objects.all()),
        submitted=_expense_sum(COMMITTED & ~APPROVED),
        committed=_expense_sum(COMMITTED),
        approved=_expense_sum(APPROVED),
        requested=_sum_of(PaymentRequest.objects.all()),
        paid=_sum_of(PaymentRequest.objects.all(), status=PaymentStatus.PAID),
    )


def funding_years(*, call: Call) -> list[FundingYear]:
    return list(FundingYear.objects.filter(call=call).order_by("year"))


def funding_setup_missing(*, call: Call, years: list[FundingYear]) -> bool:
    """Whether a funding year or a grant of a model municipality is missing."""
    if not years:
        return True
    expected = cohort_municipalities(call=call).count() * len(years)
    return Grant.objects.filter(funding_year__call=call).count() < expected


def funding_year_get_office(*, funding_year_pk: int) -> FundingYear:
    """A funding year of a programme; 404 for any other."""
    return get_object_or_404(
        FundingYear.objects.select_related("call").filter(call__in=programme_calls()),
        pk=funding_year_pk,
    )


def year_choose(*, years: list[FundingYear], year: str | None, today) -> FundingYear | None:
    """The year asked for, else the current calendar year, else the nearest one."""
    if not years:
        return None
    wanted = int(year) if year and year.isdigit() else today.year
    for candidate in years:
        if candidate.year == wanted:
            return candidate
    if year:
        raise Http404
    return years[0] if today.year < years[0].year else years[-1]


def grants_of_municipality(*, call: Call, municipality_id: int) -> list[Grant]:
    return list(
        grants_with_sums(
            Grant.objects.filter(funding_year__call=call, municipality_id=municipality_id)
        ).order_by("funding_year__year")
    )


def grant_for_municipality(*, call: Call, municipality_id: int, year: int) -> Grant:
    return get_object_or_404(
        grants_with_sums(Grant.objects.all()),
        funding_year__call=call,
        funding_year__year=year,
        municipality_id=municipality_id,
    )


def cohort_grants(*, funding_year: FundingYear) -> list[Grant]:
    return list(
        grants_with_sums(Grant.objects.filter(funding_year=funding_year)).order_by(
            German("municipality__name"), "pk"
        )
    )


def grant_get_office(*, grant_pk: int) -> Grant:
    return get_object_or_404(grants_with_sums(Grant.objects.all()), pk=grant_pk)


def plan_lines_of(*, grant: Grant) -> QuerySet[PlanLine]:
    """The grant's plan, ordered by category."""
    return grant.plan_lines.select_related("category")


def grant_audit_entries(
    *, grant: Grant, line_ids: list[int], expense_ids: list[int], payment_ids: list[int]
) -> list[AuditEntry]:
    """The trail of the grant and everything booked on it, newest first, in one query."""
    condition = Q(object_type="funding.grant", object_id=str(grant.pk))
    for object_type, values in (
        ("funding.planline", line_ids),
        ("funding.expense", expense_ids),
        ("funding.paymentrequest", payment_ids),
    ):
        if values:
            condition |= Q(object_type=object_type, object_id__in=[str(v) for v in values])
    return list(AuditEntry.objects.filter(condition).select_related("actor")[:AUDIT_LIMIT])


def deleted_just_now(*, actor, action: str, object_pk: int) -> bool:
    """True if ``actor`` recorded ``action`` (a deletion) on that object within the
    repeat window: the second request of a double click on "delete" then finds nothing
    and is told that it is gone instead of answering 404."""
    entries = AuditEntry.objects.filter(actor=actor, action=action, object_id=str(object_pk))
    return recent(entries, since_field="created_at").exists()


def expenses_of(*, grant_ids: list[int], statuses=None) -> QuerySet[Expense]:
    expenses = Expense.objects.filter(grant_id__in=grant_ids).select_related(
        "category",
        "grant__municipality",
        "grant__funding_year",
        "training_session__module_version",
        "workshop",
        "corrects",
    )
    if statuses is not None:
        expenses = expenses.filter(status__in=statuses)
    return expenses.order_by("spent_on", "pk")


def expense_for_municipality(*, call: Call, municipality_id: int, expense_pk: int) -> Expense:
    return get_object_or_404(
        Expense.objects.select_related("grant__funding_year", "category", "corrects"),
        pk=expense_pk,
        grant__municipality_id=municipality_id,
        grant__funding_year__call=call,
    )


def plan_line_for_municipality(*, call: Call, municipality_id: int, line_pk: int) -> PlanLine:
    return get_object_or_404(
        PlanLine.objects.select_related("grant__funding_year", "category"),
        pk=line_pk,
        grant__municipality_id=municipality_id,
        grant__funding_year__call=call,
    )


# A draft is the municipality's own work in progress; the office sees an expense from
# its first submission on.
SEEN_BY_OFFICE = [ExpenseStatus.SUBMITTED, ExpenseStatus.APPROVED, ExpenseStatus.RETURNED]


def expense_get_office(*, expense_pk: int) -> Expense:
    return get_object_or_404(
        Expense.objects.select_related(
            "grant__funding_year__call", "grant__municipality", "category", "corrects"
        ),
        pk=expense_pk,
        status__in=SEEN_BY_OFFICE,
    )


def corrections_for_office(*, expense: Expense) -> list[Expense]:
    """The corrections of ``expense`` the office sees, oldest first."""
    return list(expense.corrections.filter(status__in=SEEN_BY_OFFICE).order_by("created_at", "pk"))


def expense_measures(
    *, call: Call, municipality_id: int, year: int
) -> tuple[list[TrainingSession], list[Workshop]]:
    """The municipality's training sessions and local workshops of the year."""
    return (
        sessions_of_year(call=call, municipality_id=municipality_id, year=year),
        local_workshops_of_year(call=call, municipality_id=municipality_id, year=year),
    )


def payment_get_office(*, payment_pk: int) -> PaymentRequest:
    return get_object_or_404(PaymentRequest.objects.select_related("grant"), pk=payment_pk)


def cost_categories() -> list[CostCategory]:
    return list(CostCategory.objects.order_by("position", "name"))


def cost_category_get_office(*, category_pk: int) -> CostCategory:
    return get_object_or_404(CostCategory, pk=category_pk)


def payment_requests_of(*, grant_ids: list[int]) -> QuerySet[PaymentRequest]:
    return (
        PaymentRequest.objects.filter(grant_id__in=grant_ids)
        .select_related("grant__municipality", "grant__funding_year")
        .order_by("requested_at", "pk")
    )


@dataclass
class StatementLine:
    category: CostCategory
    planned: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def difference(self) -> Decimal:
        return self.planned - self.spent


@dataclass
class Statement:
    """Planned against spent (approved) per cost category, for one or more grants."""

    lines: list[StatementLine] = field(default_factory=list)

    @property
    def planned(self) -> Decimal:
        return sum((line.planned for line in self.lines), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((line.spent for line in self.lines), ZERO)

    @property
    def difference(self) -> Decimal:
        return self.planned - self.spent


def statement(*, grant_ids: list[int]) -> Statement:
    """Three queries: categories, planned sums, approved sums. Categories no longer
    active appear only where they carry money."""
    planned = dict(
        PlanLine.objects.filter(grant_id__in=grant_ids)
        .order_by()
        .values("category")
        .annotate(s=total())
        .values_list("category", "s")
    )
    spent = dict(
        Expense.objects.filter(APPROVED, grant_id__in=grant_ids)
        .order_by()
        .values("category")
        .annotate(s=total())
        .values_list("category", "s")
    )
    lines = [
        StatementLine(category=c, planned=planned.get(c.pk, ZERO), spent=spent.get(c.pk, ZERO))
        for c in CostCategory.objects.order_by("position", "name")
        if c.active or c.pk in planned or c.pk in spent
    ]
    return Statement(lines=lines)


def statement_by_grant(*, grant_ids: list[int]) -> dict[int, dict[int, tuple[Decimal, Decimal]]]:
    """{grant: {category: (planned, spent)}} in two queries, for the cohort sheets."""
    result: dict[int, dict[int, list[Decimal]]] = defaultdict(
        lambda: defaultdict(lambda: [ZERO, ZERO])
    )
    for grant_id, category_id, s in (
        PlanLine.objects.filter(grant_id__in=grant_ids)
        .order_by()
        .values("grant", "category")
        .annotate(s=total())
        .values_list("grant", "category", "s")
    ):
        result[grant_id][category_id][0] = s
    for grant_id, category_id, s in (
        Expense.objects.filter(APPROVED, grant_id__in=grant_ids)
        .order_by()
        .values("grant", "category")
        .annotate(s=total())
        .values_list("grant", "category", "s")
    ):
        result[grant_id][category_id][1] = s
    return {g: {c: (v[0], v[1]) for c, v in cats.items()} for g, cats in result.items()}


def expense_queue(
    *,
    call: Call,
    municipality=None,
    year: str | int | None = "",
    status: str | None = ExpenseStatus.SUBMITTED,
    category: CostCategory | None = None,
) -> QuerySet[Expense]:
    """The expenses of the cohort the office has seen, filtered; by default the queue of
    submitted ones. Oldest submission first, so what waits longest is on top. An empty
    ``status`` means every state the office sees."""
    expenses = Expense.objects.filter(
        grant__funding_year__call=call, status__in=SEEN_BY_OFFICE
    ).select_related("grant__municipality", "grant__funding_year", "category", "corrects")
    if municipality is not None:
        expenses = expenses.filter(grant__municipality=municipality)
    if year and str(year).isdigit():
        expenses = expenses.filter(grant__funding_year__year=int(year))
    if status:
        expenses = expenses.filter(status=status)
    if category is not None:
        expenses = expenses.filter(category=category)
    return expenses.order_by("submitted_at", "pk")


def expenses_of_call_for_office(*, call: Call, expense_ids: list[int]) -> list[Expense]:
    """The named expenses of the cohort that the office sees (others are left out)."""
    return list(
        Expense.objects.filter(
            pk__in=expense_ids, grant__funding_year__call=call, status__in=SEEN_BY_OFFICE
        )
        .select_related("grant__municipality", "grant__funding_year")
        .order_by("submitted_at", "pk")
    )


# Not yet paid out: requested, or released for payout.
OPEN_PAYMENTS = [PaymentStatus.REQUESTED, PaymentStatus.APPROVED]


def open_payment_requests(*, call: Call) -> QuerySet[PaymentRequest]:
    """The cohort's payment requests not yet paid out, the oldest first."""
    return (
        PaymentRequest.objects.filter(grant__funding_year__call=call, status__in=OPEN_PAYMENTS)
        .select_related("grant__municipality", "grant__funding_year", "requested_by")
        .order_by("requested_at", "pk")
    )


def open_payment_total(*, call: Call) -> Decimal:
    """The sum of the cohort's payment requests not yet paid out."""
    return PaymentRequest.objects.filter(
        grant__funding_year__call=call, status__in=OPEN_PAYMENTS
    ).aggregate(s=total())["s"]


# --- the office's desk -----------------------------------------------------------------


def submitted_expenses_per_call() -> list[Call]:
    """The cohorts with submitted expenses waiting for a decision, each with
    ``waiting`` (one query); the count the cohort's queue shows by default."""
    waiting = Q(funding_years__grants__expenses__status=ExpenseStatus.SUBMITTED)
    return list(
        programme_calls()
        .annotate(waiting=Count("funding_years__grants__expenses", filter=waiting))
        .filter(waiting__gt=0)
    )


def open_payments_per_call() -> list[Call]:
    """The cohorts with payment requests not yet paid out, each with ``open_payments``
    (one query); the count of the cohort's list of open payment requests."""
    open_ = Q(funding_years__grants__payment_requests__status__in=OPEN_PAYMENTS)
    return list(
        programme_calls()
        .annotate(open_payments=Count("funding_years__grants__payment_requests", filter=open_))
        .filter(open_payments__gt=0)
    )
