"""Counting recorded activities per municipality and programme year.

Each app whose records count for a commitment (training sessions, local workshops, board
meetings, evaluation dates) counts its own rows with ``activity_tallies``: the rule of
what is done ("held") and what is still to come ("planned, not yet begun") stays with the
records, and the progress of the cohort only adds the tallies up.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from core.choices import ActivityStatus
from programme.models import ProgrammeYear
from programme.periods import year_of_instant


@dataclass(frozen=True)
class YearTally:
    municipality_id: int
    year: int  # the programme year's number
    done: int
    scheduled: int


def activity_tallies(
    queryset: QuerySet,
    *,
    years: list[ProgrammeYear],
    now: dt.datetime,
    municipality_field: str = "municipality_id",
    done: Q | None = None,
) -> list[YearTally]:
    """Rows of ``queryset`` (with ``status`` and ``starts_at``) per municipality and year:
    held ones as done (and matching ``done`` if given), planned ones not yet begun as
    scheduled. Rows outside every programme year are left out. One query."""
    held = Q(status=ActivityStatus.HELD) & (done or Q())
    rows = (
        queryset.annotate(programme_year=year_of_instant("starts_at", years))
        .values(municipality_field, "programme_year")
        .annotate(
            done=Count("pk", filter=held),
            scheduled=Count("pk", filter=Q(status=ActivityStatus.PLANNED, starts_at__gte=now)),
        )
        .order_by()
    )
    return [
        YearTally(
            municipality_id=row[municipality_field],
            year=row["programme_year"],
            done=row["done"],
            scheduled=row["scheduled"],
        )
        for row in rows
        if row["programme_year"] is not None
    ]


def scoped(queryset: QuerySet, municipality_ids: list[int] | None, field="municipality_id"):
    """``queryset`` limited to ``municipality_ids`` (all municipalities if None)."""
    if municipality_ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": municipality_ids})
