"""Setting up the board and keeping its members, including their accounts."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Invitation, Role, User
from accounts.services import email_normalise, invitation_create
from advisory.models import Board, BoardBasis, BoardMember
from advisory.rules import actor_check, may_manage
from advisory.services.common import iso, required
from calls.models import Call
from core.audit import audit_record, field_changes, object_changes
from municipalities.models import Municipality


def board_save(
    *,
    call: Call,
    municipality: Municipality,
    actor: User,
    name: str,
    basis: str,
    existing_body: str = "",
    constituted_on: dt.date | None = None,
) -> Board:
    """Set up or change the municipality's board. An existing round table or working
    group may serve as the board; then its name is required."""
    actor_check(actor=actor, municipality_id=municipality.pk, rule=may_manage)
    name = required(name, "name", _("Bitte geben Sie die Bezeichnung des Fachbeirats an."))
    if basis not in BoardBasis.values:
        raise ValidationError({"basis": _("Bitte wählen Sie die Grundlage des Fachbeirats.")})
    existing_body = (existing_body or "").strip()
    if basis == BoardBasis.NEW:
        existing_body = ""
    elif not existing_body:
        raise ValidationError(
            {
                "existing_body": _(
                    "Bitte nennen Sie den bestehenden runden Tisch oder die Arbeitsgruppe, "
                    "die als Fachbeirat dient."
                )
            },
            code="required",
        )
    if constituted_on and constituted_on > timezone.localdate():
        raise ValidationError(
            {"constituted_on": _("Das Datum der Konstituierung darf nicht in der Zukunft liegen.")}
        )
    values = {
        "name": name,
        "basis": basis,
        "existing_body": existing_body,
        "constituted_on": constituted_on,
    }
    with transaction.atomic():
        board = (
            Board.objects.select_for_update().filter(call=call, municipality=municipality).first()
        )
        if board is None:
            try:
                with transaction.atomic():
                    board = Board.objects.create(call=call, municipality=municipality, **values)
            except IntegrityError:
                # The same form sent twice at once: the other request created it.
                board = Board.objects.select_for_update().get(call=call, municipality=municipality)
            else:
                audit_record(
                    actor=actor,
                    action="advisory.board_created",
                    obj=board,
                    changes={
                        k: [None, iso(v) if k == "constituted_on" else v] for k, v in values.items()
                    },
                )
                return board
        old = {k: getattr(board, k) for k in values}
        changes = field_changes(
            {**old, "constituted_on": iso(old["constituted_on"])},
            {**values, "constituted_on": iso(constituted_on)},
        )
        if changes:
            for key, value in values.items():
                setattr(board, key, value)
            board.save(update_fields=list(values))
            audit_record(actor=actor, action="advisory.board_updated", obj=board, changes=changes)
    return board


# --- members ---------------------------------------------------------------------------


def _member_values(full_name: str, organisation: str, function: str) -> dict:
    return {
        "full_name": required(full_name, "full_name", _("Bitte geben Sie den Namen an.")),
        "organisation": required(
            organisation, "organisation", _("Bitte geben Sie die Organisation an.")
        ),
        "function": (function or "").strip(),
    }


@transaction.atomic
def member_add(
    *, board: Board, actor: User, full_name: str, organisation: str, function: str = ""
) -> BoardMember:
    """Add a member; the same name and organisation twice is the same member (a form sent
    twice adds one)."""
    actor_check(actor=actor, municipality_id=board.municipality_id, rule=may_manage)
    values = _member_values(full_name, organisation, function)
    Board.objects.select_for_update().only("pk").get(pk=board.pk)
    member, created = BoardMember.objects.get_or_create(
        board=board,
        full_name=values["full_name"],
        organisation=values["organisation"],
        defaults={"function": values["function"]},
    )
    if created:
        audit_record(
            actor=actor,
            action="advisory.member_added",
            obj=member,
            changes={k: [None, v] for k, v in values.items()},
        )
    return member


@transaction.atomic
def member_update(
    *, member: BoardMember, actor: User, full_name: str, organisation: str, function: str = ""
) -> BoardMember:
    actor_check(actor=actor, municipality_id=member.board.municipality_id, rule=may_manage)
    values = _member_values(full_name, organisation, function)
    member = BoardMember.objects.select_for_update().get(pk=member.pk)
    changes = object_changes(member, values)
    if changes:
        for key, value in values.items():
            setattr(member, key, value)
        member.save(update_fields=list(values))
        audit_record(actor=actor, action="advisory.member_updated", obj=member, changes=changes)
    return member


@transaction.atomic
def member_remove(*, member: BoardMember, actor: User) -> None:
    """Remove a member from the board.

    A linked account loses the board at once (access needs a seat on the board). An
    account of the role "Mitglied des lokalen Fachbeirats" with no other seat also loses
    the municipality: its approval is withdrawn, so it sees nothing of the municipality
    until the coordination links it again. The account itself stays; the office decides
    about accounts.
    """
    actor_check(actor=actor, municipality_id=member.board.municipality_id, rule=may_manage)
    member = BoardMember.objects.select_for_update().filter(pk=member.pk).first()
    if member is None:
        return  # removed already: the same form sent twice
    audit_record(
        actor=actor,
        action="advisory.member_removed",
        obj=member,
        changes={"full_name": [member.full_name, None]},
    )
    user_id = member.user_id
    member.delete()
    if user_id is not None:
        _withdraw_approval_without_seat(user_id=user_id, actor=actor)


def _withdraw_approval_without_seat(*, user_id: int, actor: User) -> None:
    user = User.objects.select_for_update().get(pk=user_id)
    if (
        user.role != Role.ADVISORY
        or user.municipality_approved_at is None
        or BoardMember.objects.filter(user=user).exists()
    ):
        return
    audit_record(
        actor=actor,
        action="advisory.member_account_withdrawn",
        obj=user,
        changes={"municipality_approved_at": [iso(user.municipality_approved_at), None]},
    )
    user.municipality_approved_at = None
    user.save(update_fields=["municipality_approved_at"])


def member_invite(
    *, member: BoardMember, actor: User, email: str, language: str
) -> Invitation | None:
    """Give a member an account with read access to the programme area and write access
    to minutes and assessments.

    A person who already has a board account of this municipality is linked at once
    (returns None); anyone else gets an invitation by e-mail to the role "Mitglied des
    lokalen Fachbeirats" of the coordinator's municipality.
    """
    board = member.board
    actor_check(actor=actor, municipality_id=board.municipality_id, rule=may_manage)
    email = email_normalise(email)
    existing = User.objects.filter(email=email).first()
    with transaction.atomic():
        member = BoardMember.objects.select_for_update().get(pk=member.pk)
        if existing is not None:
            if existing.role != Role.ADVISORY or existing.municipality_id != board.municipality_id:
                raise ValidationError(
                    {
                        "email": _(
                            "Für diese E-Mail-Adresse gibt es bereits ein Konto mit einer "
                            "anderen Rolle oder Kommune. Bitte wenden Sie sich an die "
                            "Geschäftsstelle."
                        )
                    },
                    code="exists",
                )
            if member.user_id != existing.pk:
                audit_record(
                    actor=actor,
                    action="advisory.member_linked",
                    obj=member,
                    changes={"user": [member.user_id, existing.pk]},
                )
                member.user = existing
                member.save(update_fields=["user"])
            if existing.municipality_approved_at is None:
                # Withdrawn when the person was removed from the board: the seat brings
                # the municipality back.
                _restore_approval(user=existing, actor=actor)
            return None
        invitation = invitation_create(
            actor=actor,
            email=email,
            full_name=member.full_name,
            role=Role.ADVISORY,
            municipality=board.municipality,
            language=language,
        )
        if member.invitation_id != invitation.pk:
            audit_record(
                actor=actor,
                action="advisory.member_invited",
                obj=member,
                changes={"invitation": [member.invitation_id, invitation.pk]},
            )
            member.invitation = invitation
            member.save(update_fields=["invitation"])
    return invitation


def _restore_approval(*, user: User, actor: User) -> None:
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.municipality_approved_at is not None:
        return
    user.municipality_approved_at = timezone.now()
    user.save(update_fields=["municipality_approved_at"])
    audit_record(
        actor=actor,
        action="advisory.member_account_restored",
        obj=user,
        changes={"municipality_approved_at": [None, iso(user.municipality_approved_at)]},
    )


@transaction.atomic
def member_link_invited(*, invitation: Invitation, user: User) -> int:
    """Link the member who was invited with ``invitation`` to the account created from it
    (called when the invitation is accepted); returns how many members were linked."""
    if user.role != Role.ADVISORY:
        return 0
    members = list(
        BoardMember.objects.select_for_update().filter(
            invitation=invitation,
            user__isnull=True,
            board__municipality_id=user.approved_municipality_id,
        )
    )
    for member in members:
        member.user = user
        member.save(update_fields=["user"])
        audit_record(
            actor=user,
            action="advisory.member_linked",
            obj=member,
            changes={"user": [None, user.pk]},
        )
    return len(members)
