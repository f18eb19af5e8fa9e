"""Events of the programme and the registrations for them.

A registration holds personal data only until the event's retention time has passed;
then the personal fields are blanked and the row stays, so counts (per status, per day
and per municipality) still add up.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

BERLIN = ZoneInfo("Europe/Berlin")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Alle")
    MODEL_MUNICIPALITIES = "model_municipalities", _("Modellkommunen")
    NETWORK_MEMBERS = "network_members", _("Mitglieder des Netzwerks")
    INVITED = "invited", _("Nur Eingeladene")


class Event(models.Model):
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_online = models.BooleanField(_("Online-Veranstaltung"), default=False)
    join_link = models.URLField(
        _("Zugangslink"),
        blank=True,
        help_text=_("Wird nur bestätigten Angemeldeten gezeigt."),
    )
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    address = models.TextField(_("Adresse"), blank=True)
    audience = models.CharField(
        _("Zielgruppe"), max_length=30, choices=Audience.choices, default=Audience.EVERYONE
    )
    capacity = models.PositiveIntegerField(_("Plätze"))
    registration_deadline = models.DateTimeField(_("Anmeldeschluss"))
    needs_approval = models.BooleanField(_("Anmeldungen müssen bestätigt werden"), default=False)
    retention_months = models.PositiveSmallIntegerField(
        _("Aufbewahrung der Anmeldedaten (Monate nach der Veranstaltung)"), default=6
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("Frist für Nachrückende (Stunden)"), default=48
    )
    demo_key = models.CharField(max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # NULL: a draft, seen by the office alone; the office publishes it explicitly.
    published_at = models.DateTimeField(
        _("Veröffentlicht am"), null=True, blank=True, editable=False
    )
    cancelled_at = models.DateTimeField(_("Abgesagt am"), null=True, blank=True, editable=False)
    cancellation_message = models.TextField(_("Nachricht zur Absage"), blank=True, editable=False)

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["registration_deadline", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.published_at is None

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def takes_registrations(self) -> bool:
        return self.published_at is not None and self.cancelled_at is None

    def location_text(self) -> str:
        """Where the event takes place on one line: a multi-line address (typed into a
        text area, so with CR LF) joins its lines with commas, for mails and calendars."""
        if self.is_online:
            return str(_("Online"))
        lines = [self.place, *self.address.splitlines()]
        return ", ".join(line.strip() for line in lines if line.strip())


class EventDay(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("Datum"))
    start_time = models.TimeField(_("Beginn"))
    end_time = models.TimeField(_("Ende"))

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("Veranstaltungstag")
        verbose_name_plural = _("Veranstaltungstage")

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start_time, tzinfo=BERLIN)

    @property
    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.end_time, tzinfo=BERLIN)


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Freitext")
    CHOICE = "choice", _("Auswahl")


class RegistrationQuestion(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("Frage"), max_length=200)
    kind = models.CharField(
        _("Art"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.TextField(
        _("Antwortmöglichkeiten"), blank=True, help_text=_("Eine je Zeile, nur bei „Auswahl“.")
    )
    required = models.BooleanField(_("Pflichtangabe"), default=False)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Status(models.TextChoices):
    # Registered without an account (or for another address): the address is confirmed
    # by the link in the first mail before the registration counts.
    AWAITING_EMAIL = "awaiting_email", _("Wartet auf Bestätigung der E-Mail-Adresse")
    # Replaced by a newer registration of the same address before it was confirmed.
    UNCONFIRMED = "unconfirmed", _("Nicht bestätigt")
    CONFIRMED = "confirmed", _("Bestätigt")
    WAITING = "waiting", _("Warteliste")
    PENDING_APPROVAL = "pending_approval", _("Wartet auf Freigabe")
    OFFERED = "offered", _("Platz angeboten")
    CANCELLED = "cancelled", _("Abgesagt")


# Statuses that hold one of the event's places (an unconfirmed registration holds one
# only until its ``hold_expires_at``).
HOLDS_PLACE = (Status.CONFIRMED, Status.PENDING_APPROVAL, Status.OFFERED)
# Statuses that leave the address free for another registration to the same event.
INACTIVE = (Status.CANCELLED, Status.UNCONFIRMED)


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    name = models.CharField(_("Name"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("Kommune"),
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    waiting_position = models.PositiveIntegerField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    # An unconfirmed registration holds a place until then (NULL: it holds none).
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    # Keyed hash of the client address of an unconfirmed registration, for the limit per
    # client; blanked once the limit's window has passed. ``client_burst`` is what stays:
    # how many registrations came from the same client within the window.
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    client_burst = models.PositiveSmallIntegerField(default=0, editable=False)
    # Only the hash of the personal link's token; the token itself is only in the e-mail.
    # NULL once anonymised: many rows without a token must not collide on uniqueness.
    token_hash = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    answers = models.JSONField(default=dict, blank=True)
    # Why the office cancelled the registration (told to the person in the mail).
    cancel_reason = models.TextField(_("Grund der Absage"), blank=True, editable=False)
    days = models.ManyToManyField(EventDay, blank=True, related_name="registrations")
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # A second submission of the same address is refused, not booked twice.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status__in=["cancelled", "unconfirmed"]) & ~Q(email=""),
                name="event_registration_once_per_email",
            ),
        ]
        indexes = [
            # The limits per client and per address count recent rows.
            models.Index(fields=["client_hash", "created_at"], name="event_reg_client_idx"),
            models.Index(fields=["email", "created_at"], name="event_reg_email_idx"),
        ]

    def __str__(self):
        # No name: the audit log keeps this label after the registration is anonymised.
        return f"{self.event} – #{self.pk}"


class Attendance(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    day = models.ForeignKey(
        EventDay, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("Tag")
    )
    checked_in_at = models.DateTimeField(_("Eingecheckt um"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="attendance_once_per_day")
        ]

    def __str__(self):
        return f"{self.registration} – {self.day}"


class Invitation(models.Model):
    """A personal invitation to an event for the audience "invited only".

    The link in the e-mail carries a secret token of which only the hash is kept; it
    leads to a registration form without an account and can be used for one registration.
    Name and address are blanked with the event's registrations once retention ends.
    """

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="invitations")
    name = models.CharField(_("Name"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    # NULL before the first mail and once withdrawn or anonymised: the link then leads nowhere.
    token_hash = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    registration = models.OneToOneField(
        Registration,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(withdrawn_at__isnull=True) & ~Q(email=""),
                name="event_invitation_once_per_email",
            ),
        ]

    def __str__(self):
        # No name or address: the audit log keeps this label after anonymisation.
        return f"{self.event} – Einladung #{self.pk}"


class CalendarFeed(models.Model):
    """A person's secret calendar address; only its hash is stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.user)
