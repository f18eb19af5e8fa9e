"""The status rules at their edges: year boundaries in Europe/Berlin, time left, a session
cancelled after it was counted, the once-only commitment."""

import datetime as dt

import pytest

from programme.models import CommitmentKind, DocumentKind, ProgrammeDocument, Status
from programme.progress import judge, programme_progress
from tests import factories
from tests.programme_helpers import berlin, model_cohort, session

pytestmark = pytest.mark.django_db

YEAR = {"starts_on": dt.date(2027, 1, 1), "ends_on": dt.date(2027, 12, 31)}


def status_of(call, municipality, kind, year_number, now):
    progress = programme_progress(call=call, municipality_ids=[municipality.pk], now=now)
    commitment = next(c for c in progress.commitments if c.kind == kind)
    year = next(y for y in progress.years if y.number == year_number)
    return progress.cell(municipality.pk, commitment, year)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 12, 31), Status.NOT_STARTED),
        (dt.date(2027, 1, 1), Status.ON_TRACK),
        (dt.date(2027, 12, 31), Status.AT_RISK),
        (dt.date(2028, 1, 1), Status.MISSED),
    ],
)
def test_judge_at_the_year_boundaries(today, expected):
    assert judge(done=1, scheduled=0, target=2, today=today, **YEAR) == expected


def test_judge_counts_what_is_scheduled_as_on_track_until_the_last_day():
    assert judge(done=1, scheduled=1, target=2, today=dt.date(2027, 12, 31), **YEAR) == (
        Status.ON_TRACK
    )


def test_judge_is_met_whatever_the_date():
    assert judge(done=2, scheduled=0, target=2, today=dt.date(2026, 1, 1), **YEAR) == Status.MET


def test_judge_pro_rata_share_keeps_on_track_while_more_than_three_months_are_left():
    # 1 July: 182 of 365 days gone, target 2 -> one done is the share (floor 0.99 = 0).
    mid = dt.date(2027, 7, 1)
    assert judge(done=0, scheduled=0, target=2, today=mid, **YEAR) == Status.ON_TRACK
    # 3 July: 184 days gone -> share floor(1.008) = 1, nothing done: at risk.
    assert judge(done=0, scheduled=0, target=2, today=dt.date(2027, 7, 3), **YEAR) == (
        Status.AT_RISK
    )
    # 30 September: 92 days left after today, no longer more than three months.
    assert judge(done=1, scheduled=0, target=2, today=dt.date(2027, 9, 30), **YEAR) == (
        Status.AT_RISK
    )
    assert judge(done=1, scheduled=0, target=2, today=dt.date(2027, 9, 29), **YEAR) == (
        Status.ON_TRACK
    )


def test_a_session_late_on_new_years_eve_in_berlin_counts_for_the_old_year():
    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    # 23:30 in Berlin is 22:30 UTC; 00:30 on 1 January in Berlin is still 31 December UTC.
    session(call, municipality, berlin(2026, 12, 31, 23, 30))
    session(call, municipality, berlin(2027, 1, 1, 0, 30))
    now = berlin(2027, 3, 1, 12, 0)
    first = status_of(call, municipality, CommitmentKind.TRAINING_SESSIONS, 1, now)
    second = status_of(call, municipality, CommitmentKind.TRAINING_SESSIONS, 2, now)
    assert (first.done, second.done) == (1, 1)


def test_the_first_day_of_a_year_starts_at_midnight_berlin_time():
    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    session(call, municipality, berlin(2026, 12, 31, 23, 59, 59))
    session(call, municipality, berlin(2026, 12, 31, 12, 0))
    before_midnight = berlin(2026, 12, 31, 23, 59)
    after_midnight = berlin(2027, 1, 1, 0, 1)
    year_one_then = status_of(
        call, municipality, CommitmentKind.TRAINING_SESSIONS, 1, before_midnight
    )
    year_two_after = status_of(
        call, municipality, CommitmentKind.TRAINING_SESSIONS, 2, after_midnight
    )
    assert year_one_then.status == Status.MET
    assert year_two_after.status == Status.ON_TRACK
    assert year_two_after.done == 0


def test_a_session_cancelled_after_it_was_counted_no_longer_counts():
    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    session(call, municipality, berlin(2026, 3, 1, 10, 0))
    counted = session(call, municipality, berlin(2026, 4, 1, 10, 0))
    now = berlin(2026, 11, 1, 10, 0)
    assert status_of(call, municipality, CommitmentKind.TRAINING_SESSIONS, 1, now).status == (
        Status.MET
    )
    counted.status = "cancelled"
    counted.save()
    after = status_of(call, municipality, CommitmentKind.TRAINING_SESSIONS, 1, now)
    assert (after.done, after.status) == (1, Status.AT_RISK)


def test_a_planned_session_in_the_past_is_not_scheduled():
    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    session(call, municipality, berlin(2026, 3, 1, 10, 0))
    session(call, municipality, berlin(2026, 10, 1, 10, 0), status="planned")
    session(call, municipality, berlin(2026, 12, 1, 10, 0), status="planned")
    cell = status_of(
        call, municipality, CommitmentKind.TRAINING_SESSIONS, 1, berlin(2026, 11, 1, 10, 0)
    )
    assert (cell.done, cell.scheduled, cell.status) == (1, 1, Status.ON_TRACK)


def test_political_backing_once_counts_for_every_later_year():
    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    ProgrammeDocument.objects.create(
        call=call,
        municipality=municipality,
        kind=DocumentKind.POLITICAL_BACKING,
        title="Ratsbeschluss",
        occurred_on=dt.date(2026, 2, 12),
    )
    now = berlin(2027, 6, 1, 10, 0)
    cells = [
        status_of(call, municipality, CommitmentKind.POLITICAL_BACKING, n, now) for n in (1, 2, 3)
    ]
    assert [c.status for c in cells] == [Status.MET, Status.MET, Status.MET]


def test_political_backing_missing_after_the_first_year_is_missed():
    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    now = berlin(2027, 6, 1, 10, 0)
    cells = [
        status_of(call, municipality, CommitmentKind.POLITICAL_BACKING, n, now) for n in (1, 2, 3)
    ]
    assert [c.status for c in cells] == [Status.MISSED, Status.MISSED, Status.NOT_STARTED]
