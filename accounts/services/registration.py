"""Registering as a municipality coordinator and confirming the address."""

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import MailKind, Role, User
from accounts.services.common import absolute_url, email_normalise, password_reset_url
from accounts.services.mail_throttle import mail_allowed
from accounts.tokens import (
    confirmation_token_make,
    confirmation_token_read,
    resend_token_read,
)
from core.audit import audit_record
from core.mail import mail_enqueue


def confirmation_mail_send(*, user: User) -> None:
    token = confirmation_token_make(user_id=user.pk, email=user.email)
    mail_enqueue(
        to=[user.email],
        template="accounts/mail/confirm_email",
        context={
            "name": user.full_name,
            "confirm_url": absolute_url(reverse("accounts:confirm_email", args=[token])),
        },
        language=user.language,
    )


def user_register(
    *, email: str, full_name: str, password: str, language: str, ip: str
) -> User | None:
    """Create an unconfirmed coordinator account and send the confirmation link.

    For an address that already has an account nothing is created and the owner gets
    a note with a link to set a new password instead, so the form never tells a
    stranger whether an address is registered. When the mail throttle holds the mail
    back (``ip`` is the client's address), nothing at all happens: an account nobody
    can confirm would only block the address. Returns the new user, or None.
    """
    email = email_normalise(email)
    now = timezone.now()
    with transaction.atomic():
        if not mail_allowed(kind=MailKind.REGISTRATION, email=email, ip=ip):
            # Hash anyway so that every answer takes the same time.
            make_password(password)
            return None
        existing = User.objects.filter(email=email).first()
        if existing is None:
            try:
                with transaction.atomic():
                    user = User.objects.create_user(
                        email=email,
                        password=password,
                        full_name=full_name.strip(),
                        role=Role.COORDINATOR,
                        language=language,
                        privacy_accepted_at=now,
                    )
            except IntegrityError:
                # Someone registered the same address a moment earlier.
                existing = User.objects.get(email=email)
            else:
                audit_record(
                    actor=user,
                    action="account.registered",
                    obj=user,
                    changes={"role": [None, user.role], "language": [None, language]},
                )
                confirmation_mail_send(user=user)
                return user
        # Hash anyway so that both answers take the same time.
        make_password(password)
        mail_enqueue(
            to=[existing.email],
            template="accounts/mail/account_exists",
            context={
                "name": existing.full_name,
                "login_url": absolute_url(reverse("accounts:login")),
                "reset_url": password_reset_url(user=existing),
            },
            language=existing.language,
        )
    return None


def user_confirm_email(*, token: str) -> User:
    """Mark the address of the token's account as confirmed; each link works once.

    Raises ValidationError (code ``invalid`` or ``used``) for a wrong, expired or
    already used link.
    """
    data = confirmation_token_read(token=token)
    if data is None:
        raise ValidationError(
            _("Der Bestätigungslink ist ungültig oder abgelaufen."), code="invalid"
        )
    user_id, email = data
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, email=email).first()
        if user is None:
            raise ValidationError(
                _("Der Bestätigungslink ist ungültig oder abgelaufen."), code="invalid"
            )
        if user.email_confirmed_at is not None:
            raise ValidationError(
                _("Diese E-Mail-Adresse ist bereits bestätigt. Bitte melden Sie sich an."),
                code="used",
            )
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
        audit_record(actor=user, action="account.email_confirmed", obj=user)
    return user


def user_confirmation_resend(*, token: str, ip: str) -> bool:
    """Send the confirmation mail again for the account named by a resend token.

    Returns False for an invalid token or an account confirmed by now. A mail held back
    by the throttle (``ip`` is the client's address) still returns True: the page says
    the same as always.
    """
    user_id = resend_token_read(token=token)
    if user_id is None:
        return False
    with transaction.atomic():
        user = User.objects.filter(pk=user_id, email_confirmed_at__isnull=True).first()
        if user is None:
            return False
        if mail_allowed(kind=MailKind.CONFIRMATION_RESEND, email=user.email, ip=ip):
            confirmation_mail_send(user=user)
    return True
