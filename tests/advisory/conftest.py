"""A cohort of two model municipalities (Aachen with a board, Bonn), whose programme years
lie around today, so that "past" and "future" hold whatever day the tests run on."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from accounts.models import Role
from advisory import services
from advisory.models import BoardMember, Meeting
from tests import factories
from tests.programme_helpers import model_cohort


def periods_around_today() -> list[tuple[dt.date, dt.date]]:
    """Three programme years; the first began 200 days ago."""
    start = timezone.localdate() - dt.timedelta(days=200)
    periods = []
    for _number in range(3):
        end = start + dt.timedelta(days=364)
        periods.append((start, end))
        start = end + dt.timedelta(days=1)
    return periods


def municipal_user(role, municipality, **kwargs):
    return factories.UserFactory(
        role=role, municipality=municipality, municipality_approved_at=timezone.now(), **kwargs
    )


@pytest.fixture
def cohort(db):
    a = factories.MunicipalityFactory(name="Aachen")
    b = factories.MunicipalityFactory(name="Bonn")
    call = model_cohort([a, b], periods=periods_around_today())
    return SimpleNamespace(
        call=call,
        a=a,
        b=b,
        years=list(call.programme_years.order_by("number")),
        coordinator=municipal_user(Role.COORDINATOR, a, full_name="Kim Koordination"),
        advisory=municipal_user(Role.ADVISORY, a, full_name="Aylin Beirat"),
        team_member=municipal_user(Role.TEAM_MEMBER, a),
        hr=municipal_user(Role.HR, a),
        other_coordinator=municipal_user(Role.COORDINATOR, b),
        other_advisory=municipal_user(Role.ADVISORY, b),
        office=factories.UserFactory(role=Role.OFFICE),
        trainer=factories.UserFactory(role=Role.TRAINER),
    )


@pytest.fixture
def board(cohort):
    """Aachen's board; the board member's account ``cohort.advisory`` holds a seat on it."""
    board = services.board_save(
        call=cohort.call,
        municipality=cohort.a,
        actor=cohort.coordinator,
        name="Fachbeirat Vielfalt Aachen",
        basis="round_table",
        existing_body="Runder Tisch gegen Rassismus Aachen",
        constituted_on=timezone.localdate() - dt.timedelta(days=100),
    )
    BoardMember.objects.create(
        board=board, full_name="Aylin Beirat", organisation="Integrationsrat", user=cohort.advisory
    )
    return board


@pytest.fixture
def other_board(cohort):
    """Bonn's board, with ``cohort.other_advisory`` seated on it."""
    board = services.board_save(
        call=cohort.call,
        municipality=cohort.b,
        actor=cohort.other_coordinator,
        name="Fachbeirat Bonn",
        basis="new",
    )
    BoardMember.objects.create(
        board=board,
        full_name="Ben Beirat",
        organisation="Integrationsrat",
        user=cohort.other_advisory,
    )
    return board


def meeting_at(board, starts_at, **kwargs) -> Meeting:
    return Meeting.objects.create(board=board, starts_at=starts_at, location="Rathaus", **kwargs)


@pytest.fixture
def past_meeting(board):
    return meeting_at(board, timezone.now() - dt.timedelta(days=2))


@pytest.fixture
def future_meeting(board):
    return meeting_at(board, timezone.now() + dt.timedelta(days=14))
