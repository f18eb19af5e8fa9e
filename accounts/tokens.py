"""Tokens that travel in e-mails and forms: e-mail confirmation, resend, invitations.

Confirmation and resend tokens are signed (nothing stored); invitation tokens are
random and only their SHA-256 hash is kept, so a copy of the database opens no
invitation.
"""

import datetime as dt
import hashlib
import secrets

from django.core import signing

CONFIRM_SALT = "accounts.email-confirmation"
CONFIRM_MAX_AGE = dt.timedelta(days=3)
RESEND_SALT = "accounts.confirmation-resend"
# The resend button is offered right after a log-in with the correct password; an hour
# is plenty for pressing it and keeps the token useless for long-term abuse.
RESEND_MAX_AGE = dt.timedelta(hours=1)


def confirmation_token_make(*, user_id: int, email: str) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object({"u": user_id, "e": email})


def confirmation_token_read(*, token: str) -> tuple[int, str] | None:
    """The (user id, e-mail) a confirmation token stands for, or None if invalid or old."""
    try:
        data = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
            token, max_age=CONFIRM_MAX_AGE
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return data["u"], str(data.get("e", ""))


def resend_token_make(*, user_id: int) -> str:
    return signing.TimestampSigner(salt=RESEND_SALT).sign_object(user_id)


def resend_token_read(*, token: str) -> int | None:
    try:
        user_id = signing.TimestampSigner(salt=RESEND_SALT).unsign_object(
            token, max_age=RESEND_MAX_AGE
        )
    except signing.BadSignature:
        return None
    return user_id if isinstance(user_id, int) else None


def invitation_token_make() -> str:
    return secrets.token_urlsafe(32)


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
