"""ECCAR's training modules, the sessions model municipalities hold, and feedback.

A module keeps its identity across versions; each version carries the content the
office publishes. Sessions and feedback belong to the version that was used, so the
office can read feedback per version before publishing the next one.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import CreatedRecord, UploadedDocument
from programme.models import MunicipalActivity


class TrainingModule(models.Model):
    code = models.SlugField(_("Kurzzeichen"), max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("Schulungsmodul")
        verbose_name_plural = _("Schulungsmodule")

    def __str__(self):
        return self.code


class ModuleFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in Präsenz")
    ONLINE = "online", _("online")
    BLENDED = "blended", _("kombiniert (Blended Learning)")


class ModuleStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PILOT = "pilot", _("Erprobung")
    STANDARDISED = "standardised", _("standardisiert")


class ModuleVersion(CreatedRecord):
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("Version"))
    title = models.CharField(_("Titel"), max_length=200)
    aims = models.TextField(_("Ziele"), max_length=4000)
    target_group = models.CharField(_("Zielgruppe"), max_length=300)
    duration_minutes = models.PositiveSmallIntegerField(_("Dauer in Minuten"))
    format = models.CharField(_("Format"), max_length=20, choices=ModuleFormat.choices)
    status = models.CharField(
        _("Stand"), max_length=20, choices=ModuleStatus.choices, default=ModuleStatus.DRAFT
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="module_versions",
        verbose_name=_("Trainer*innen"),
    )
    change_note = models.TextField(_("Was sich geändert hat"), blank=True, max_length=4000)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["module", "-number"]
        verbose_name = _("Modulversion")
        verbose_name_plural = _("Modulversionen")
        constraints = [
            models.UniqueConstraint(fields=["module", "number"], name="module_version_unique"),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1), name="module_duration_positive"
            ),
        ]

    def __str__(self):
        return f"{self.title} (Version {self.number})"


def material_path(instance: "ModuleMaterial", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"trainings/materials/{uuid.uuid4().hex}.{suffix[:5]}"


class ModuleMaterial(UploadedDocument):
    version = models.ForeignKey(ModuleVersion, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to=material_path)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("Material")
        verbose_name_plural = _("Materialien")


def evidence_path(instance, filename: str) -> str:
    return f"trainings/sessions/{instance.municipality_id}/{uuid.uuid4().hex}.pdf"


class TrainingSession(MunicipalActivity):
    """A session of one module version in one model municipality.

    It counts towards the municipality's commitment once ``status`` is held; no names of
    participants are stored, only their number and the departments reached.
    """

    module_version = models.ForeignKey(
        ModuleVersion,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("Modul"),
    )
    online = models.BooleanField(_("online"), default=False)
    location = models.CharField(_("Ort"), max_length=200, blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_sessions",
        verbose_name=_("Trainer*in"),
    )
    participants = models.PositiveIntegerField(_("Zahl der Teilnehmenden"), null=True, blank=True)
    departments = models.TextField(_("Erreichte Fachbereiche"), blank=True, max_length=2000)
    agenda = models.FileField(upload_to=evidence_path, blank=True)
    agenda_name = models.CharField(max_length=255, blank=True)
    attendance = models.FileField(upload_to=evidence_path, blank=True)
    attendance_name = models.CharField(max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(MunicipalActivity.Meta):
        verbose_name = _("Schulungstermin")
        verbose_name_plural = _("Schulungstermine")

    def __str__(self):
        return f"{self.module_version.title} {self.starts_at:%Y-%m-%d}"


class Suitability(models.TextChoices):
    READY = "ready", _("bereit zur Standardisierung")
    AFTER_CHANGES = "after_changes", _("nach Änderungen geeignet")
    NOT_YET = "not_yet", _("noch nicht geeignet")


class FeedbackSource(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommune")
    TRAINER = "trainer", _("Trainer*in")


class SessionFeedback(models.Model):
    """Structured feedback on a held session: one from the municipality, one from the
    trainer."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="feedback")
    source = models.CharField(max_length=20, choices=FeedbackSource.choices)
    what_worked = models.TextField(_("Was hat gut funktioniert?"), max_length=4000)
    what_to_change = models.TextField(_("Was sollte sich ändern?"), max_length=4000)
    suitability = models.CharField(
        _("Eignung für die Standardisierung"), max_length=20, choices=Suitability.choices
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        constraints = [
            models.UniqueConstraint(fields=["session", "source"], name="feedback_once_per_source")
        ]

    def __str__(self):
        return f"{self.session_id} ({self.source})"
