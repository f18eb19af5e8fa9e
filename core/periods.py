"""Spans of calendar days as instants in Europe/Berlin.

A span of days (a programme year, a funding year) runs from 00:00 on its first day to
00:00 on the day after its last day, local time, so ``start <= instant < end`` holds
for every moment of it. The office may enter any date, so the spans reach to both ends
of the calendar: the day after 31.12.9999 does not exist, and midnight of 1.1.0001 in
Berlin lies before the first instant UTC can hold.
"""

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

from django.conf import settings

# The first day whose local midnight still converts to UTC (Berlin is ahead of UTC).
FIRST_DAY = dt.date.min + dt.timedelta(days=1)


class DaySpan(Protocol):
    starts_on: dt.date
    ends_on: dt.date


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(max(day, FIRST_DAY), dt.time.min, tzinfo=local_zone())


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after ``day`` in Europe/Berlin (a deadline ends there); after
    the last day of the calendar, the latest instant there is."""
    if day == dt.date.max:
        return dt.datetime.combine(dt.date.max, dt.time.max, tzinfo=local_zone())
    return local_midnight(day + dt.timedelta(days=1))


def span_bounds(starts_on: dt.date, ends_on: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first and the first-after-last instant of the days ``starts_on`` to
    ``ends_on``, aware, in Europe/Berlin."""
    return local_midnight(starts_on), end_of_day(ends_on)


def year_bounds(year: DaySpan) -> tuple[dt.datetime, dt.datetime]:
    """``span_bounds`` of a programme or funding year."""
    return span_bounds(year.starts_on, year.ends_on)
