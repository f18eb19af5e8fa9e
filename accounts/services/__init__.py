"""Account rules: registration, confirmation, log-in and mail throttling, passwords,
profile, roles and invitations (the second factor lives in ``accounts.second_factor``).

Callers import from here; the modules split the rules along the journeys.
"""

from accounts.services.common import email_normalise, password_reset_url
from accounts.services.invitations import (
    INVITATION_VALIDITY,
    invitation_accept,
    invitation_attach,
    invitation_create,
)
from accounts.services.mail_throttle import (
    MAIL_LIMIT_PER_ADDRESS,
    MAIL_LIMIT_PER_IP,
    MAIL_THROTTLE_WINDOW,
    mail_allowed,
)
from accounts.services.people import (
    password_reset_mail_send,
    user_password_change,
    user_password_reset_complete,
    user_profile_update,
    user_role_change,
)
from accounts.services.registration import (
    confirmation_mail_send,
    user_confirm_email,
    user_confirmation_resend,
    user_register,
)
from accounts.services.throttling import (
    client_is_known,
    failed_logins_prune,
    failure_record,
    failures_clear,
    failures_locked_until,
    known_client_mark,
    lock_message,
    login_failure_record,
    login_failures_clear,
    login_is_locked,
)

__all__ = [
    "INVITATION_VALIDITY",
    "MAIL_LIMIT_PER_ADDRESS",
    "MAIL_LIMIT_PER_IP",
    "MAIL_THROTTLE_WINDOW",
    "client_is_known",
    "confirmation_mail_send",
    "email_normalise",
    "failed_logins_prune",
    "failure_record",
    "failures_clear",
    "failures_locked_until",
    "invitation_accept",
    "invitation_attach",
    "invitation_create",
    "lock_message",
    "login_failure_record",
    "login_failures_clear",
    "login_is_locked",
    "known_client_mark",
    "mail_allowed",
    "password_reset_mail_send",
    "password_reset_url",
    "user_confirm_email",
    "user_confirmation_resend",
    "user_password_change",
    "user_password_reset_complete",
    "user_profile_update",
    "user_register",
    "user_role_change",
]
