"""Programme years as spans of time at both ends of the calendar."""

import datetime as dt

import pytest

from advisory.models import Meeting
from programme.models import ProgrammeYear
from programme.periods import year_of_instant

pytestmark = pytest.mark.django_db


def test_year_ending_on_the_last_day_there_is_can_be_grouped_by():
    years = [ProgrammeYear(number=1, starts_on=dt.date(2025, 1, 1), ends_on=dt.date.max)]
    meetings = Meeting.objects.annotate(programme_year=year_of_instant("starts_at", years))
    assert list(meetings) == []


def test_year_starting_on_the_first_day_there_is_can_be_grouped_by():
    years = [ProgrammeYear(number=1, starts_on=dt.date.min, ends_on=dt.date(2025, 12, 31))]
    meetings = Meeting.objects.annotate(programme_year=year_of_instant("starts_at", years))
    assert list(meetings) == []
