import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.roles import Role

# Roles that belong to one municipality and only ever see that municipality's objects.
MUNICIPAL_ROLES = {Role.COORDINATOR, Role.TEAM_MEMBER, Role.ADVISORY, Role.HR}
# Roles whose accounts reach many municipalities' data and therefore need a second factor.
SECOND_FACTOR_ROLES = {Role.OFFICE, Role.REVIEWER}
# Language names are shown in their own language, as language switches do.
LANGUAGE_CHOICES = [("de", "Deutsch"), ("en", "English")]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=Role.OFFICE)
        extra.setdefault("email_confirmed_at", timezone.now())
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Log-in is by e-mail address.

    ``municipality`` is set for the municipal roles; ``municipality_approved_at`` is empty
    while the link waits for the consent of an approved coordinator or of the programme
    office, and until then the person sees nothing of the municipality. The office may
    suspend a link (``municipality_suspended_at``): the person stays linked but sees
    nothing until the office approves again. ``municipality_lead`` marks the lead
    coordinator, at most one per municipality.
    """

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    full_name = models.CharField(_("Name"), max_length=150)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("Kommune"),
    )
    municipality_approved_at = models.DateTimeField(null=True, blank=True)
    municipality_suspended_at = models.DateTimeField(null=True, blank=True)
    municipality_lead = models.BooleanField(_("Federführende Koordination"), default=False)
    language = models.CharField(_("Sprache"), max_length=5, choices=LANGUAGE_CHOICES, default="de")
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    # When the person agreed to the privacy notice (registration or invitation); kept as
    # the proof of consent the GDPR asks for.
    privacy_accepted_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=models.functions.Lower("email")),
                name="user_email_lowercase",
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(municipality_lead=True),
                name="one_lead_coordinator_per_municipality",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} <{self.email}>"

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name

    @property
    def is_office(self) -> bool:
        return self.is_active and self.role == Role.OFFICE

    @property
    def is_reviewer(self) -> bool:
        return self.is_active and self.role == Role.REVIEWER

    @property
    def needs_second_factor(self) -> bool:
        return self.role in SECOND_FACTOR_ROLES

    @property
    def approved_municipality_id(self) -> int | None:
        """The municipality this person may act for, or None while not (yet) approved."""
        if (
            self.role in MUNICIPAL_ROLES
            and self.municipality_approved_at
            and self.municipality_suspended_at is None
        ):
            return self.municipality_id
        return None


def claim_letter_path(instance: "MunicipalityClaim", filename: str) -> str:
    # A random name: the original file name is kept in the claim, never in the path.
    return f"claims/{uuid.uuid4().hex}.pdf"


class MunicipalityClaim(models.Model):
    """A person's claim to act for a municipality that already has records on the
    platform but no approved coordinator. Only the programme office decides it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wartet auf Prüfung")
        APPROVED = "approved", _("Bestätigt")
        REFUSED = "refused", _("Abgelehnt")
        WITHDRAWN = "withdrawn", _("Zurückgezogen")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="municipality_claims")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    function = models.CharField(_("Funktion in der Verwaltung"), max_length=200)
    authority = models.TextField(_("Worauf beruht Ihre Befugnis?"), max_length=2000)
    letter = models.FileField(upload_to=claim_letter_path, blank=True)
    letter_name = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("Begründung"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Anspruch auf eine Kommune")
        verbose_name_plural = _("Ansprüche auf Kommunen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_claim_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.municipality_id} ({self.status})"


class Invitation(models.Model):
    """An invitation by e-mail to one role (and, for municipal roles, one municipality).

    Only a hash of the token is stored; the token itself travels in the e-mail.
    """

    email = models.EmailField(_("E-Mail-Adresse"))
    full_name = models.CharField(_("Name"), max_length=150, blank=True)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    # The office chooses it: the invitation mail is written in it and the new account
    # starts with it.
    language = models.CharField(
        _("Sprache der Einladung"), max_length=5, choices=LANGUAGE_CHOICES, default="de"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    @property
    def is_expired(self) -> bool:
        return self.accepted_at is None and self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        """The link still works: not yet accepted and not expired."""
        return self.accepted_at is None and self.expires_at > timezone.now()


class FailedLogin(models.Model):
    """A failed log-in attempt or wrong second-factor code, counted per account and
    client to throttle guessing (see ``accounts.services.throttling``).

    The account (e-mail address, or the user for the second factor) and the client's IP
    address are kept only as keyed hashes; rows older than the window are deleted.
    """

    account_hash = models.CharField(max_length=64)
    client_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["account_hash", "client_hash", "created_at"],
                name="failedlogin_account_client",
            ),
            models.Index(fields=["account_hash", "created_at"], name="failedlogin_account"),
        ]

    def __str__(self):
        return f"{self.account_hash[:8]}/{self.client_hash[:8]} {self.created_at:%Y-%m-%d %H:%M}"


class MailKind(models.TextChoices):
    """Mails anyone can make us send without logging in, each throttled on its own."""

    PASSWORD_RESET = "password_reset", _("Passwort zurücksetzen")
    REGISTRATION = "registration", _("Registrierung")
    CONFIRMATION_RESEND = "confirmation_resend", _("Bestätigungslink erneut senden")


class MailThrottle(models.Model):
    """One such mail that went out, counted per address and per client to stop anyone
    from flooding a mailbox (or our mail server's reputation) through the public forms.

    Address and client IP are kept only as keyed hashes (see
    ``accounts.services.mail_throttle``); rows older than the window are deleted.
    """

    kind = models.CharField(max_length=20, choices=MailKind.choices)
    email_hash = models.CharField(max_length=64)
    ip_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["email_hash", "kind", "created_at"], name="mailthrottle_email_idx"
            ),
            models.Index(fields=["ip_hash", "created_at"], name="mailthrottle_ip_idx"),
        ]

    def __str__(self):
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"
