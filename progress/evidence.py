"""Counting what model municipalities recorded, per commitment kind, municipality and year.

Each commitment kind has one source: held training sessions, held local empowerment
workshops, held board meetings with minutes, submitted board assessments, held evaluation
dates, and documents of the matching kind. ``done`` counts what happened; ``scheduled``
counts what is still planned for later in the same year (a draft assessment counts as
scheduled), which is what the status rules weigh against the time left.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, Value, When

from advisory.models import Assessment, Meeting
from calls.models import Call
from core.choices import ActivityStatus
from network.models import Workshop
from programme.models import (
    DOCUMENT_COMMITMENT,
    CommitmentKind,
    DocumentKind,
    EvaluationDate,
    ProgrammeDocument,
    ProgrammeYear,
)
from programme.periods import year_of_day, year_of_instant
from trainings.models import TrainingSession


@dataclass
class Tally:
    done: int = 0
    scheduled: int = 0


# (kind, municipality_id, year number) -> Tally
Counts = dict[tuple[str, int, int], Tally]

HELD = ActivityStatus.HELD
PLANNED = ActivityStatus.PLANNED


def _add_dated(counts: Counts, kind: str, queryset, municipality_field: str, now: dt.datetime):
    rows = (
        queryset.values(municipality_field, "programme_year")
        .annotate(
            done=Count("pk", filter=Q(status=HELD)),
            scheduled=Count("pk", filter=Q(status=PLANNED, starts_at__gte=now)),
        )
        .order_by()
    )
    for row in rows:
        if row["programme_year"] is None:
            continue
        tally = counts[(kind, row[municipality_field], row["programme_year"])]
        tally.done += row["done"]
        tally.scheduled += row["scheduled"]


def evidence_counts(
    *,
    call: Call,
    years: list[ProgrammeYear],
    now: dt.datetime,
    municipality_ids: list[int] | None = None,
) -> Counts:
    """Everything recorded for ``call``, counted per commitment kind, municipality and year.

    Six queries, whatever the number of municipalities or records.
    """
    counts: Counts = defaultdict(Tally)
    if not years:
        return counts

    def scope(queryset, field="municipality_id"):
        if municipality_ids is not None:
            queryset = queryset.filter(**{f"{field}__in": municipality_ids})
        return queryset

    sessions = scope(TrainingSession.objects.filter(call=call)).annotate(
        programme_year=year_of_instant("starts_at", years)
    )
    _add_dated(counts, CommitmentKind.TRAINING_SESSIONS, sessions, "municipality_id", now)

    workshops = scope(Workshop.objects.filter(call=call, municipality__isnull=False)).annotate(
        programme_year=year_of_instant("starts_at", years)
    )
    _add_dated(counts, CommitmentKind.EMPOWERMENT_WORKSHOPS, workshops, "municipality_id", now)

    evaluation = scope(EvaluationDate.objects.filter(call=call)).annotate(
        programme_year=year_of_instant("starts_at", years)
    )
    _add_dated(counts, CommitmentKind.EVALUATION, evaluation, "municipality_id", now)

    # A meeting counts once it is held *and* minuted; a held meeting still waiting for
    # its minutes is neither done nor scheduled, so the board sees it as missing.
    minuted = ~Q(minutes="") | ~Q(minutes_file="")
    # Meetings count once the board is constituted (the commitment is "constituted and
    # meeting").
    meetings = (
        scope(
            Meeting.objects.filter(board__call=call, board__constituted_on__isnull=False),
            "board__municipality_id",
        )
        .annotate(programme_year=year_of_instant("starts_at", years))
        .values("board__municipality_id", "programme_year")
        .annotate(
            done=Count("pk", filter=Q(status=HELD) & minuted),
            scheduled=Count("pk", filter=Q(status=PLANNED, starts_at__gte=now)),
        )
        .order_by()
    )
    for row in meetings:
        if row["programme_year"] is not None:
            tally = counts[
                (
                    CommitmentKind.BOARD_MEETINGS,
                    row["board__municipality_id"],
                    row["programme_year"],
                )
            ]
            tally.done += row["done"]
            tally.scheduled += row["scheduled"]

    assessments = (
        scope(Assessment.objects.filter(board__call=call), "board__municipality_id")
        .values("board__municipality_id", "year__number")
        .annotate(
            done=Count("pk", filter=Q(submitted_at__isnull=False)),
            scheduled=Count("pk", filter=Q(submitted_at__isnull=True)),
        )
        .order_by()
    )
    for row in assessments:
        tally = counts[
            (CommitmentKind.BOARD_ASSESSMENT, row["board__municipality_id"], row["year__number"])
        ]
        tally.done += row["done"]
        tally.scheduled += row["scheduled"]

    # A council decision taken before the programme began backs it from its first year.
    earlier_backing = When(
        Q(kind=DocumentKind.POLITICAL_BACKING, occurred_on__lt=years[0].starts_on),
        then=Value(years[0].number),
    )
    documents = (
        scope(ProgrammeDocument.objects.filter(call=call))
        .annotate(
            programme_year=Case(
                earlier_backing,
                default=year_of_day("occurred_on", years),
                output_field=IntegerField(),
            )
        )
        .values("kind", "municipality_id", "programme_year")
        .annotate(done=Count("pk"))
        .order_by()
    )
    for row in documents:
        if row["programme_year"] is not None:
            kind = DOCUMENT_COMMITMENT[row["kind"]]
            counts[(kind, row["municipality_id"], row["programme_year"])].done += row["done"]
    return counts
