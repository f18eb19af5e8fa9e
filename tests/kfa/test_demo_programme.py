"""The demo's first cohort in delivery: ten real municipalities of the register, a
finished first year with one missed target, a running second year with every status."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from advisory.models import Meeting
from calls.demo import years_shift
from programme.cohort import programme_calls
from programme.models import Status
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


def test_demo_cohort_has_ten_real_municipalities_and_one_missed_first_year(demo):
    first = statuses(demo, 1)
    assert len(first) == 10
    missed = [name for name, found in first.items() if Status.MISSED in found]
    assert len(missed) == 1


def test_demo_second_year_shows_met_on_track_and_at_risk(demo):
    found = set().union(*statuses(demo, 2).values())
    second = demo.programme_years.get(number=2)
    expected = {Status.MET, Status.ON_TRACK}
    # Early in a year nothing is at risk yet (the pro-rata share is still zero); in the
    # last three months a municipality with nothing planned is.
    if (second.ends_on - timezone.localdate()).days <= 92:
        expected.add(Status.AT_RISK)
    assert expected <= found


def test_demo_programme_is_loaded_once(demo):
    counts = (TrainingSession.objects.count(), Meeting.objects.count())
    call_command("load_demo")
    assert (TrainingSession.objects.count(), Meeting.objects.count()) == counts


@pytest.mark.parametrize(
    ("today", "shift"),
    [(dt.date(2026, 11, 26), 1), (dt.date(2027, 1, 1), 0), (dt.date(2028, 5, 1), -1)],
)
def test_demo_makes_the_current_calendar_year_the_second_programme_year(today, shift):
    assert years_shift(today=today) == shift


def test_demo_call_runs_the_second_programme_year_today(demo):
    second = demo.programme_years.get(number=2)
    assert second.starts_on.year == timezone.localdate().year
