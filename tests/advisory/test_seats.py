"""A board account reaches the board only through a seat on it: removing the member
closes minutes and assessments at once."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Role, User
from advisory import services
from advisory.models import Board, BoardMember
from core.models import AuditEntry
from tests import factories
from tests.advisory.conftest import municipal_user
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

INSIDE_PAGES = ("advisory:minutes_edit", "advisory:minutes_file", "advisory:assessment")


def inside_statuses(client, meeting) -> dict:
    urls = {
        "advisory:minutes_edit": reverse("advisory:minutes_edit", args=[meeting.pk]),
        "advisory:minutes_file": reverse("advisory:minutes_file", args=[meeting.pk]),
        "advisory:assessment": reverse("advisory:assessment", args=[1]),
    }
    return {name: client.get(url).status_code for name, url in urls.items()}


def seated(cohort, board, full_name="Jonas Okafor"):
    """A member of ``board`` with an account of their own, linked by the coordination."""
    user = municipal_user(Role.ADVISORY, cohort.a, full_name=full_name)
    member = services.member_add(
        board=board, actor=cohort.coordinator, full_name=full_name, organisation="IR"
    )
    services.member_invite(member=member, actor=cohort.coordinator, email=user.email, language="de")
    member.refresh_from_db()
    return member, user


def test_board_account_without_a_seat_gets_403_inside_the_board(client, cohort, past_meeting):
    unseated = municipal_user(Role.ADVISORY, cohort.a)
    login_verified(client, unseated)
    assert inside_statuses(client, past_meeting) == dict.fromkeys(INSIDE_PAGES, 403)


def test_board_account_with_a_seat_reaches_minutes_and_assessment(client, cohort, past_meeting):
    _member, user = seated(cohort, past_meeting.board)
    login_verified(client, user)
    statuses = inside_statuses(client, past_meeting)
    # No PDF is stored yet, so the download answers 404 after the permission check.
    assert statuses == {
        "advisory:minutes_edit": 200,
        "advisory:minutes_file": 404,
        "advisory:assessment": 200,
    }


def test_board_account_without_a_seat_does_not_see_members_or_minutes(client, cohort, past_meeting):
    services.minutes_save(
        meeting=past_meeting, actor=cohort.advisory, minutes="Vertraulich", decisions=""
    )
    login_verified(client, municipal_user(Role.ADVISORY, cohort.a))
    board_page = client.get(reverse("advisory:board"))
    meeting_page = client.get(reverse("advisory:meeting", args=[past_meeting.pk]))
    assert (board_page.context["sees_inside"], "Aylin Beirat" in board_page.content.decode()) == (
        False,
        False,
    )
    assert "Vertraulich" not in meeting_page.content.decode()


def test_removed_member_gets_404_on_minutes_and_assessment(client, cohort, past_meeting):
    member, user = seated(cohort, past_meeting.board)
    login_verified(client, user)
    services.member_remove(member=member, actor=cohort.coordinator)
    assert inside_statuses(client, past_meeting) == dict.fromkeys(INSIDE_PAGES, 404)


def test_removed_member_without_another_seat_loses_the_municipality(cohort, board):
    member, user = seated(cohort, board)
    services.member_remove(member=member, actor=cohort.coordinator)
    user.refresh_from_db()
    assert (user.municipality_id, user.approved_municipality_id) == (cohort.a.pk, None)
    entry = AuditEntry.objects.get(action="advisory.member_account_withdrawn")
    assert (entry.actor, list(entry.changes)) == (cohort.coordinator, ["municipality_approved_at"])


def test_removed_member_with_another_seat_keeps_the_municipality_but_not_the_board(
    client, cohort, past_meeting
):
    member, user = seated(cohort, past_meeting.board)
    earlier = Board.objects.create(
        call=factories.CallFactory(), municipality=cohort.a, name="Früherer Fachbeirat"
    )
    BoardMember.objects.create(
        board=earlier, full_name="Jonas Okafor", organisation="IR", user=user
    )
    services.member_remove(member=member, actor=cohort.coordinator)
    user.refresh_from_db()
    assert user.approved_municipality_id == cohort.a.pk
    login_verified(client, user)
    assert inside_statuses(client, past_meeting) == dict.fromkeys(INSIDE_PAGES, 403)


def test_removed_member_can_no_longer_write_minutes_or_assessments(cohort, past_meeting):
    member, user = seated(cohort, past_meeting.board)
    services.member_remove(member=member, actor=cohort.coordinator)
    user = User.objects.get(pk=user.pk)
    with pytest.raises(PermissionDenied):
        services.minutes_save(meeting=past_meeting, actor=user, minutes="X", decisions="")
    with pytest.raises(PermissionDenied):
        services.assessment_save_draft(
            board=past_meeting.board, year=cohort.years[0], actor=user, text="X"
        )


def test_board_account_without_a_seat_cannot_write_minutes(cohort, past_meeting):
    unseated = municipal_user(Role.ADVISORY, cohort.a)
    with pytest.raises(PermissionDenied):
        services.minutes_save(meeting=past_meeting, actor=unseated, minutes="X", decisions="")


def test_removing_a_member_twice_changes_nothing_the_second_time(cohort, board):
    member, _user = seated(cohort, board)
    services.member_remove(member=member, actor=cohort.coordinator)
    services.member_remove(member=member, actor=cohort.coordinator)
    assert AuditEntry.objects.filter(action="advisory.member_removed").count() == 1


def test_removed_member_invited_again_gets_the_municipality_back(cohort, board):
    member, user = seated(cohort, board)
    services.member_remove(member=member, actor=cohort.coordinator)
    again = services.member_add(
        board=board, actor=cohort.coordinator, full_name="Jonas Okafor", organisation="IR"
    )
    services.member_invite(member=again, actor=cohort.coordinator, email=user.email, language="de")
    user.refresh_from_db()
    assert (user.approved_municipality_id, again.board.members.filter(user=user).count()) == (
        cohort.a.pk,
        1,
    )
    assert AuditEntry.objects.filter(action="advisory.member_account_restored").count() == 1


def test_coordinator_writes_minutes_without_a_seat(cohort, past_meeting):
    meeting = services.minutes_save(
        meeting=past_meeting, actor=cohort.coordinator, minutes="Bericht", decisions=""
    )
    assert (meeting.status, BoardMember.objects.filter(user=cohort.coordinator).exists()) == (
        "held",
        False,
    )


def test_member_remove_page_says_the_account_loses_access(client, cohort, board):
    member, _user = seated(cohort, board)
    login_verified(client, cohort.coordinator)
    page = client.get(reverse("advisory:member_remove", args=[member.pk])).content.decode()
    assert "verliert das Konto der Person sofort den Zugang zum Fachbeirat" in page
