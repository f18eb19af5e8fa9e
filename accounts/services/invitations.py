"""Invitations by the programme office to a role (and a municipality)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.hooks import account_changed, invitation_accepted
from accounts.models import MUNICIPAL_ROLES, Invitation, User
from accounts.services.common import absolute_url, email_normalise, municipality_for_role
from accounts.tokens import (
    invitation_token_hash,
    invitation_token_make,
)
from core.audit import audit_record
from core.idempotency import lock_person, repeat_since
from core.mail import mail_enqueue
from municipalities.models import Municipality

INVITATION_VALIDITY = dt.timedelta(days=14)


def invitation_create(
    *,
    actor: User,
    email: str,
    full_name: str,
    role: str,
    municipality: Municipality | None,
    language: str,
) -> Invitation:
    """Invite a person by e-mail to a role; the link in the mail works once for 14 days.

    The mail is written in ``language``, which the new account starts with. Earlier
    open invitations to the same address stop working, so only the newest link
    counts; but the same invitation again within ``REPEAT_WINDOW`` returns the
    open one instead, without a second mail.

    An address that already has an account is invited all the same: whoever registered
    it first must not block the invitation. The invitation then attaches to that
    account once its owner logs in and opens the link (``invitation_attach``).
    """
    email = email_normalise(email)
    full_name = full_name.strip()
    municipality = municipality_for_role(role=role, municipality=municipality)
    with transaction.atomic():
        # Both requests of a double click come from the same office account; locking
        # its row makes the second wait until the first has committed its invitation.
        lock_person(actor)
        now = timezone.now()
        recent = (
            Invitation.objects.filter(
                email=email,
                full_name=full_name,
                role=role,
                municipality=municipality,
                language=language,
                accepted_at__isnull=True,
                expires_at__gt=now,
                created_at__gte=repeat_since(now),
            )
            .order_by("-created_at", "-pk")
            .first()
        )
        if recent is not None:
            return recent
        Invitation.objects.filter(email=email, accepted_at__isnull=True, expires_at__gt=now).update(
            expires_at=now
        )
        token = invitation_token_make()
        invitation = Invitation.objects.create(
            email=email,
            full_name=full_name,
            role=role,
            municipality=municipality,
            language=language,
            token_hash=invitation_token_hash(token),
            invited_by=actor,
            expires_at=now + INVITATION_VALIDITY,
        )
        audit_record(
            actor=actor,
            action="invitation.sent",
            obj=invitation,
            changes={
                "role": [None, role],
                "municipality": [None, municipality.key if municipality else None],
                "language": [None, language],
            },
        )
        invitation_mail_send(invitation=invitation, token=token, inviter=actor)
    return invitation


def invitation_mail_send(*, invitation: Invitation, token: str, inviter: User) -> None:
    """Write the invitation in its language: the role's name and the date must be
    rendered here already, as the mail task only gets plain strings."""
    with translation.override(invitation.language):
        role = str(invitation.get_role_display())
        expires_at = formats.date_format(
            timezone.localtime(invitation.expires_at), "DATETIME_FORMAT"
        )
    mail_enqueue(
        to=[invitation.email],
        template="accounts/mail/invitation",
        context={
            "name": invitation.full_name,
            "role": role,
            # A reviewer is not invited *for* their home municipality.
            "municipality": (
                invitation.municipality.name
                if invitation.municipality_id and invitation.role in MUNICIPAL_ROLES
                else ""
            ),
            "inviter": inviter.full_name,
            "accept_url": absolute_url(reverse("accounts:invitation_accept", args=[token])),
            "expires_at": expires_at,
        },
        language=invitation.language,
    )


def _mark_accepted(invitation: Invitation, *, person: User, now) -> None:
    """Use up the invitation, so that its link works no more, and record who took it."""
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=person,
        action="invitation.accepted",
        obj=invitation,
        changes={"user": [None, person.pk]},
    )


def invitation_accept(*, token: str, full_name: str, password: str, language: str) -> User:
    """Create the invited person's account: role and municipality as invited, address
    confirmed (the link came by mail). Raises ValidationError if the link no longer
    works or the address has an account by now."""
    now = timezone.now()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(token_hash=invitation_token_hash(token))
            .first()
        )
        if invitation is None or not invitation.is_open:
            raise ValidationError(
                _("Diese Einladung ist nicht mehr gültig."), code="invitation_invalid"
            )
        if User.objects.filter(email=invitation.email).exists():
            raise ValidationError(
                _("Für diese E-Mail-Adresse gibt es bereits ein Konto. Bitte melden Sie sich an."),
                code="exists",
            )
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=invitation.email,
                    password=password,
                    full_name=full_name.strip(),
                    role=invitation.role,
                    municipality=invitation.municipality,
                    municipality_approved_at=(
                        now
                        if invitation.municipality_id and invitation.role in MUNICIPAL_ROLES
                        else None
                    ),
                    language=language,
                    email_confirmed_at=now,
                    privacy_accepted_at=now,
                )
        except IntegrityError as error:
            # The address registered itself between the check above and now.
            raise ValidationError(
                _("Für diese E-Mail-Adresse gibt es bereits ein Konto. Bitte melden Sie sich an."),
                code="exists",
            ) from error
        _mark_accepted(invitation, person=user, now=now)
        audit_record(
            actor=user,
            action="account.created_by_invitation",
            obj=user,
            changes={
                "role": [None, user.role],
                "municipality": [
                    None,
                    invitation.municipality.key if invitation.municipality_id else None,
                ],
            },
        )
        # An invitation sent for a board member links the member to the new account.
        invitation_accepted.notify(invitation=invitation, user=user)
    return user


def invitation_attach(*, token: str, user: User) -> User:
    """Give an existing account the role (and municipality) of an invitation to its
    address. The person proves both the mailbox (the link) and the account (the
    log-in); the programme office vouches for the role, so a municipality comes
    approved, as with a new account."""
    now = timezone.now()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("municipality")
            .filter(token_hash=invitation_token_hash(token))
            .first()
        )
        if invitation is None or not invitation.is_open:
            raise ValidationError(
                _("Diese Einladung ist nicht mehr gültig."), code="invitation_invalid"
            )
        person = User.objects.select_for_update().get(pk=user.pk)
        if person.email != invitation.email:
            raise ValidationError(
                _("Diese Einladung gilt für eine andere E-Mail-Adresse."), code="other_address"
            )
        municipal = invitation.municipality_id and invitation.role in MUNICIPAL_ROLES
        changes = {
            "role": [person.role, invitation.role],
            "municipality": [
                person.municipality.key if person.municipality_id else None,
                invitation.municipality.key if invitation.municipality_id else None,
            ],
        }
        person.role = invitation.role
        person.municipality = invitation.municipality
        person.municipality_approved_at = now if municipal else None
        person.municipality_suspended_at = None
        person.municipality_lead = False
        person.save(
            update_fields=[
                "role",
                "municipality",
                "municipality_approved_at",
                "municipality_suspended_at",
                "municipality_lead",
            ]
        )
        _mark_accepted(invitation, person=person, now=now)
        audit_record(
            actor=person, action="account.attached_by_invitation", obj=person, changes=changes
        )
        account_changed.notify(user=person)
        invitation_accepted.notify(invitation=invitation, user=person)
    return person
