"""Reading accounts, invitations and second-factor devices."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import MUNICIPAL_ROLES, Invitation, MunicipalityClaim, Role, User
from accounts.tokens import invitation_token_hash


def totp_device_confirmed(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def user_has_second_factor(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_remaining(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def invitation_list_for_office() -> QuerySet[Invitation]:
    return Invitation.objects.select_related("municipality", "invited_by").order_by(
        "-created_at", "-pk"
    )


def invitation_get_by_token(*, token: str) -> Invitation | None:
    """The invitation a link stands for, whatever its state (the page explains it)."""
    return (
        Invitation.objects.select_related("municipality")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )


def user_list_for_office(*, search: str = "") -> QuerySet[User]:
    """All accounts for the programme office, newest first, optionally searched by
    name or e-mail address."""
    users = User.objects.select_related("municipality").order_by("-date_joined", "-pk")
    search = search.strip()
    if search:
        users = users.filter(Q(full_name__icontains=search) | Q(email__icontains=search.lower()))
    return users


def user_get_office(*, user_pk: int) -> User:
    return get_object_or_404(
        User.objects.select_related("municipality__land", "municipality__kreis"), pk=user_pk
    )


def claim_list_pending() -> QuerySet[MunicipalityClaim]:
    """The office's queue: pending claims, oldest first."""
    return (
        MunicipalityClaim.objects.filter(status=MunicipalityClaim.Status.PENDING)
        .select_related("user", "municipality", "municipality__land")
        .order_by("created_at", "pk")
    )


def claim_get_office(*, claim_pk: int) -> MunicipalityClaim:
    return get_object_or_404(
        MunicipalityClaim.objects.select_related(
            "user", "municipality", "municipality__land", "decided_by"
        ),
        pk=claim_pk,
    )


def claim_pending_of(*, user: User) -> MunicipalityClaim | None:
    return MunicipalityClaim.objects.filter(
        user=user, status=MunicipalityClaim.Status.PENDING
    ).first()


def people_of_municipality(*, municipality_id: int) -> QuerySet[User]:
    """Everyone linked to the municipality in a municipal role, whatever the state of
    the link: the lead first, then approved, pending and suspended people by name."""
    return User.objects.filter(municipality_id=municipality_id, role__in=MUNICIPAL_ROLES).order_by(
        "-municipality_lead", "full_name", "pk"
    )


def municipality_has_approved_coordinator(*, municipality_id: int) -> bool:
    return User.objects.filter(
        municipality_id=municipality_id,
        role=Role.COORDINATOR,
        municipality_approved_at__isnull=False,
        municipality_suspended_at__isnull=True,
        is_active=True,
    ).exists()


def user_exists_with_email(*, email: str) -> bool:
    return User.objects.filter(email=email).exists()


def person_was_unlinked(*, pk: int) -> bool:
    """The account exists and is linked to no municipality (any more)."""
    return User.objects.filter(pk=pk, municipality__isnull=True).exists()
