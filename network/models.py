"""The network of staff with migration history (special-category data, Art. 9 GDPR).

A membership reveals a person's migration history. It is stored only with the person's
own explicit consent, holds nothing about origin, and is deleted at once (with the
person's workshop sign-ups) when they leave. Who sees what is decided in
``network.selectors``: members and network coordinators see names; everyone else sees
at most counts of five or more.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import UploadedDocument
from programme.models import MunicipalActivity

# No group smaller than this is counted to anyone outside the network.
ANONYMITY_THRESHOLD = 5


class NetworkCoordinator(models.Model):
    """A person the office named to coordinate the network; sees the member list."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_coordinator"
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    appointed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Netzwerkkoordination")
        verbose_name_plural = _("Netzwerkkoordination")

    def __str__(self):
        return str(self.user)


class Membership(models.Model):
    """One person's membership. ``consent_version`` names the consent text they agreed to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_membership"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    full_name = models.CharField(_("Name"), max_length=150)
    email = models.EmailField(_("E-Mail-Adresse"))
    department = models.CharField(_("Fachbereich (freiwillig)"), max_length=200, blank=True)
    # A separate, revocable choice: without it other members see "ein Mitglied aus <Land>".
    show_name = models.BooleanField(_("Name anderen Mitgliedern zeigen"), default=False)
    consent_version = models.CharField(max_length=20)
    consented_at = models.DateTimeField()

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("Mitgliedschaft im Netzwerk")
        verbose_name_plural = _("Mitgliedschaften im Netzwerk")

    def __str__(self):
        return self.full_name


class WorkshopFormat(models.TextChoices):
    EMPOWERMENT = "empowerment", _("Empowerment")
    REPRESENTATION = "representation", _("Repräsentationslücken schließen")
    WORKPLACE = "workplace", _("Diskriminierungsfreier Arbeitsplatz")


class Workshop(MunicipalActivity):
    """An empowerment workshop, local to one model municipality or national (no
    municipality). Held local workshops count towards that municipality's commitment."""

    # Unlike the other activities, a national workshop belongs to no municipality.
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    format = models.CharField(_("Format"), max_length=20, choices=WorkshopFormat.choices)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=4000)
    online = models.BooleanField(_("online"), default=False)
    location = models.CharField(_("Ort"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("Plätze"), null=True, blank=True)

    class Meta(MunicipalActivity.Meta):
        verbose_name = _("Empowerment-Workshop")
        verbose_name_plural = _("Empowerment-Workshops")

    def __str__(self):
        return self.title


class WorkshopSignup(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="signups")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="signups")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workshop", "membership"], name="workshop_signup_once")
        ]

    def __str__(self):
        return f"{self.workshop_id}/{self.membership_id}"


class Announcement(models.Model):
    """A message in the members' closed space."""

    title = models.CharField(_("Titel"), max_length=200)
    body = models.TextField(_("Text"), max_length=8000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Mitteilung")
        verbose_name_plural = _("Mitteilungen")

    def __str__(self):
        return self.title


def shared_document_path(instance, filename: str) -> str:
    return f"network/{uuid.uuid4().hex}.pdf"


class SharedDocument(UploadedDocument):
    """A document shared in the members' closed space."""

    file = models.FileField(upload_to=shared_document_path)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("Dokument des Netzwerks")
        verbose_name_plural = _("Dokumente des Netzwerks")


class CountSnapshot(models.Model):
    """The member counts of one cohort as published for one month.

    Pages and exports outside the network show only the latest snapshot, never live
    counts: an observer who polls after every join or leave sees nothing move within a
    month. Only published values are stored (see ``network.anonymity.publish``): bands of
    five, nothing below the threshold, and a total only where no count is hidden.
    """

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    period = models.DateField(_("Monat"))  # the first day of the month
    published_at = models.DateTimeField()
    total = models.PositiveIntegerField(null=True)

    class Meta:
        ordering = ["-period", "-pk"]
        verbose_name = _("Veröffentlichte Mitgliederzahlen")
        verbose_name_plural = _("Veröffentlichte Mitgliederzahlen")
        constraints = [
            models.UniqueConstraint(fields=["call", "period"], name="network_snapshot_once"),
            models.CheckConstraint(
                condition=models.Q(total__isnull=True) | models.Q(total__gte=ANONYMITY_THRESHOLD),
                name="network_snapshot_total_not_small",
            ),
        ]

    def __str__(self):
        return f"{self.call_id} {self.period:%Y-%m}"


class CountSnapshotRow(models.Model):
    """One municipality's published count: the lower end of its band of five, or None
    below the threshold."""

    snapshot = models.ForeignKey(CountSnapshot, on_delete=models.CASCADE, related_name="rows")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    count = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "municipality"], name="network_snapshot_row_once"
            ),
            models.CheckConstraint(
                condition=models.Q(count__isnull=True) | models.Q(count__gte=ANONYMITY_THRESHOLD),
                name="network_snapshot_count_not_small",
            ),
        ]

    def __str__(self):
        return f"{self.snapshot_id}/{self.municipality_id}"
