"""Reading the progress of the cohort: the matrix of municipalities and commitments, one
municipality's evidence for a year and its next dates. The records belong to other apps
(trainings, network, advisory boards, evaluation, programme); they are read through those
apps' selectors, each of which also knows which of its records count."""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advisory.selectors import assessments_of_year, meetings_in_period, meetings_planned
from calls.models import Call
from core.choices import ActivityStatus
from core.periods import year_bounds
from evaluation.selectors import ResponseShare, response_share, session_responses
from municipalities.models import Municipality
from network.selectors import local_workshops_in_period, local_workshops_planned
from programme.cohort import cohort_municipalities
from programme.models import DOCUMENT_COMMITMENT, CommitmentKind, ProgrammeYear
from programme.selectors import (
    documents_until,
    evaluation_dates_in_period,
    evaluation_dates_planned,
    year_choose,
)
from progress.status import Progress, programme_progress
from recommendations.field_test_selectors import field_tests_in_period
from trainings.selectors import sessions_in_period, sessions_planned


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

    def add(self, kind: str, items: list[EvidenceItem]) -> None:
        if items:
            self.items.setdefault(kind, []).extend(items)


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


@dataclass(frozen=True)
class _Scope:
    """One municipality in one programme year, as one viewer sees it."""

    call: Call
    municipality_id: int
    year: ProgrammeYear
    start: dt.datetime
    end: dt.datetime
    for_office: bool
    # Whether the viewer may open the municipality's field tests (the coordination and
    # the team); others see them listed without a link that would answer 403.
    field_tests_open: bool = True

    @property
    def period(self) -> dict:
        return {
            "call": self.call,
            "municipality_id": self.municipality_id,
            "start": self.start,
            "end": self.end,
        }


def municipality_evidence(
    *,
    call: Call,
    municipality_id: int,
    year: ProgrammeYear,
    for_office: bool = False,
    field_tests_open: bool = True,
) -> Evidence:
    """Each record that counts (or could count) for the municipality in ``year``, linked
    to its page where the viewer (the municipality, or the office) has one.

    Seven queries; a year has at most a few dozen records per municipality."""
    start, end = year_bounds(year)
    scope = _Scope(call, municipality_id, year, start, end, for_office, field_tests_open)
    evidence = Evidence()
    sessions, evidence.response_share = _training_sessions(scope)
    evidence.add(CommitmentKind.TRAINING_SESSIONS, sessions)
    evidence.add(CommitmentKind.EMPOWERMENT_WORKSHOPS, _workshops(scope))
    evidence.add(CommitmentKind.BOARD_MEETINGS, _meetings(scope))
    evidence.add(CommitmentKind.BOARD_ASSESSMENT, _assessments(scope))
    evidence.add(CommitmentKind.EVALUATION, _evaluation_dates(scope))
    for kind, item in _documents(scope):
        evidence.add(kind, [item])
    evidence.add(CommitmentKind.FIELD_TESTS, _field_tests(scope))
    return evidence


def _training_sessions(scope: _Scope) -> tuple[list[EvidenceItem], ResponseShare | None]:
    """The sessions, and the share of their participants who answered a survey."""
    sessions = list(
        sessions_in_period(**scope.period).annotate(survey_responses=session_responses())
    )
    share = response_share(
        sessions=(
            (s.participants, s.survey_responses)
            for s in sessions
            if s.status == ActivityStatus.HELD
        )
    )
    items = [
        EvidenceItem(
            when=_local_day(s.starts_at),
            title=s.module_version.title,
            status=s.get_status_display(),
            counts=s.status == ActivityStatus.HELD,
            url=reverse("trainings:session_detail", args=[s.pk]),
        )
        for s in sessions
    ]
    return items, share


def _workshops(scope: _Scope) -> list[EvidenceItem]:
    return [
        EvidenceItem(
            when=_local_day(w.starts_at),
            title=w.title,
            status=w.get_status_display(),
            counts=w.status == ActivityStatus.HELD,
        )
        for w in local_workshops_in_period(**scope.period)
    ]


def _meetings(scope: _Scope) -> list[EvidenceItem]:
    name = "advisory:office_meeting" if scope.for_office else "advisory:meeting"
    items = []
    for m in meetings_in_period(**scope.period):
        status = m.get_status_display()
        if m.status == ActivityStatus.HELD and not m.has_minutes:
            status = _("stattgefunden, Protokoll fehlt")
        items.append(
            EvidenceItem(
                when=_local_day(m.starts_at),
                title=_("Sitzung"),
                status=status,
                counts=m.status == ActivityStatus.HELD and m.has_minutes,
                url=reverse(name, args=[m.pk]),
            )
        )
    return items


def _assessments(scope: _Scope) -> list[EvidenceItem]:
    year = scope.year
    return [
        EvidenceItem(
            when=_local_day(a.submitted_at or a.updated_at),
            title=_("Einschätzung für das %(number)d. Programmjahr") % {"number": year.number},
            status=_("eingereicht") if a.submitted_at else _("Entwurf"),
            counts=a.submitted_at is not None,
            url=_assessment_url(a, year, scope.for_office),
        )
        for a in assessments_of_year(
            call=scope.call, municipality_id=scope.municipality_id, year=year
        )
    ]


def _assessment_url(assessment, year: ProgrammeYear, for_office: bool) -> str:
    if not for_office:
        return reverse("advisory:assessment", args=[year.number])
    # The office reads submitted assessments only; drafts belong to the board.
    if assessment.submitted_at is None:
        return ""
    return reverse("advisory:office_assessment", args=[assessment.pk])


def _evaluation_dates(scope: _Scope) -> list[EvidenceItem]:
    return [
        EvidenceItem(
            when=_local_day(e.starts_at),
            title=e.description or _("Evaluationstermin"),
            status=e.get_status_display(),
            counts=e.status == ActivityStatus.HELD,
            url="" if scope.for_office else reverse("programme:evaluation_dates"),
        )
        for e in evaluation_dates_in_period(**scope.period)
    ]


def _field_tests(scope: _Scope) -> list[EvidenceItem]:
    """Tests whose result was recorded in the year, and open ones ending in it."""
    items = []
    for test in field_tests_in_period(
        **scope.period, first_day=scope.year.starts_on, last_day=scope.year.ends_on
    ):
        recommendation = test.recommendation
        done = test.result_recorded_at is not None
        items.append(
            EvidenceItem(
                when=_local_day(test.result_recorded_at) if done else test.ends_on,
                title=f"{recommendation.number} {recommendation.title}",
                status=test.get_result_display() if done else test.get_state_display(),
                counts=done,
                url=(
                    reverse("field_tests_office:results", args=[recommendation.pk])
                    if scope.for_office
                    else reverse("field_tests:detail", args=[test.pk])
                    if scope.field_tests_open
                    else ""
                ),
            )
        )
    return items


def _documents(scope: _Scope) -> list[tuple[str, EvidenceItem]]:
    """(commitment kind, item) of the documents that count for the year."""
    year, call = scope.year, scope.call
    found = []
    for d in documents_until(call=call, municipality_id=scope.municipality_id, day=year.ends_on):
        kind = DOCUMENT_COMMITMENT[d.kind]
        # The once-only commitment counts earlier years' documents too.
        if d.occurred_on < year.starts_on and kind != CommitmentKind.POLITICAL_BACKING:
            continue
        url = ""
        if d.file:
            url = (
                reverse("programme_office:document_file", args=[call.pk, d.pk])
                if scope.for_office
                else reverse("programme:document_file", args=[d.pk])
            )
        found.append(
            (
                kind,
                EvidenceItem(
                    when=d.occurred_on, title=d.title, status=_("erfasst"), counts=True, url=url
                ),
            )
        )
    return found


@dataclass
class Upcoming:
    when: dt.datetime
    what: str
    title: str


def upcoming_dates(
    *, call: Call, municipality_id: int, now: dt.datetime | None = None, limit: int = 8
) -> list[Upcoming]:
    """The municipality's next planned dates of every kind, soonest first (four queries)."""
    planned = {
        "call": call,
        "municipality_id": municipality_id,
        "now": now or timezone.now(),
        "limit": limit,
    }
    found = [
        *(
            Upcoming(s.starts_at, _("Schulung"), s.module_version.title)
            for s in sessions_planned(**planned)
        ),
        *(
            Upcoming(w.starts_at, _("Empowerment-Workshop"), w.title)
            for w in local_workshops_planned(**planned)
        ),
        *(
            Upcoming(m.starts_at, _("Sitzung des Fachbeirats"), m.location)
            for m in meetings_planned(**planned)
        ),
        *(
            Upcoming(e.starts_at, _("Evaluationstermin"), e.description)
            for e in evaluation_dates_planned(**planned)
        ),
    ]
    found.sort(key=lambda u: u.when)
    return found[:limit]
