import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import CreatedRecord


class Application(CreatedRecord):
    """A municipality's application to one call. One per municipality and call."""

    # The programme office may keep internal notes on it (core.notes).
    office_notes = True

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("Eingereicht")
        WITHDRAWN = "withdrawn", _("Zurückgezogen")

    call = models.ForeignKey("calls.Call", on_delete=models.PROTECT, related_name="applications")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("Kommune"),
    )
    version = models.ForeignKey(
        "calls.QuestionnaireVersion", on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    reference = models.CharField(_("Aktenzeichen"), max_length=30, unique=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("Eingereicht am"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("Zurückgezogen am"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # When a submission was last refused for missing or unmet answers: from then on the
    # sections show those errors at their fields, on every visit.
    submit_refused_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Bewerbung")
        verbose_name_plural = _("Bewerbungen")
        indexes = [
            # The office's counts, filters and statistics per call and status, and its
            # default sort (newest submissions first within a call).
            models.Index(fields=["call", "status"], name="application_call_status_idx"),
            models.Index(fields=["call", "submitted_at"], name="application_call_submitted_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "municipality"], name="one_application_per_municipality_and_call"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(submitted_at__isnull=False),
                name="submitted_application_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.reference} – {self.municipality}"


def upload_path(instance: "Answer", filename: str) -> str:
    # A random name: the original file name is kept in the answer, never in the path.
    return f"applications/{instance.application_id}/{uuid.uuid4().hex}.pdf"


class Answer(models.Model):
    """The answer to one question. ``value`` holds text, number, list or date as JSON."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("calls.Question", on_delete=models.PROTECT, related_name="+")
    value = models.JSONField(null=True, blank=True)
    file = models.FileField(upload_to=upload_path, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_size = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question"], name="one_answer_per_question"
            ),
        ]

    def __str__(self):
        return f"{self.application_id}/{self.question_id}"


def application_reference(*, call_id: int, municipality_key: str) -> str:
    """The Aktenzeichen: unique per call and municipality, readable on the phone."""
    return f"KFA-{call_id:03d}-{municipality_key}"
