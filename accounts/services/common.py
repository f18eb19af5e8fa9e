"""Helpers the account services share."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.models import MUNICIPAL_ROLES, Role, User
from municipalities.models import Municipality

# Reviewers may name the municipality they work or live in: applications from there
# and from its Kreis are then never assigned to them. Unlike the municipal roles they
# never act for it, so their municipality is stored without an approval.
HOME_MUNICIPALITY_ROLES = {Role.REVIEWER}
ROLES_WITH_MUNICIPALITY = MUNICIPAL_ROLES | HOME_MUNICIPALITY_ROLES


def municipality_for_role(*, role: str, municipality: Municipality | None) -> Municipality | None:
    """The municipality an account of ``role`` keeps: required for a municipal role,
    dropped for a role that has none."""
    if role in MUNICIPAL_ROLES and municipality is None:
        raise ValidationError(
            {"municipality": _("Für diese Rolle ist eine Kommune nötig.")}, code="required"
        )
    return municipality if role in ROLES_WITH_MUNICIPALITY else None


def email_normalise(email: str) -> str:
    """Addresses are stored and compared in lower case (see the model's constraint)."""
    return (email or "").strip().lower()


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def password_reset_url(*, user: User, uid: str | None = None, token: str | None = None) -> str:
    uid = uid or urlsafe_base64_encode(force_bytes(user.pk))
    token = token or default_token_generator.make_token(user)
    return absolute_url(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    )
