"""The local advisory board (lokaler Fachbeirat) of each model municipality."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import DatedActivity


class BoardBasis(models.TextChoices):
    NEW = "new", _("neu gegründet")
    ROUND_TABLE = "round_table", _("bestehender runder Tisch")
    WORKING_GROUP = "working_group", _("bestehende Arbeitsgruppe")


class Board(models.Model):
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    basis = models.CharField(
        _("Grundlage"), max_length=20, choices=BoardBasis.choices, default=BoardBasis.NEW
    )
    existing_body = models.CharField(_("Name des bestehenden Gremiums"), max_length=200, blank=True)
    constituted_on = models.DateField(_("Konstituiert am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Lokaler Fachbeirat")
        verbose_name_plural = _("Lokale Fachbeiräte")
        constraints = [
            models.UniqueConstraint(fields=["call", "municipality"], name="board_once_per_call"),
            models.CheckConstraint(
                condition=models.Q(basis="new") | ~models.Q(existing_body=""),
                name="board_existing_body_named",
            ),
        ]

    def __str__(self):
        return self.name


class BoardMember(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("Name"), max_length=150)
    organisation = models.CharField(_("Organisation"), max_length=200)
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_memberships",
    )
    # The coordinator's latest invitation of this member to an account, so the member
    # list can say whether it is open, expired or accepted.
    invitation = models.ForeignKey(
        "accounts.Invitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("Mitglied des Fachbeirats")
        verbose_name_plural = _("Mitglieder des Fachbeirats")

    def __str__(self):
        return self.full_name


def minutes_path(instance, filename: str) -> str:
    return f"advisory/{instance.board_id}/{uuid.uuid4().hex}.pdf"


class Meeting(DatedActivity):
    """A board meeting. It counts towards the commitment once held and minuted."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    location = models.CharField(_("Ort"), max_length=200, blank=True)
    minutes = models.TextField(_("Protokoll"), blank=True, max_length=20000)
    decisions = models.TextField(_("Beschlüsse"), blank=True, max_length=8000)
    minutes_file = models.FileField(upload_to=minutes_path, blank=True)
    minutes_file_name = models.CharField(max_length=255, blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes_at = models.DateTimeField(null=True, blank=True)

    class Meta(DatedActivity.Meta):
        verbose_name = _("Sitzung des Fachbeirats")
        verbose_name_plural = _("Sitzungen des Fachbeirats")

    def __str__(self):
        return f"{self.board} {self.starts_at:%Y-%m-%d}"

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes.strip() or self.minutes_file)


class Assessment(models.Model):
    """The board's yearly written assessment of the municipality's process."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="assessments")
    year = models.ForeignKey("programme.ProgrammeYear", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("Einschätzung"), max_length=20000)
    submitted_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Einschätzung des Fachbeirats")
        verbose_name_plural = _("Einschätzungen des Fachbeirats")
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="assessment_once_per_year")
        ]

    def __str__(self):
        return f"{self.board} – {self.year}"
