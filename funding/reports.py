"""Reports on the money: the financial statement (zahlenmäßiger Nachweis) of one grant or
of a whole cohort's year, and the narrative report (Sachbericht) with the facts the
platform knows.

Everything here reads in a fixed number of queries, however many municipalities or
receipts there are; the narrative report's services change only the report itself.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from advisory.models import Assessment, Meeting
from calls.models import Call
from core.audit import audit_record
from core.choices import ActivityStatus
from funding import selectors
from funding.models import (
    ZERO,
    CostCategory,
    Expense,
    ExpenseStatus,
    FundingYear,
    Grant,
    NarrativeReport,
    PaymentRequest,
    ReportKind,
    ReportStatus,
)
from municipalities.models import Municipality
from network.models import Workshop
from programme.cohort import cohort_municipalities
from programme.models import Status
from programme.progress import programme_progress
from trainings.models import TrainingSession

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


@dataclass
class GrantStatement:
    """The statement of one municipality's grant for one year."""

    grant: Grant
    statement: selectors.Statement
    receipts: list[Receipt]
    payments: list[PaymentRequest]

    @property
    def receipts_total(self) -> Decimal:
        return sum((r.expense.amount for r in self.receipts), ZERO)

    @property
    def payments_total(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def paid_total(self) -> Decimal:
        return sum((p.amount for p in self.payments if p.paid_on), ZERO)


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


class GrantTotals:
    """The money of several grants added up exactly: each holder says which grants."""

    def _grants(self) -> Iterable[Grant]:
        raise NotImplementedError

    def _sum(self, name: str) -> Decimal:
        return sum((getattr(grant, name) for grant in self._grants()), ZERO)

    @property
    def amount(self) -> Decimal:
        return self._sum("amount")

    @property
    def planned(self) -> Decimal:
        return self._sum("planned")

    @property
    def approved(self) -> Decimal:
        return self._sum("approved")

    @property
    def requested(self) -> Decimal:
        return self._sum("requested")

    @property
    def paid(self) -> Decimal:
        return self._sum("paid")


@dataclass
class CohortRow:
    grant: Grant
    by_category: dict[int, tuple[Decimal, Decimal]]


@dataclass
class CohortStatement(GrantTotals):
    """A cohort's year: the category sums, a row per municipality and every receipt."""

    funding_year: FundingYear
    statement: selectors.Statement
    rows: list[CohortRow]
    receipts: list[Receipt]

    def _grants(self):
        return (row.grant for row in self.rows)

    @property
    def receipts_total(self) -> Decimal:
        return sum((r.expense.amount for r in self.receipts), ZERO)


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
class StatementPart(GrantTotals):
    """Grants with their statement by category, their receipts and payment requests."""

    grants: list[Grant]
    statement: selectors.Statement
    receipts: list[Receipt]
    payments: list[PaymentRequest]

    def _grants(self):
        return self.grants

    @property
    def receipts_total(self) -> Decimal:
        return sum((r.expense.amount for r in self.receipts), ZERO)

    @property
    def payments_total(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def paid_total(self) -> Decimal:
        return sum((p.amount for p in self.payments if p.paid_on), ZERO)


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

    def _grants(self):
        return (grant for grant in self.by_year if grant is not None)


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
    order = ("funding_year__year", "municipality__name", "pk")
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


def office_cohort_municipality(*, call: Call, municipality_pk: int) -> Municipality:
    """A model municipality of the office's cohort; 404 for any other."""
    return get_object_or_404(cohort_municipalities(call=call), pk=municipality_pk)


def office_funding_year(*, call: Call, year: int) -> FundingYear:
    return get_object_or_404(FundingYear, call=call, year=year)


# --- narrative reports: reading -----------------------------------------------------


def report_for(*, call: Call, municipality: Municipality, kind: str, year: int | None):
    """The municipality's report of ``kind`` (for ``year`` if interim), made if missing."""
    if (kind == ReportKind.INTERIM) != (year is not None):
        raise ValueError("An interim report has a year; the final report has none.")
    report, _created = NarrativeReport.objects.get_or_create(
        call=call, municipality=municipality, kind=kind, year=year
    )
    return report


def report_for_municipality(
    *, call: Call, municipality_id: int, year: int | None, create: bool = False
):
    """The person's own report of ``year`` (the final one for None); 404 when the cohort
    has no such funding year. Looking does not write: until the coordinator first saves
    (``create``), an unsaved empty draft stands in."""
    if year is not None and not FundingYear.objects.filter(call=call, year=year).exists():
        raise Http404
    municipality = get_object_or_404(Municipality, pk=municipality_id)
    kind = ReportKind.INTERIM if year is not None else ReportKind.FINAL
    if create:
        return report_for(call=call, municipality=municipality, kind=kind, year=year)
    found = NarrativeReport.objects.filter(
        call=call, municipality=municipality, kind=kind, year=year
    ).first()
    return found or NarrativeReport(call=call, municipality=municipality, kind=kind, year=year)


def report_for_office(*, report_pk: int) -> NarrativeReport:
    return get_object_or_404(
        NarrativeReport.objects.select_related("call", "municipality", "decided_by"),
        pk=report_pk,
    )


@dataclass
class ReportOverview:
    """Per municipality of a cohort: its reports by year (None: the final report)."""

    years: list[int]
    rows: list[tuple[Municipality, list[NarrativeReport | None]]]


def reports_of_call(*, call: Call) -> ReportOverview:
    """Three queries however large the cohort."""
    years = [y.year for y in selectors.funding_years(call=call)]
    reports = {(r.municipality_id, r.year): r for r in NarrativeReport.objects.filter(call=call)}
    columns: list[int | None] = [*years, None]
    rows = [
        (m, [reports.get((m.pk, y)) for y in columns]) for m in cohort_municipalities(call=call)
    ]
    return ReportOverview(years=years, rows=rows)


# --- narrative reports: the facts -----------------------------------------------------


@dataclass
class CommitmentsMet:
    number: int
    starts_on: dt.date
    ends_on: dt.date
    met: int
    total: int


@dataclass
class ReportFacts:
    """What the platform knows of the period: counts only, never names of people."""

    starts_on: dt.date
    ends_on: dt.date
    sessions: int = 0
    participants: int = 0
    workshops: int = 0
    meetings: int = 0
    assessments: list[Assessment] = field(default_factory=list)
    commitments: list[CommitmentsMet] = field(default_factory=list)
    grant_amount: Decimal = ZERO
    approved: Decimal = ZERO
    requested: Decimal = ZERO


def _period(call: Call, year: int | None) -> tuple[dt.date, dt.date]:
    if year is None:
        return call.programme_start, call.programme_end
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def report_facts(*, call: Call, municipality_id: int, year: int | None) -> ReportFacts:
    """The facts of a calendar year (or the whole programme when ``year`` is None), in
    Europe/Berlin. Fourteen queries, whatever was recorded."""
    starts_on, ends_on = _period(call, year)
    zone = ZoneInfo(settings.TIME_ZONE)
    start = dt.datetime.combine(starts_on, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(ends_on + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    held = {"status": ActivityStatus.HELD, "starts_at__gte": start, "starts_at__lt": end}
    sessions = TrainingSession.objects.filter(
        call=call, municipality_id=municipality_id, **held
    ).aggregate(n=Count("pk"), people=Sum("participants"))
    facts = ReportFacts(
        starts_on=starts_on,
        ends_on=ends_on,
        sessions=sessions["n"],
        participants=sessions["people"] or 0,
        # Only the number of held workshops: who took part is special-category data.
        workshops=Workshop.objects.filter(
            call=call, municipality_id=municipality_id, **held
        ).count(),
        meetings=Meeting.objects.filter(
            board__call=call, board__municipality_id=municipality_id, **held
        ).count(),
        assessments=list(
            Assessment.objects.filter(
                board__call=call,
                board__municipality_id=municipality_id,
                submitted_at__isnull=False,
                year__starts_on__lte=ends_on,
                year__ends_on__gte=starts_on,
            )
            .select_related("year")
            .order_by("year__number")
        ),
    )
    progress = programme_progress(call=call, municipality_ids=[municipality_id])
    for programme_year in progress.years:
        if programme_year.starts_on > ends_on or programme_year.ends_on < starts_on:
            continue
        statuses = Counter(c.status for c in progress.row(municipality_id, programme_year))
        facts.commitments.append(
            CommitmentsMet(
                number=programme_year.number,
                starts_on=programme_year.starts_on,
                ends_on=programme_year.ends_on,
                met=statuses[Status.MET],
                total=len(progress.commitments),
            )
        )
    grants = Grant.objects.filter(funding_year__call=call, municipality_id=municipality_id)
    if year is not None:
        grants = grants.filter(funding_year__year=year)
    for grant in selectors.grants_with_sums(grants):
        facts.grant_amount += grant.amount
        facts.approved += grant.approved
        facts.requested += grant.requested
    return facts


# --- narrative reports: the workflow --------------------------------------------------

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)
TEXT_FIELDS = ("measures_text", "results_text", "outlook_text")
TEXT_LIMIT = 8000


def _locked(report: NarrativeReport) -> NarrativeReport:
    return NarrativeReport.objects.select_for_update().get(pk=report.pk)


def _texts(report: NarrativeReport) -> dict[str, str]:
    return {name: getattr(report, name) for name in TEXT_FIELDS}


@transaction.atomic
def report_save(
    *, report: NarrativeReport, measures_text: str, results_text: str, outlook_text: str, actor
) -> NarrativeReport:
    """Keep the coordinator's texts; only while the report is a draft or returned."""
    report = _locked(report)
    if report.status not in EDITABLE:
        raise ValidationError(
            _("Der Sachbericht ist eingereicht und kann nicht mehr geändert werden.")
        )
    texts = {
        "measures_text": measures_text.strip(),
        "results_text": results_text.strip(),
        "outlook_text": outlook_text.strip(),
    }
    too_long = {
        name: _("Bitte kürzen Sie den Text auf höchstens 8.000 Zeichen.")
        for name, text in texts.items()
        if len(text) > TEXT_LIMIT
    }
    if too_long:
        raise ValidationError(too_long)
    before = _texts(report)
    for name, text in texts.items():
        setattr(report, name, text)
    report.save(update_fields=[*TEXT_FIELDS, "updated_at"])
    after = _texts(report)
    changed = {k: [len(before[k]), len(after[k])] for k in TEXT_FIELDS if before[k] != after[k]}
    # The log keeps how long each text was, not the text itself.
    audit_record(actor=actor, action="funding.report_save", obj=report, changes=changed)
    return report


@transaction.atomic
def report_submit(*, report: NarrativeReport, actor) -> NarrativeReport:
    """Hand the report to the office; the first two texts must be written."""
    report = _locked(report)
    if report.status not in EDITABLE:
        raise ValidationError(_("Der Sachbericht ist bereits eingereicht."))
    missing = {
        name: _("Bitte füllen Sie dieses Feld aus, bevor Sie den Bericht einreichen.")
        for name in ("measures_text", "results_text")
        if not getattr(report, name).strip()
    }
    if missing:
        raise ValidationError(missing)
    old = report.status
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="funding.report_submit",
        obj=report,
        changes={"status": [old, report.status]},
    )
    return report


def _decide(report: NarrativeReport, status: str, reason: str, actor, action: str):
    old = report.status
    report.status = status
    report.return_reason = reason
    report.decided_at = timezone.now()
    report.decided_by = actor if getattr(actor, "pk", None) else None
    report.save(update_fields=["status", "return_reason", "decided_at", "decided_by", "updated_at"])
    audit_record(actor=actor, action=action, obj=report, changes={"status": [old, status]})
    return report


@transaction.atomic
def report_approve(*, report: NarrativeReport, actor) -> NarrativeReport:
    report = _locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Nur ein eingereichter Sachbericht kann angenommen werden."))
    return _decide(report, ReportStatus.APPROVED, "", actor, "funding.report_approve")


@transaction.atomic
def report_return(*, report: NarrativeReport, reason: str, actor) -> NarrativeReport:
    """Send the report back for changes, saying why."""
    report = _locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Nur ein eingereichter Sachbericht kann zurückgegeben werden."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte geben Sie an, was zu ändern ist.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Bitte fassen Sie den Grund in 2.000 Zeichen.")})
    return _decide(report, ReportStatus.RETURNED, reason, actor, "funding.report_return")
