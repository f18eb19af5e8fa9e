"""Reading helpers: the span of the programme, a year at the end of the calendar, and
whether the board is constituted."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from advisory import selectors
from advisory.models import Board
from programme.models import ProgrammeYear
from tests import factories
from tests.advisory.conftest import meeting_at
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def test_programme_span_runs_from_the_first_to_the_last_programme_year(cohort):
    cohort.call.programme_start = cohort.years[0].starts_on + dt.timedelta(days=30)
    cohort.call.programme_end = cohort.years[-1].ends_on + dt.timedelta(days=30)
    cohort.call.save(update_fields=["programme_start", "programme_end"])
    assert selectors.programme_span(call=cohort.call) == (
        cohort.years[0].starts_on,
        cohort.years[-1].ends_on,
    )


def test_programme_span_without_programme_years_is_the_call_runtime(cohort):
    ProgrammeYear.objects.filter(call=cohort.call).delete()
    assert selectors.programme_span(call=cohort.call) == (
        cohort.call.programme_start,
        cohort.call.programme_end,
    )


def test_board_page_counts_a_year_that_ends_on_the_last_day_there_is(client, cohort, board):
    ProgrammeYear.objects.filter(pk=cohort.years[-1].pk).update(ends_on=dt.date.max)
    meeting_at(
        board,
        timezone.now() - dt.timedelta(days=2),
        status="held",
        minutes="Protokoll",
        minutes_at=timezone.now(),
    )
    login_verified(client, cohort.advisory)
    years = client.get(reverse("advisory:board")).context["years"]
    assert [row.minuted for row in years] == [1, 0, 0]


def test_board_constituted_with_a_date_is_true(cohort, board):
    assert selectors.board_constituted(call=cohort.call, municipality_id=cohort.a.pk) is True


def test_board_constituted_without_a_date_is_false(cohort):
    Board.objects.create(call=cohort.call, municipality=cohort.a, name="Beirat")
    assert selectors.board_constituted(call=cohort.call, municipality_id=cohort.a.pk) is False


def test_board_constituted_without_a_board_is_false(cohort, board):
    assert selectors.board_constituted(call=cohort.call, municipality_id=cohort.b.pk) is False


def test_board_constituted_in_another_call_does_not_count(cohort, board):
    other_call = factories.CallFactory()
    assert selectors.board_constituted(call=other_call, municipality_id=cohort.a.pk) is False
