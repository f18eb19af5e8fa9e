"""The narrative report (Sachbericht): the facts the platform knows of a period, and the
report's workflow (save, submit, approve, return), which changes only the report itself.

The reading functions run in a fixed number of queries, whatever was recorded.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from advisory.models import Assessment, Meeting
from calls.models import Call
from core.audit import audit_record
from core.choices import ActivityStatus
from core.periods import span_bounds
from funding import selectors
from funding.deadlines import final_due, funding_settings, interim_due
from funding.models import (
    ZERO,
    FundingYear,
    Grant,
    NarrativeReport,
    ReportKind,
    ReportStatus,
)
from municipalities.models import Municipality
from network.models import Workshop
from programme.cohort import cohort_municipalities
from programme.models import Status
from progress.status import programme_progress
from trainings.models import TrainingSession

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


def report_get_office(*, report_pk: int) -> NarrativeReport:
    """A report the municipality has handed in (a draft stays with the municipality)."""
    return get_object_or_404(
        NarrativeReport.objects.select_related("call", "municipality", "decided_by").exclude(
            status=ReportStatus.DRAFT
        ),
        pk=report_pk,
    )


@dataclass
class ReportCell:
    """One report of a municipality (None: not begun) with the day its proof is due."""

    report: NarrativeReport | None
    due_on: dt.date
    today: dt.date

    @property
    def handed_in(self) -> bool:
        return self.report is not None and self.report.status in (
            ReportStatus.SUBMITTED,
            ReportStatus.APPROVED,
        )

    @property
    def overdue(self) -> bool:
        """Past its due date (kept until the end of that day) and not handed in."""
        return not self.handed_in and self.today > self.due_on


@dataclass
class ReportColumn:
    year: int | None  # None: the final proof of use
    due_on: dt.date


@dataclass
class ReportOverview:
    """Per municipality of a cohort: its reports by year (None: the final report), each
    with its due date."""

    columns: list[ReportColumn]
    rows: list[tuple[Municipality, list[ReportCell]]]

    @property
    def years(self) -> list[int]:
        return [column.year for column in self.columns if column.year is not None]


def _report_columns(call: Call) -> list[ReportColumn]:
    config = funding_settings()
    columns = [
        ReportColumn(year=y.year, due_on=interim_due(year=y.year, config=config))
        for y in selectors.funding_years(call=call)
    ]
    columns.append(
        ReportColumn(year=None, due_on=final_due(programme_end=call.programme_end, config=config))
    )
    return columns


def report_cells_of_municipality(
    *, call: Call, municipality_id: int, today: dt.date | None = None
) -> dict[int | None, ReportCell]:
    """The municipality's reports by year (None: the final one) with their due dates."""
    today = today or timezone.localdate()
    own = NarrativeReport.objects.filter(call=call, municipality_id=municipality_id)
    reports = {r.year: r for r in own}
    return {
        c.year: ReportCell(report=reports.get(c.year), due_on=c.due_on, today=today)
        for c in _report_columns(call)
    }


def reports_of_call(*, call: Call, today: dt.date | None = None) -> ReportOverview:
    """Four queries however large the cohort. ``today`` in Europe/Berlin decides what is
    overdue: the interim proof of a year from the day after its due date (30 April of
    the next year unless the office set another), the final one likewise."""
    today = today or timezone.localdate()
    columns = _report_columns(call)
    reports = {(r.municipality_id, r.year): r for r in NarrativeReport.objects.filter(call=call)}
    rows = [
        (
            m,
            [
                ReportCell(report=reports.get((m.pk, c.year)), due_on=c.due_on, today=today)
                for c in columns
            ],
        )
        for m in cohort_municipalities(call=call)
    ]
    return ReportOverview(columns=columns, rows=rows)


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
    start, end = span_bounds(starts_on, ends_on)
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


def report_save_and_submit(
    *, report: NarrativeReport, measures_text: str, results_text: str, outlook_text: str, actor
) -> NarrativeReport:
    """Keep the coordinator's texts as the draft, then hand the report in. The draft is
    stored first on purpose: when the submission is refused (a text is missing), what
    the coordinator wrote stays saved and nothing typed is lost."""
    report = report_save(
        report=report,
        measures_text=measures_text,
        results_text=results_text,
        outlook_text=outlook_text,
        actor=actor,
    )
    return report_submit(report=report, actor=actor)


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
