"""Reading the programme: the cohort matrix, one municipality's overview, its evidence
and its next dates. Everything is scoped by the call and the municipality passed in, which
views take from the person (``programme.cohort``) or from the office's choice."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advisory.models import Assessment, Meeting
from calls.models import Call
from core.choices import ActivityStatus
from core.periods import year_bounds
from evaluation.selectors import ResponseShare, response_share, session_responses
from municipalities.models import Municipality
from network.models import Workshop
from programme.cohort import cohort_municipalities, programme_calls
from programme.models import (
    DOCUMENT_COMMITMENT,
    CommitmentKind,
    EvaluationDate,
    ProgrammeDocument,
    ProgrammeYear,
    Reminder,
    ReminderMute,
)
from programme.periods import current_year
from programme.progress import Progress, programme_progress
from trainings.models import TrainingSession


def programme_call_get_office(*, call_pk: int) -> Call:
    """A call with a released decision (the office's cohorts); 404 otherwise."""
    return get_object_or_404(programme_calls(), pk=call_pk)


def year_choose(*, years: list[ProgrammeYear], number: str | int | None) -> ProgrammeYear | None:
    """The year ``number`` (from a query string) or, if absent or unknown, the current one."""
    for year in years:
        if str(year.number) == str(number):
            return year
    return current_year(years, timezone.localdate())


@dataclass(frozen=True)
class Matrix:
    progress: Progress
    municipalities: list[Municipality]
    year: ProgrammeYear | None

    @property
    def rows(self):
        """(municipality, cells of the chosen year) per model municipality."""
        return [(m, self.progress.row(m.pk, self.year)) for m in self.municipalities]

    @property
    def all_years_rows(self):
        """(municipality, [(commitment, [cell per year])]) per model municipality."""
        return [
            (
                m,
                [
                    (c, [self.progress.cell(m.pk, c, y) for y in self.progress.years])
                    for c in self.progress.commitments
                ],
            )
            for m in self.municipalities
        ]

    def totals(self) -> dict[str, int]:
        """How many cells of the chosen year have each status."""
        counts: dict[str, int] = {}
        for _municipality, cells in self.rows:
            for cell in cells:
                counts[cell.status] = counts.get(cell.status, 0) + 1
        return counts


def cohort_matrix(*, call: Call, year_number=None, now: dt.datetime | None = None) -> Matrix:
    """Municipalities × commitments of the cohort: a constant number of queries."""
    municipalities = list(cohort_municipalities(call=call))
    progress = programme_progress(
        call=call, municipality_ids=[m.pk for m in municipalities], now=now, whole_cohort=True
    )
    year = year_choose(years=progress.years, number=year_number)
    return Matrix(progress=progress, municipalities=municipalities, year=year)


def cohort_municipality_get(*, call: Call, municipality_pk: int) -> Municipality:
    """A model municipality of ``call``; 404 for any other."""
    return get_object_or_404(cohort_municipalities(call=call), pk=municipality_pk)


@dataclass
class EvidenceItem:
    when: dt.date
    title: str
    status: str
    counts: bool
    url: str = ""


@dataclass
class Evidence:
    """What was recorded for one municipality in one year, by commitment kind."""

    items: dict[str, list[EvidenceItem]] = field(default_factory=dict)
    # Shown with the evaluation commitment; None when no held session had a survey.
    response_share: ResponseShare | None = None

    def for_kind(self, kind: str) -> list[EvidenceItem]:
        return self.items.get(kind, [])


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def municipality_evidence(
    *, call: Call, municipality_id: int, year: ProgrammeYear, for_office: bool = False
) -> Evidence:
    """Each record that counts (or could count) for the municipality in ``year``, linked
    to its page where the viewer (the municipality, or the office) has one.

    Six queries; a year has at most a few dozen records per municipality."""
    start, end = year_bounds(year)
    evidence = Evidence()

    def add(kind, item):
        evidence.items.setdefault(kind, []).append(item)

    sessions = (
        TrainingSession.objects.filter(
            call=call, municipality_id=municipality_id, starts_at__gte=start, starts_at__lt=end
        )
        .select_related("module_version")
        .annotate(survey_responses=session_responses())
        .order_by("starts_at", "pk")
    )
    evidence.response_share = response_share(
        sessions=(
            (s.participants, s.survey_responses)
            for s in sessions
            if s.status == ActivityStatus.HELD
        )
    )
    for s in sessions:
        add(
            CommitmentKind.TRAINING_SESSIONS,
            EvidenceItem(
                when=_local_day(s.starts_at),
                title=s.module_version.title,
                status=s.get_status_display(),
                counts=s.status == ActivityStatus.HELD,
                url=reverse("trainings:session_detail", args=[s.pk]),
            ),
        )
    workshops = Workshop.objects.filter(
        call=call, municipality_id=municipality_id, starts_at__gte=start, starts_at__lt=end
    ).order_by("starts_at", "pk")
    for w in workshops:
        add(
            CommitmentKind.EMPOWERMENT_WORKSHOPS,
            EvidenceItem(
                when=_local_day(w.starts_at),
                title=w.title,
                status=w.get_status_display(),
                counts=w.status == ActivityStatus.HELD,
            ),
        )
    meetings = Meeting.objects.filter(
        board__call=call,
        board__municipality_id=municipality_id,
        starts_at__gte=start,
        starts_at__lt=end,
    ).order_by("starts_at", "pk")
    for m in meetings:
        counted = m.status == ActivityStatus.HELD and m.has_minutes
        status = m.get_status_display()
        if m.status == ActivityStatus.HELD and not m.has_minutes:
            status = _("stattgefunden, Protokoll fehlt")
        add(
            CommitmentKind.BOARD_MEETINGS,
            EvidenceItem(
                when=_local_day(m.starts_at),
                title=_("Sitzung"),
                status=status,
                counts=counted,
                url=reverse(
                    "advisory:office_meeting" if for_office else "advisory:meeting", args=[m.pk]
                ),
            ),
        )
    for a in Assessment.objects.filter(
        board__call=call, board__municipality_id=municipality_id, year=year
    ):
        add(
            CommitmentKind.BOARD_ASSESSMENT,
            EvidenceItem(
                when=_local_day(a.submitted_at or a.updated_at),
                title=_("Einschätzung für das %(number)d. Programmjahr") % {"number": year.number},
                status=_("eingereicht") if a.submitted_at else _("Entwurf"),
                counts=a.submitted_at is not None,
                url=_assessment_url(a, year, for_office),
            ),
        )
    for e in EvaluationDate.objects.filter(
        call=call, municipality_id=municipality_id, starts_at__gte=start, starts_at__lt=end
    ).order_by("starts_at", "pk"):
        add(
            CommitmentKind.EVALUATION,
            EvidenceItem(
                when=_local_day(e.starts_at),
                title=e.description or _("Evaluationstermin"),
                status=e.get_status_display(),
                counts=e.status == ActivityStatus.HELD,
                url="" if for_office else reverse("programme:evaluation_dates"),
            ),
        )
    documents = ProgrammeDocument.objects.filter(
        call=call, municipality_id=municipality_id, occurred_on__lte=year.ends_on
    ).order_by("occurred_on", "pk")
    for d in documents:
        kind = DOCUMENT_COMMITMENT[d.kind]
        # The once-only commitment counts earlier years' documents too.
        if d.occurred_on < year.starts_on and kind != CommitmentKind.POLITICAL_BACKING:
            continue
        url = ""
        if d.file:
            url = (
                reverse("programme_office:document_file", args=[call.pk, d.pk])
                if for_office
                else reverse("programme:document_file", args=[d.pk])
            )
        add(
            kind,
            EvidenceItem(
                when=d.occurred_on, title=d.title, status=_("erfasst"), counts=True, url=url
            ),
        )
    return evidence


def _assessment_url(assessment: Assessment, year: ProgrammeYear, for_office: bool) -> str:
    if not for_office:
        return reverse("advisory:assessment", args=[year.number])
    # The office reads submitted assessments only; drafts belong to the board.
    if assessment.submitted_at is None:
        return ""
    return reverse("advisory:office_assessment", args=[assessment.pk])


@dataclass
class Upcoming:
    when: dt.datetime
    what: str
    title: str


def upcoming_dates(
    *, call: Call, municipality_id: int, now: dt.datetime | None = None, limit: int = 8
) -> list[Upcoming]:
    """The municipality's next planned dates of every kind, soonest first (four queries)."""
    now = now or timezone.now()
    planned = {"status": ActivityStatus.PLANNED, "starts_at__gte": now}
    found = []
    for s in (
        TrainingSession.objects.filter(call=call, municipality_id=municipality_id, **planned)
        .select_related("module_version")
        .order_by("starts_at")[:limit]
    ):
        found.append(Upcoming(s.starts_at, _("Schulung"), s.module_version.title))
    for w in Workshop.objects.filter(
        call=call, municipality_id=municipality_id, **planned
    ).order_by("starts_at")[:limit]:
        found.append(Upcoming(w.starts_at, _("Empowerment-Workshop"), w.title))
    for m in Meeting.objects.filter(
        board__call=call, board__municipality_id=municipality_id, **planned
    ).order_by("starts_at")[:limit]:
        found.append(Upcoming(m.starts_at, _("Sitzung des Fachbeirats"), m.location))
    for e in EvaluationDate.objects.filter(
        call=call, municipality_id=municipality_id, **planned
    ).order_by("starts_at")[:limit]:
        found.append(Upcoming(e.starts_at, _("Evaluationstermin"), e.description))
    found.sort(key=lambda u: u.when)
    return found[:limit]


def documents_for_municipality(*, call: Call, municipality_id: int) -> QuerySet[ProgrammeDocument]:
    return ProgrammeDocument.objects.filter(call=call, municipality_id=municipality_id).order_by(
        "-occurred_on", "-pk"
    )


def document_get_office(*, call: Call, document_pk: int) -> ProgrammeDocument:
    """Any model municipality's document of ``call`` (for the office)."""
    return get_object_or_404(
        ProgrammeDocument.objects.filter(
            call=call, municipality__in=cohort_municipalities(call=call)
        ),
        pk=document_pk,
    )


def document_get(*, call: Call, municipality_id: int, document_pk: int) -> ProgrammeDocument:
    return get_object_or_404(
        documents_for_municipality(call=call, municipality_id=municipality_id), pk=document_pk
    )


def evaluation_dates_for_municipality(
    *, call: Call, municipality_id: int
) -> QuerySet[EvaluationDate]:
    return EvaluationDate.objects.filter(call=call, municipality_id=municipality_id).order_by(
        "starts_at", "pk"
    )


def evaluation_date_get(*, call: Call, municipality_id: int, evaluation_pk: int) -> EvaluationDate:
    return get_object_or_404(
        evaluation_dates_for_municipality(call=call, municipality_id=municipality_id),
        pk=evaluation_pk,
    )


def reminders_for_user(*, user, limit: int = 50) -> list[Reminder]:
    return list(Reminder.objects.filter(recipient=user).order_by("-created_at", "-pk")[:limit])


def muted_kinds(*, user) -> set[str]:
    return set(ReminderMute.objects.filter(user=user).values_list("kind", flat=True))


def require_year(years: list[ProgrammeYear], year: ProgrammeYear | None) -> ProgrammeYear:
    if year is None:
        raise Http404
    return year
