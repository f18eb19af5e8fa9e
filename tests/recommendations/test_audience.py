"""Who belongs to a round's audience (``recommendations.audience``)."""

import pytest
from django.utils import timezone

from accounts.models import Role
from advisory.models import Board, BoardMember
from recommendations import audience
from recommendations.models import ConsultationRound
from tests import factories
from tests.recommendations.helpers import office_user
from tests.recommendations.round_helpers import model_coordinator, running_round, team_member

pytestmark = pytest.mark.django_db


def _round(**flags) -> ConsultationRound:
    defaults = {
        "for_municipal_teams": False,
        "for_advisory_boards": False,
        "for_network": False,
        "for_trainers": False,
        "for_public": False,
    }
    return running_round(actor=office_user(), **{**defaults, **flags})


def _audience(round) -> set:
    return set(audience.audience_accounts(round))


def test_teams_group_holds_coordinator_and_team_of_a_model_municipality():
    coordinator = model_coordinator()
    colleague = team_member(coordinator.municipality)
    round = _round(for_municipal_teams=True)
    assert _audience(round) == {coordinator, colleague}
    assert audience.may_take_part(colleague, round) is True


def test_teams_group_leaves_out_unapproved_suspended_and_other_municipalities():
    coordinator = model_coordinator()
    unapproved = factories.UserFactory(role=Role.TEAM_MEMBER, municipality=coordinator.municipality)
    suspended = team_member(coordinator.municipality, municipality_suspended_at=timezone.now())
    outside = factories.CoordinatorFactory()  # an approved coordinator, not a model municipality
    hr = factories.UserFactory(
        role=Role.HR, municipality=coordinator.municipality, municipality_approved_at=timezone.now()
    )
    round = _round(for_municipal_teams=True)
    assert _audience(round) == {coordinator}
    for person in (unapproved, suspended, outside, hr):
        assert audience.may_take_part(person, round) is False


def test_unconfirmed_and_inactive_accounts_are_never_in_the_audience():
    unconfirmed = factories.UserFactory(email_confirmed_at=None)
    inactive = factories.UserFactory(is_active=False)
    round = _round(for_public=True)
    assert unconfirmed not in _audience(round)
    assert inactive not in _audience(round)


def test_the_office_is_never_audience_even_of_a_public_round():
    office = office_user()
    round = _round(for_public=True, for_municipal_teams=True, for_trainers=True)
    assert office not in _audience(round)
    assert audience.may_take_part(office, round) is False
    assert audience.audience_flags_of(office) == []
    assert list(audience.rounds_open_to(office)) == []


def test_trainers_and_board_members_by_their_flags():
    trainer = factories.UserFactory(role=Role.TRAINER)
    coordinator = model_coordinator()
    board = Board.objects.create(
        call=factories.CallFactory(), municipality=coordinator.municipality, name="Beirat"
    )
    member_account = factories.UserFactory(role=Role.ADVISORY)
    BoardMember.objects.create(board=board, full_name="B", organisation="O", user=member_account)
    assert _audience(_round(for_trainers=True)) == {trainer}
    assert _audience(_round(for_advisory_boards=True)) == {member_account}


def test_rounds_open_to_follows_the_flags():
    trainer = factories.UserFactory(role=Role.TRAINER)
    for_trainers = _round(for_trainers=True)
    _round(for_municipal_teams=True)
    public = _round(for_public=True)
    assert set(audience.rounds_open_to(trainer)) == {for_trainers, public}
    assert audience.audience_flags_of(trainer) == ["for_trainers", "for_public"]


def test_anonymous_is_never_in_the_audience():
    from django.contrib.auth.models import AnonymousUser

    round = _round(for_public=True)
    assert audience.may_take_part(AnonymousUser(), round) is False
    assert list(audience.rounds_open_to(AnonymousUser())) == []


def test_names_are_hidden_only_in_rounds_open_to_the_network():
    assert audience.names_hidden(_round(for_network=True, for_municipal_teams=True)) is True
    assert audience.names_hidden(_round(for_municipal_teams=True, for_public=True)) is False


def test_municipality_spoken_for_only_by_the_teams_of_a_teams_round():
    coordinator = model_coordinator()
    assert audience.municipality_spoken_for(coordinator, _round(for_municipal_teams=True)) == (
        coordinator.municipality
    )
    assert audience.municipality_spoken_for(coordinator, _round(for_public=True)) is None


def test_audience_accounts_is_one_query(django_assert_num_queries):
    coordinator = model_coordinator()
    team_member(coordinator.municipality)
    factories.UserFactory(role=Role.TRAINER)
    round = _round(for_municipal_teams=True, for_trainers=True)
    with django_assert_num_queries(1):
        assert len(list(audience.audience_accounts(round))) == 3
