"""Programme years as spans of time in Europe/Berlin.

A year runs from 00:00 on its first day to 00:00 on the day after its last day, local
time; an activity belongs to the year in which its local start falls. Queries group by
year with one CASE over these spans, so counting costs one query however many years,
municipalities or activities there are.
"""

import datetime as dt

from django.db.models import Case, IntegerField, Q, Value, When

from core.periods import year_bounds
from programme.models import ProgrammeYear


def year_of_instant(field: str, years: list[ProgrammeYear]) -> Case:
    """An annotation: the number of the year the datetime ``field`` falls in (else NULL)."""
    whens = []
    for year in years:
        start, end = year_bounds(year)
        whens.append(
            When(Q(**{f"{field}__gte": start, f"{field}__lt": end}), then=Value(year.number))
        )
    return Case(*whens, default=None, output_field=IntegerField())


def year_of_day(field: str, years: list[ProgrammeYear]) -> Case:
    """An annotation: the number of the year the date ``field`` falls in (else NULL)."""
    whens = [
        When(
            Q(**{f"{field}__gte": year.starts_on, f"{field}__lte": year.ends_on}),
            then=Value(year.number),
        )
        for year in years
    ]
    return Case(*whens, default=None, output_field=IntegerField())


def current_year(years: list[ProgrammeYear], today: dt.date) -> ProgrammeYear | None:
    """The year ``today`` falls in; before the programme the first, after it the last."""
    if not years:
        return None
    for year in years:
        if year.starts_on <= today <= year.ends_on:
            return year
    return years[0] if today < years[0].starts_on else years[-1]
