"""Setting up the board and keeping its members."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Invitation, Role
from advisory import services
from advisory.models import Board, BoardMember
from core.models import AuditEntry
from tests import factories
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db


def save(cohort, **values):
    defaults = {"name": "Fachbeirat Aachen", "basis": "new", "existing_body": ""}
    return services.board_save(
        call=cohort.call, municipality=cohort.a, actor=cohort.coordinator, **{**defaults, **values}
    )


def test_board_save_round_table_without_its_name_is_refused_at_the_field(cohort):
    with pytest.raises(ValidationError) as error:
        save(cohort, basis="round_table", existing_body="  ")
    assert list(error.value.error_dict) == ["existing_body"]
    assert Board.objects.count() == 0


def test_board_save_new_board_drops_a_stray_existing_body(cohort):
    board = save(cohort, basis="new", existing_body="Runder Tisch")
    assert board.existing_body == ""


def test_board_save_twice_keeps_one_board_with_the_latest_values(cohort):
    save(cohort, name="Erster Name")
    board = save(cohort, name="Zweiter Name", basis="working_group", existing_body="AG Vielfalt")
    assert Board.objects.filter(municipality=cohort.a).count() == 1
    assert (board.name, board.basis, board.existing_body) == (
        "Zweiter Name",
        "working_group",
        "AG Vielfalt",
    )
    entry = AuditEntry.objects.get(action="advisory.board_updated")
    assert entry.changes["name"] == ["Erster Name", "Zweiter Name"]


def test_board_save_by_a_board_member_is_refused(cohort):
    with pytest.raises(PermissionDenied):
        services.board_save(
            call=cohort.call, municipality=cohort.a, actor=cohort.advisory, name="X", basis="new"
        )


def test_board_form_without_existing_body_shows_german_error_at_the_field(client, cohort):
    login_verified(client, cohort.coordinator)
    response = client.post(
        reverse("advisory:board_edit"),
        {"name": "Runder Tisch Aachen", "basis": "round_table", "existing_body": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["existing_body"] == [
        "Bitte nennen Sie den bestehenden runden Tisch oder die Arbeitsgruppe, die als "
        "Fachbeirat dient."
    ]
    assert Board.objects.count() == 0


def test_board_form_saves_and_redirects_to_the_board(client, cohort):
    login_verified(client, cohort.coordinator)
    response = client.post(
        reverse("advisory:board_edit"),
        {
            "name": "AG Vielfalt",
            "basis": "working_group",
            "existing_body": "AG Interkulturelle Öffnung",
            "constituted_on": "2026-01-15",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("advisory:board")
    assert Board.objects.get().existing_body == "AG Interkulturelle Öffnung"


def test_member_add_twice_adds_one_member(cohort, board):
    for _attempt in range(2):
        services.member_add(
            board=board, actor=cohort.coordinator, full_name="Aylin Demir", organisation="IR"
        )
    assert BoardMember.objects.filter(board=board, full_name="Aylin Demir").count() == 1


def test_member_add_without_organisation_is_refused_at_the_field(cohort, board):
    with pytest.raises(ValidationError) as error:
        services.member_add(
            board=board, actor=cohort.coordinator, full_name="Aylin Demir", organisation=""
        )
    assert list(error.value.error_dict) == ["organisation"]


def test_member_remove_deletes_the_member_and_records_it(cohort, board):
    member = services.member_add(
        board=board, actor=cohort.coordinator, full_name="Aylin Demir", organisation="IR"
    )
    services.member_remove(member=member, actor=cohort.coordinator)
    assert BoardMember.objects.filter(pk=member.pk).exists() is False
    assert AuditEntry.objects.filter(action="advisory.member_removed").count() == 1


def test_member_invite_sends_an_advisory_invitation_for_the_municipality(
    cohort, board, django_capture_on_commit_callbacks
):
    member = services.member_add(
        board=board, actor=cohort.coordinator, full_name="Aylin Demir", organisation="IR"
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.member_invite(
            member=member, actor=cohort.coordinator, email="Aylin@Example.org", language="de"
        )
    member.refresh_from_db()
    assert (invitation.email, invitation.role, invitation.municipality_id) == (
        "aylin@example.org",
        Role.ADVISORY,
        cohort.a.pk,
    )
    assert member.invitation_id == invitation.pk
    assert [m.to for m in mail.outbox] == [["aylin@example.org"]]


def test_member_invite_links_an_existing_board_account_without_mail(cohort, board):
    member = services.member_add(
        board=board, actor=cohort.coordinator, full_name="Aylin Beirat", organisation="IR"
    )
    result = services.member_invite(
        member=member, actor=cohort.coordinator, email=cohort.advisory.email, language="de"
    )
    member.refresh_from_db()
    assert result is None
    assert member.user_id == cohort.advisory.pk
    assert Invitation.objects.count() == 0


def test_member_invite_refuses_an_account_of_another_municipality(cohort, board):
    member = services.member_add(
        board=board, actor=cohort.coordinator, full_name="X", organisation="IR"
    )
    with pytest.raises(ValidationError) as error:
        services.member_invite(
            member=member,
            actor=cohort.coordinator,
            email=cohort.other_advisory.email,
            language="de",
        )
    assert list(error.value.error_dict) == ["email"]


def test_member_link_invited_links_the_account_made_from_the_invitation(cohort, board):
    member = services.member_add(
        board=board, actor=cohort.coordinator, full_name="Neu", organisation="IR"
    )
    invitation = services.member_invite(
        member=member, actor=cohort.coordinator, email="neu@example.org", language="de"
    )
    user = factories.UserFactory(
        email="neu@example.org",
        role=Role.ADVISORY,
        municipality=cohort.a,
        municipality_approved_at=invitation.created_at,
    )
    assert services.member_link_invited(invitation=invitation, user=user) == 1
    member.refresh_from_db()
    assert member.user_id == user.pk


def test_member_edit_of_another_municipality_answers_404(client, cohort, board, other_board):
    member = services.member_add(
        board=board, actor=cohort.coordinator, full_name="Aylin Demir", organisation="IR"
    )
    login_verified(client, cohort.other_coordinator)
    response = client.get(reverse("advisory:member_edit", args=[member.pk]))
    assert response.status_code == 404


def test_member_add_by_a_board_member_answers_403(client, cohort, board):
    login_verified(client, cohort.advisory)
    response = client.post(reverse("advisory:member_add"), {"full_name": "X", "organisation": "Y"})
    assert response.status_code == 403
    assert BoardMember.objects.filter(full_name="X").count() == 0
