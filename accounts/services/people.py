"""Passwords, profile and roles of existing accounts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.hooks import account_changed
from accounts.models import MUNICIPAL_ROLES, MailKind, User
from accounts.services.common import municipality_for_role, password_reset_url
from accounts.services.mail_throttle import mail_allowed
from accounts.services.throttling import login_failures_clear
from core.audit import audit_record
from core.mail import mail_enqueue
from municipalities.models import Municipality


def password_reset_mail_send(*, user: User, uid: str, token: str, ip: str) -> bool:
    """Send the reset link unless the throttle holds it back; returns whether it went.

    ``ip`` is the address of the client that asked for it (see ``mail_allowed``).
    """
    if not mail_allowed(kind=MailKind.PASSWORD_RESET, email=user.email, ip=ip):
        return False
    mail_enqueue(
        to=[user.email],
        template="accounts/mail/password_reset",
        context={
            "name": user.full_name,
            "reset_url": password_reset_url(user=user, uid=uid, token=token),
        },
        language=user.language,
    )
    return True


def user_password_reset_complete(*, user: User, password: str) -> User:
    """Set the new password from a reset link.

    Opening the link proves the person reads the mailbox, so an unconfirmed address
    counts as confirmed from now on, and earlier failed log-ins are forgotten.
    """
    with transaction.atomic():
        user.set_password(password)
        fields = ["password"]
        if user.email_confirmed_at is None:
            user.email_confirmed_at = timezone.now()
            fields.append("email_confirmed_at")
        user.save(update_fields=fields)
        login_failures_clear(email=user.email, client=None)
        audit_record(actor=user, action="account.password_reset", obj=user)
    return user


def user_password_change(*, user: User, password: str) -> User:
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(actor=user, action="account.password_changed", obj=user)
    return user


def user_profile_update(*, user: User, full_name: str, language: str) -> User:
    changes = {}
    full_name = full_name.strip()
    if full_name != user.full_name:
        changes["full_name"] = [user.full_name, full_name]
    if language != user.language:
        changes["language"] = [user.language, language]
    if not changes:
        return user
    with transaction.atomic():
        user.full_name = full_name
        user.language = language
        user.save(update_fields=["full_name", "language"])
        audit_record(actor=user, action="account.profile_updated", obj=user, changes=changes)
    return user


def user_role_change(
    *, actor: User, user: User, role: str, municipality: Municipality | None
) -> User:
    """Give ``user`` another role (and, for municipal roles, a municipality; for
    reviewers, optionally their home municipality).

    The programme office vouches for the change, so a municipality given to a
    municipal role counts as approved at once; a reviewer's home municipality is
    never approved, as a reviewer never acts for it. Nobody changes their own role:
    the last office account could otherwise lock everyone out.
    """
    if actor.pk == user.pk:
        raise ValidationError(_("Sie können Ihre eigene Rolle nicht ändern."), code="self")
    municipality = municipality_for_role(role=role, municipality=municipality)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        changes = {}
        if user.role != role:
            changes["role"] = [user.role, role]
        if user.municipality_id != (municipality.pk if municipality else None):
            changes["municipality"] = [
                user.municipality.key if user.municipality_id else None,
                municipality.key if municipality else None,
            ]
        if not changes:
            return user
        user.role = role
        user.municipality = municipality
        user.municipality_approved_at = (
            timezone.now() if municipality and role in MUNICIPAL_ROLES else None
        )
        # A new role or municipality starts afresh: no suspension, not the lead.
        user.municipality_suspended_at = None
        user.municipality_lead = False
        user.save(
            update_fields=[
                "role",
                "municipality",
                "municipality_approved_at",
                "municipality_suspended_at",
                "municipality_lead",
            ]
        )
        account_changed.notify(user=user)
        audit_record(actor=actor, action="account.role_changed", obj=user, changes=changes)
    return user
