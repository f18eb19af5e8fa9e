"""The recommendations document ("Handlungsempfehlungen"), its versions and their text.

Chapters, recommendations and paragraphs carry a ``key`` that a copy into the next
version keeps: comments, field tests and the comparison of two versions follow a
paragraph by its key, whatever its position or wording becomes.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import BilingualTitle
from trainings.models import TrainingModule


class Document(BilingualTitle):
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title_de"]
        verbose_name = _("Empfehlungsdokument")
        verbose_name_plural = _("Empfehlungsdokumente")


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    FROZEN = "frozen", _("eingefroren")
    PUBLISHED = "published", _("veröffentlicht")


class Version(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    sequence = models.PositiveIntegerField(_("Laufende Nummer"))
    label = models.CharField(_("Bezeichnung"), max_length=40)
    state = models.CharField(
        _("Stand"), max_length=20, choices=VersionState.choices, default=VersionState.DRAFT
    )
    changelog = models.TextField(_("Was sich geändert hat"), blank=True, max_length=8000)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="successors"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    frozen_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "-sequence"]
        verbose_name = _("Fassung der Empfehlungen")
        verbose_name_plural = _("Fassungen der Empfehlungen")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "sequence"], name="recommendations_version_sequence_unique"
            ),
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(state="draft"),
                name="recommendations_one_draft_per_document",
            ),
            models.CheckConstraint(
                condition=models.Q(state="draft") | models.Q(frozen_at__isnull=False),
                name="recommendations_version_frozen_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.document} – {self.label}"

    @property
    def is_draft(self) -> bool:
        return self.state == VersionState.DRAFT


class Chapter(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="chapters")
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveIntegerField()
    title = models.CharField(_("Titel"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("Kapitel")
        verbose_name_plural = _("Kapitel")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="recommendations_chapter_key"),
        ]

    def __str__(self):
        return self.title

    @property
    def anchor(self) -> str:
        return f"kapitel-{self.key}"


class FieldOfAction(models.Model):
    """A Handlungsfeld; a small fixed list kept as rows so that filters and counts can
    join it."""

    code = models.SlugField(max_length=40, unique=True)

    class Code(models.TextChoices):
        CITIZEN_SERVICES = "buergerservice", _("Bürgerservice")
        STAFF = "personal", _("Personal")
        PUBLIC_ORDER = "aufsicht-ordnung", _("Aufsicht und Ordnung")
        SOCIAL = "soziales", _("Soziale Leistungen")
        EDUCATION = "bildung", _("Bildung und Jugend")
        COMMUNICATION = "kommunikation", _("Kommunikation und Beschwerden")

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    code__in=[
                        "buergerservice",
                        "personal",
                        "aufsicht-ordnung",
                        "soziales",
                        "bildung",
                        "kommunikation",
                    ]
                ),
                name="recommendations_field_of_action_known",
            )
        ]

    def __str__(self):
        return str(self.Code(self.code).label)


class Department(models.Model):
    """A department (Amt) of a municipal administration a recommendation concerns."""

    code = models.SlugField(max_length=40, unique=True)

    class Code(models.TextChoices):
        CITIZENS_OFFICE = "buergeramt", _("Bürgeramt")
        FOREIGNERS_OFFICE = "auslaenderbehoerde", _("Ausländerbehörde")
        JOBCENTER = "jobcenter", _("Jobcenter")
        YOUTH = "jugendamt", _("Jugendamt")
        STAFF = "personal", _("Personal")
        PUBLIC_ORDER = "ordnungsamt", _("Ordnungsamt")
        SCHOOL = "schule", _("Schule")
        SOCIAL = "sozialamt", _("Sozialamt")

    class Meta:
        verbose_name = _("Fachbereich")
        verbose_name_plural = _("Fachbereiche")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    code__in=[
                        "buergeramt",
                        "auslaenderbehoerde",
                        "jobcenter",
                        "jugendamt",
                        "personal",
                        "ordnungsamt",
                        "schule",
                        "sozialamt",
                    ]
                ),
                name="recommendations_department_known",
            )
        ]

    def __str__(self):
        return str(self.Code(self.code).label)


class Recommendation(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="recommendations")
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="recommendations")
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveIntegerField()
    title = models.CharField(_("Titel"), max_length=300)
    rationale = models.TextField(_("Begründung"), blank=True, max_length=8000)
    fields_of_action = models.ManyToManyField(
        FieldOfAction, blank=True, related_name="+", verbose_name=_("Handlungsfelder")
    )
    departments = models.ManyToManyField(
        Department, blank=True, related_name="+", verbose_name=_("Fachbereiche")
    )
    training_modules = models.ManyToManyField(
        TrainingModule, blank=True, related_name="+", verbose_name=_("Schulungsmodule")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "chapter__position", "position"]
        verbose_name = _("Handlungsempfehlung")
        verbose_name_plural = _("Handlungsempfehlungen")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"], name="recommendations_recommendation_key"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def number(self) -> str:
        """ "2.3": the third recommendation of the second chapter (positions count from 1)."""
        return f"{self.chapter.position}.{self.position}"

    @property
    def anchor(self) -> str:
        return f"empfehlung-{self.key}"


class Paragraph(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="paragraphs"
    )
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveIntegerField()
    text = models.TextField(_("Text"), max_length=8000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "position"]
        verbose_name = _("Absatz")
        verbose_name_plural = _("Absätze")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "key"], name="recommendations_paragraph_key"
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def anchor(self) -> str:
        return f"absatz-{self.key}"
