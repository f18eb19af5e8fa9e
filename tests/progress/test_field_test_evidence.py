"""Field tests count for the commitment "Schulungen und Empfehlungen erproben": done once
their result is recorded in the programme year, scheduled while open and ending later in
the year."""

import datetime as dt

import pytest

from programme.models import Commitment, CommitmentKind, Status
from programme.services import commitments_ensure_defaults, programme_years_set
from programme.tallies import YearTally
from progress.selectors import municipality_evidence
from progress.status import EVIDENCE_RULES, programme_progress
from recommendations import field_tests
from recommendations.selectors import field_test_tallies
from tests.programme_helpers import berlin
from tests.recommendations.field_test_helpers import cohort, frozen_version, plan, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    version = frozen_version()
    call, (coordinator,) = cohort(1)
    return call, coordinator, version.recommendations.first()


def cell(call, municipality, now, year_number=2):
    progress = programme_progress(call=call, municipality_ids=[municipality.pk], now=now)
    commitment = next(c for c in progress.commitments if c.kind == CommitmentKind.FIELD_TESTS)
    year = next(y for y in progress.years if y.number == year_number)
    return progress.cell(municipality.pk, commitment, year)


def test_every_call_gets_the_commitment_with_one_test_a_year(setting):
    call, _coordinator, _recommendation = setting

    commitment = Commitment.objects.get(call=call, kind=CommitmentKind.FIELD_TESTS)

    assert (commitment.title, commitment.target, commitment.once) == (
        "Schulungen und Empfehlungen in der Praxis erproben",
        1,
        False,
    )
    assert len(commitments_ensure_defaults(call=call)) == 9
    assert "Praxistest" in str(EVIDENCE_RULES[CommitmentKind.FIELD_TESTS])


def test_one_recorded_field_test_meets_the_commitment(setting):
    call, coordinator, recommendation = setting
    now = berlin(2027, 10, 15, 12, 0)
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)
    assert cell(call, coordinator.municipality, now).status == Status.AT_RISK

    record(field_test=test, actor=coordinator, now=berlin(2027, 10, 1, 9, 0))

    after = cell(call, coordinator.municipality, now)
    assert (after.status, after.done) == (Status.MET, 1)


def test_an_open_test_ending_later_in_the_year_keeps_it_on_track(setting):
    call, coordinator, recommendation = setting
    test = plan(
        call=call,
        coordinator=coordinator,
        recommendation=recommendation,
        starts_on=dt.date(2027, 9, 1),
        ends_on=dt.date(2027, 12, 1),
    )
    field_tests.field_test_start(field_test=test, actor=coordinator)

    on_track = cell(call, coordinator.municipality, berlin(2027, 10, 15, 12, 0))
    past_its_end = cell(call, coordinator.municipality, berlin(2027, 12, 2, 12, 0))

    assert (on_track.status, on_track.scheduled) == (Status.ON_TRACK, 1)
    assert (past_its_end.status, past_its_end.scheduled) == (Status.AT_RISK, 0)


def test_a_result_counts_in_the_year_it_was_recorded_in_berlin(setting):
    call, coordinator, recommendation = setting
    years = list(call.programme_years.order_by("number"))
    late = plan(call=call, coordinator=coordinator, recommendation=recommendation)
    # 23:30 on New Year's Eve in Berlin is still the first programme year.
    record(field_test=late, actor=coordinator, now=berlin(2026, 12, 31, 23, 30))
    early = plan(
        call=call, coordinator=coordinator, recommendation=recommendation, department="jobcenter"
    )
    record(field_test=early, actor=coordinator, now=berlin(2027, 1, 1, 0, 30))

    tallies = field_test_tallies(
        call=call, years=years, now=berlin(2027, 6, 1, 0, 0), municipality_ids=None
    )

    assert sorted(tallies, key=lambda t: t.year) == [
        YearTally(municipality_id=coordinator.municipality.pk, year=1, done=1, scheduled=0),
        YearTally(municipality_id=coordinator.municipality.pk, year=2, done=1, scheduled=0),
    ]


def test_the_dashboard_lists_the_test_as_evidence(setting):
    call, coordinator, recommendation = setting
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)
    record(field_test=test, actor=coordinator, result="partly", now=berlin(2027, 3, 1, 9, 0))
    year = call.programme_years.get(number=2)

    evidence = municipality_evidence(
        call=call, municipality_id=coordinator.municipality.pk, year=year
    )

    [item] = evidence.for_kind(CommitmentKind.FIELD_TESTS)
    assert (item.title, item.status, item.counts, item.when) == (
        "1.1 Empfehlung 1",
        "teilweise umgesetzt",
        True,
        dt.date(2027, 3, 1),
    )
    assert item.url == f"/programmbereich/praxistests/{test.pk}/"


def test_a_running_cohort_gets_the_commitment_when_its_years_are_saved_again(setting):
    call, _coordinator, _recommendation = setting
    Commitment.objects.filter(call=call, kind=CommitmentKind.FIELD_TESTS).delete()
    periods = [(y.starts_on, y.ends_on) for y in call.programme_years.order_by("number")]

    programme_years_set(call=call, periods=periods)

    assert Commitment.objects.filter(call=call, kind=CommitmentKind.FIELD_TESTS).count() == 1
