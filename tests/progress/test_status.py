"""The status rules at their edges: year boundaries in Europe/Berlin, time left, a session
cancelled after it was counted, the once-only commitment."""

import datetime as dt

import pytest

from programme.models import CommitmentKind, DocumentKind, ProgrammeDocument, Status
from progress.status import judge, programme_progress
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


# --- every source of evidence counts what it should, and stops counting when undone ---


def _board(call, municipality, constituted=True):
    from advisory.models import Board

    return Board.objects.create(
        call=call,
        municipality=municipality,
        name="Fachbeirat",
        constituted_on=dt.date(2026, 1, 15) if constituted else None,
    )


def test_held_local_workshops_count_and_national_or_cancelled_ones_do_not():
    from network.models import Workshop

    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    common = {"call": call, "title": "Empowerment", "format": "empowerment", "status": "held"}
    Workshop.objects.create(municipality=municipality, starts_at=berlin(2026, 3, 1, 10), **common)
    Workshop.objects.create(municipality=None, starts_at=berlin(2026, 3, 2, 10), **common)
    cancelled = Workshop.objects.create(
        municipality=municipality, starts_at=berlin(2026, 3, 3, 10), **common
    )
    now = berlin(2026, 11, 1, 10, 0)
    before = status_of(call, municipality, CommitmentKind.EMPOWERMENT_WORKSHOPS, 1, now)
    cancelled.status = "cancelled"
    cancelled.save()
    after = status_of(call, municipality, CommitmentKind.EMPOWERMENT_WORKSHOPS, 1, now)
    assert (before.done, before.status, after.done) == (2, Status.MET, 1)


def test_board_meetings_count_once_held_with_minutes_in_a_constituted_board():
    from advisory.models import Meeting

    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    board = _board(call, municipality)
    Meeting.objects.create(
        board=board, starts_at=berlin(2026, 2, 1, 17), status="held", minutes="Protokoll"
    )
    Meeting.objects.create(board=board, starts_at=berlin(2026, 5, 1, 17), status="held")
    Meeting.objects.create(board=board, starts_at=berlin(2026, 12, 1, 17), status="planned")
    cell = status_of(call, municipality, CommitmentKind.BOARD_MEETINGS, 1, berlin(2026, 11, 1, 9))
    assert (cell.done, cell.scheduled, cell.status) == (1, 1, Status.ON_TRACK)


def test_meetings_of_a_board_not_yet_constituted_do_not_count():
    from advisory.models import Meeting

    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    board = _board(call, municipality, constituted=False)
    Meeting.objects.create(
        board=board, starts_at=berlin(2026, 2, 1, 17), status="held", minutes="Protokoll"
    )
    cell = status_of(call, municipality, CommitmentKind.BOARD_MEETINGS, 1, berlin(2026, 11, 1, 9))
    assert cell.done == 0


def test_a_submitted_assessment_counts_and_a_draft_is_scheduled():
    from advisory.models import Assessment
    from programme.models import ProgrammeYear

    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    board = _board(call, municipality)
    first, second = ProgrammeYear.objects.filter(call=call).order_by("number")[:2]
    Assessment.objects.create(board=board, year=first, text="…", submitted_at=berlin(2026, 12, 1))
    Assessment.objects.create(board=board, year=second, text="Entwurf")
    now = berlin(2027, 11, 1, 9)
    year_one = status_of(call, municipality, CommitmentKind.BOARD_ASSESSMENT, 1, now)
    year_two = status_of(call, municipality, CommitmentKind.BOARD_ASSESSMENT, 2, now)
    assert (year_one.status, year_two.done, year_two.scheduled, year_two.status) == (
        Status.MET,
        0,
        1,
        Status.ON_TRACK,
    )


def test_held_evaluation_dates_count_and_cancelled_ones_stop_counting():
    from programme.models import EvaluationDate

    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    held = EvaluationDate.objects.create(
        call=call, municipality=municipality, starts_at=berlin(2026, 6, 1, 9), status="held"
    )
    now = berlin(2026, 11, 1, 9)
    before = status_of(call, municipality, CommitmentKind.EVALUATION, 1, now).status
    held.status = "cancelled"
    held.save()
    after = status_of(call, municipality, CommitmentKind.EVALUATION, 1, now).status
    assert (before, after) == (Status.MET, Status.AT_RISK)


@pytest.mark.parametrize(
    ("kind", "commitment"),
    [
        (DocumentKind.INTERNAL_VISIBILITY, CommitmentKind.INTERNAL_VISIBILITY),
        (DocumentKind.EXPERIENCE_SHARING, CommitmentKind.EXPERIENCE_SHARING),
    ],
)
def test_documents_count_in_the_year_they_are_dated(kind, commitment):
    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    ProgrammeDocument.objects.create(
        call=call, municipality=municipality, kind=kind, title="X", occurred_on=dt.date(2027, 1, 1)
    )
    now = berlin(2027, 3, 1, 9)
    assert status_of(call, municipality, commitment, 1, now).done == 0
    assert status_of(call, municipality, commitment, 2, now).done == 1


def test_a_council_decision_before_the_programme_counts_for_the_first_year():
    municipality = factories.MunicipalityFactory()
    call = model_cohort([municipality])
    ProgrammeDocument.objects.create(
        call=call,
        municipality=municipality,
        kind=DocumentKind.POLITICAL_BACKING,
        title="Ratsbeschluss",
        occurred_on=dt.date(2025, 6, 12),
    )
    cell = status_of(call, municipality, CommitmentKind.POLITICAL_BACKING, 1, berlin(2026, 1, 5))
    assert (cell.done, cell.status) == (1, Status.MET)
