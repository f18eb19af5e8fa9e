"""The demo board."""

import pytest

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from accounts.models import Role, User
from advisory.demo import ensure_demo_board
from advisory.models import Board, BoardMember

pytestmark = pytest.mark.django_db


def test_ensure_demo_board_makes_a_board_with_five_members_once(cohort):
    first = ensure_demo_board(call=cohort.call, municipality=cohort.a)
    second = ensure_demo_board(call=cohort.call, municipality=cohort.a)
    assert first.pk == second.pk
    assert Board.objects.count() == 1
    assert BoardMember.objects.filter(board=first).count() == 5
    assert BoardMember.objects.filter(organisation="Integrationsrat Aachen").count() == 1


def test_ensure_demo_board_with_account_links_the_demo_board_member(cohort):
    board = ensure_demo_board(call=cohort.call, municipality=cohort.a, with_account=True)
    ensure_demo_board(call=cohort.call, municipality=cohort.a, with_account=True)
    user = User.objects.get(email=DEMO_ACCOUNTS[Role.ADVISORY][0])
    assert (user.role, user.approved_municipality_id) == (Role.ADVISORY, cohort.a.pk)
    assert user.check_password(DEMO_PASSWORD)
    assert list(board.members.filter(user=user).values_list("full_name", flat=True)) == [
        "Aylin Demir"
    ]
