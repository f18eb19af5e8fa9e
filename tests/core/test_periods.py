import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from core.periods import FIRST_DAY, end_of_day, span_bounds, year_bounds

BERLIN = ZoneInfo("Europe/Berlin")


def test_year_bounds_of_an_ordinary_year_end_at_midnight_after_its_last_day():
    year = SimpleNamespace(starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2027, 12, 31))
    assert year_bounds(year) == (
        dt.datetime(2027, 1, 1, tzinfo=BERLIN),
        dt.datetime(2028, 1, 1, tzinfo=BERLIN),
    )


def test_year_bounds_of_a_year_ending_on_the_last_day_there_is_do_not_overflow():
    year = SimpleNamespace(starts_on=dt.date(2025, 1, 1), ends_on=dt.date.max)
    assert year_bounds(year) == (
        dt.datetime(2025, 1, 1, tzinfo=BERLIN),
        dt.datetime.combine(dt.date.max, dt.time.max, tzinfo=BERLIN),
    )


def test_year_ending_the_day_before_the_last_ends_at_midnight_before_the_last():
    _start, end = span_bounds(dt.date(2025, 1, 1), dt.date.max - dt.timedelta(days=1))
    assert end == dt.datetime.combine(dt.date.max, dt.time.min, tzinfo=BERLIN)


def test_span_from_the_first_day_of_the_calendar_starts_where_utc_can_hold_it():
    start, _end = span_bounds(dt.date.min, dt.date(2025, 12, 31))
    assert (start, start.astimezone(dt.UTC).date()) == (
        dt.datetime.combine(FIRST_DAY, dt.time.min, tzinfo=BERLIN),
        dt.date.min,
    )


def test_end_of_day_is_the_next_local_midnight_across_a_clock_change():
    assert end_of_day(dt.date(2026, 3, 28)) == dt.datetime(2026, 3, 29, tzinfo=BERLIN)
