"""Where each model municipality stands with each commitment in each programme year.

The status rules, in the words shown next to each status:

- met: what was recorded reaches the target.
- on track: the year is running, and what was recorded plus what is still planned this
  year reaches the target; or more than three months are left and what was recorded is at
  least the target's share of the time gone by (rounded down).
- at risk: the year is running and neither holds.
- missed: the year is over and the target was not reached.
- not started: the year has not begun.

A commitment made once for the whole programme (political backing) counts everything
recorded up to the end of the year looked at, and is due by the end of the first year.
"Today" is the date in Europe/Berlin.
"""

import datetime as dt
import math
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calls.models import Call
from programme.models import Commitment, CommitmentKind, ProgrammeYear, Status
from progress.evidence import Tally, evidence_counts

# With less time left than this, planned dates are the only way to stay on track.
SHORT_TIME_LEFT = dt.timedelta(days=92)

STATUS_RULES = {
    Status.MET: _("Das Erfasste erreicht das Ziel."),
    Status.ON_TRACK: _(
        "Das Jahr läuft, und Erfasstes plus bis Jahresende Geplantes erreicht das Ziel – "
        "oder es bleiben mehr als drei Monate und das Erfasste entspricht mindestens dem "
        "zeitanteiligen Ziel."
    ),
    Status.AT_RISK: _(
        "Das Jahr läuft, aber Erfasstes und Geplantes reichen nicht, und das Erfasste liegt "
        "unter dem zeitanteiligen Ziel oder es bleiben höchstens drei Monate."
    ),
    Status.MISSED: _("Das Jahr ist vorbei, und das Ziel wurde nicht erreicht."),
    Status.NOT_STARTED: _("Das Programmjahr hat noch nicht begonnen."),
}

# What counts for each commitment, shown with it: the actual value is never typed in.
EVIDENCE_RULES = {
    CommitmentKind.TRAINING_SESSIONS: _(
        "Zählt: jeder als stattgefunden erfasste Schulungstermin eines Moduls aus dem Katalog."
    ),
    CommitmentKind.EMPOWERMENT_WORKSHOPS: _(
        "Zählt: jeder stattgefundene Empowerment-Workshop der Kommune (bundesweite Workshops "
        "zählen für keine einzelne Kommune)."
    ),
    CommitmentKind.BOARD_MEETINGS: _(
        "Zählt: jede stattgefundene Sitzung mit Protokoll, sobald der Fachbeirat konstituiert ist."
    ),
    CommitmentKind.BOARD_ASSESSMENT: _(
        "Zählt: die eingereichte schriftliche Einschätzung des Fachbeirats für das Programmjahr; "
        "ein Entwurf gilt als geplant."
    ),
    CommitmentKind.EVALUATION: _(
        "Zählt: jeder stattgefundene Evaluationstermin, zu dem Beschäftigte freigestellt wurden. "
        "Außerdem angezeigt: wie viele Teilnehmende der stattgefundenen Schulungstermine des "
        "Jahres, zu denen eine Befragung geöffnet wurde, geantwortet haben (je Termin die "
        "Befragung mit den meisten Antworten, höchstens so viele wie Teilnehmende); gezählt "
        "werden nur Antworten, nie ihr Inhalt."
    ),
    CommitmentKind.POLITICAL_BACKING: _(
        "Zählt: ein Ratsbeschluss oder eine gleichwertige Rückendeckung, einmal im Programm, "
        "fällig bis zum Ende des ersten Programmjahres; ein früherer Beschluss zählt mit."
    ),
    CommitmentKind.INTERNAL_VISIBILITY: _(
        "Zählt: jede als Nachweis erfasste Maßnahme, die den Prozess intern sichtbar macht."
    ),
    CommitmentKind.EXPERIENCE_SHARING: _(
        "Zählt: jeder als Nachweis erfasste Beitrag zum Austausch mit anderen Kommunen."
    ),
    CommitmentKind.FIELD_TESTS: _(
        "Zählt: jeder Praxistest einer Handlungsempfehlung, dessen Ergebnis im Programmjahr "
        "erfasst wurde; ein geplanter oder laufender Praxistest, der später im selben Jahr "
        "endet, gilt als geplant."
    ),
}

# Shown with the status so it never depends on colour alone.
STATUS_SYMBOLS = {
    Status.MET: "✓",
    Status.ON_TRACK: "→",
    Status.AT_RISK: "!",
    Status.MISSED: "✗",
    Status.NOT_STARTED: "–",
}


@dataclass(frozen=True)
class Cell:
    municipality_id: int
    commitment: Commitment
    year: ProgrammeYear
    done: int
    scheduled: int
    status: str

    @property
    def target(self) -> int:
        return self.commitment.target

    @property
    def missing(self) -> int:
        """How many are still to be done for the target."""
        return max(0, self.commitment.target - self.done)

    @property
    def due_on(self):
        """The day by which the target must be reached."""
        return self.year.ends_on

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self.status]

    @property
    def rule(self) -> str:
        return STATUS_RULES[self.status]

    @property
    def counts_what(self) -> str:
        return EVIDENCE_RULES[self.commitment.kind]


def judge(
    *,
    done: int,
    scheduled: int,
    target: int,
    starts_on: dt.date,
    ends_on: dt.date,
    today: dt.date,
) -> str:
    """The status of one commitment in one year (see the module docstring)."""
    if done >= target:
        return Status.MET
    if today < starts_on:
        return Status.NOT_STARTED
    if today > ends_on:
        return Status.MISSED
    if done + scheduled >= target:
        return Status.ON_TRACK
    length = (ends_on - starts_on).days + 1
    gone = (today - starts_on).days + 1
    left = dt.timedelta(days=length - gone)
    if left > SHORT_TIME_LEFT and done >= math.floor(target * gone / length):
        return Status.ON_TRACK
    return Status.AT_RISK


def _cell(commitment, municipality_id, year, years, counts, today) -> Cell:
    if commitment.once:
        # Everything recorded up to the end of this year counts; due after the first year.
        tally = Tally()
        for earlier in years:
            if earlier.number <= year.number:
                part = counts.get((commitment.kind, municipality_id, earlier.number), Tally())
                tally.done += part.done
                if earlier.number == year.number:
                    tally.scheduled += part.scheduled
        first = years[0]
        status = judge(
            done=tally.done,
            scheduled=tally.scheduled,
            target=commitment.target,
            starts_on=first.starts_on if year.number == first.number else year.starts_on,
            ends_on=first.ends_on,
            today=today,
        )
    else:
        tally = counts.get((commitment.kind, municipality_id, year.number), Tally())
        status = judge(
            done=tally.done,
            scheduled=tally.scheduled,
            target=commitment.target,
            starts_on=year.starts_on,
            ends_on=year.ends_on,
            today=today,
        )
    return Cell(
        municipality_id=municipality_id,
        commitment=commitment,
        year=year,
        done=tally.done,
        scheduled=tally.scheduled,
        status=status,
    )


@dataclass(frozen=True)
class Progress:
    """All cells of a cohort (or one municipality), looked up by municipality, commitment
    and year number."""

    call: Call
    years: list[ProgrammeYear]
    commitments: list[Commitment]
    cells: dict[tuple[int, int, int], Cell]
    today: dt.date

    def cell(self, municipality_id: int, commitment: Commitment, year: ProgrammeYear) -> Cell:
        return self.cells[(municipality_id, commitment.pk, year.number)]

    def row(self, municipality_id: int, year: ProgrammeYear) -> list[Cell]:
        return [self.cell(municipality_id, c, year) for c in self.commitments]


def programme_progress(
    *,
    call: Call,
    municipality_ids: list[int],
    now: dt.datetime | None = None,
    whole_cohort: bool = False,
) -> Progress:
    """Every cell for the given municipalities of ``call``: eight queries in all.

    ``whole_cohort`` says the ids are all of the cohort, so the counts need no id list
    (which would grow with the cohort)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    years = list(ProgrammeYear.objects.filter(call=call).order_by("number"))
    commitments = list(Commitment.objects.filter(call=call).order_by("position", "pk"))
    counts = evidence_counts(
        call=call,
        years=years,
        now=now,
        municipality_ids=None if whole_cohort else municipality_ids,
    )
    cells = {}
    for municipality_id in municipality_ids:
        for commitment in commitments:
            for year in years:
                cells[(municipality_id, commitment.pk, year.number)] = _cell(
                    commitment, municipality_id, year, years, counts, today
                )
    return Progress(call=call, years=years, commitments=commitments, cells=cells, today=today)
