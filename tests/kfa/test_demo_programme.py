"""The demo's first cohort in delivery: ten real municipalities of the register in the
call's own programme years, with work recorded up to the day the demo is loaded."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from advisory.models import Meeting
from kfa.demo_programme import year_course
from programme.cohort import programme_calls
from progress.selectors import cohort_matrix
from trainings.models import TrainingSession


@pytest.fixture
def demo(demo_loaded, db):
    return programme_calls().get()


def statuses(call, number):
    matrix = cohort_matrix(call=call, year_number=number)
    return {
        municipality.name: {cell.status for cell in cells} for municipality, cells in matrix.rows
    }


def test_demo_cohort_has_ten_real_municipalities(demo):
    assert len(statuses(demo, 1)) == 10


def test_demo_programme_years_are_the_call_s_own(demo):
    years = [(y.starts_on, y.ends_on) for y in demo.programme_years.order_by("number")]
    assert years == [
        (dt.date(2025, 11, 1), dt.date(2026, 12, 31)),
        (dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
        (dt.date(2028, 1, 1), dt.date(2028, 12, 31)),
    ]


def test_demo_programme_is_loaded_once(demo):
    counts = (TrainingSession.objects.count(), Meeting.objects.count())
    call_command("load_demo")
    assert (TrainingSession.objects.count(), Meeting.objects.count()) == counts


def year(number, starts_on, ends_on):
    return SimpleNamespace(number=number, starts_on=starts_on, ends_on=ends_on)


FIRST = year(1, dt.date(2025, 11, 1), dt.date(2026, 12, 31))
SECOND = year(2, dt.date(2027, 1, 1), dt.date(2027, 12, 31))


@pytest.mark.parametrize(
    ("profile", "programme_year", "today", "course"),
    [
        ("missed_y1", FIRST, dt.date(2027, 3, 1), (False, False)),
        ("missed_y1", FIRST, dt.date(2026, 6, 1), (False, False)),
        ("missed_y1", SECOND, dt.date(2027, 3, 1), (False, True)),
        ("at_risk", FIRST, dt.date(2027, 3, 1), (True, False)),
        ("at_risk", SECOND, dt.date(2027, 3, 1), (False, False)),
        ("on_track", SECOND, dt.date(2027, 3, 1), (False, True)),
        ("met", SECOND, dt.date(2027, 3, 1), (True, False)),
    ],
)
def test_demo_year_course_is_complete_once_ended_except_the_missed_first_year(
    profile, programme_year, today, course
):
    assert year_course(profile=profile, year=programme_year, today=today) == course
