"""Formal screening, review criteria, reviewer assignments and their scores.

A screening exists once the office has decided on an application; until then the
application counts as "Prüfung offen". An assignment is one reviewer's task for one
application and, once filled in, their review: the scores per criterion live in
``Score``, the recommendation and the submission time on the assignment itself.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import localized

MIN_SCORE = 0
MAX_SCORE = 5


class Screening(models.Model):
    """The office's formal check of one submitted application.

    The four check results are kept as they were when the office decided, so the
    record shows what the decision was based on even if answers change later.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Prüfung offen")
        ELIGIBLE = "eligible", _("formal geeignet")
        NOT_ELIGIBLE = "not_eligible", _("formal nicht geeignet")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="screening"
    )
    status = models.CharField(
        _("Ergebnis"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # Only used when the questionnaire has no question "ratsbeschluss": then the office
    # confirms the political backing by hand.
    backing_confirmed = models.BooleanField(
        _("Politischer Rückhalt von der Geschäftsstelle bestätigt"), default=False
    )
    complete = models.BooleanField(_("Vollständig"), null=True)
    backing = models.BooleanField(_("Politischer Rückhalt"), null=True)
    obligations = models.BooleanField(_("Verpflichtungen angenommen"), null=True)
    eligible_kind = models.BooleanField(_("Zulässige Art der Kommune"), null=True)
    reason = models.TextField(_("Begründung"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Formale Prüfung")
        verbose_name_plural = _("Formale Prüfungen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "eligible", "not_eligible"]),
                name="screening_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="not_eligible") | ~models.Q(reason=""),
                name="screening_not_eligible_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(decided_at__isnull=False),
                name="screening_decision_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.application} – {self.get_status_display()}"


class Criterion(models.Model):
    """One criterion of a call's review form, scored 0–5 by every reviewer."""

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="review_criteria")
    position = models.PositiveIntegerField(default=0)
    # Stable name for exports and the selection assistant; labels may be reworded.
    key = models.SlugField(_("Schlüssel"), max_length=60)
    label_de = models.CharField(_("Bezeichnung (Deutsch)"), max_length=200)
    label_en = models.CharField(_("Bezeichnung (Englisch)"), max_length=200, blank=True)
    help_de = models.TextField(_("Erläuterung (Deutsch)"), blank=True, max_length=2000)
    help_en = models.TextField(_("Erläuterung (Englisch)"), blank=True, max_length=2000)

    class Meta:
        ordering = ["call", "position", "id"]
        verbose_name = _("Bewertungskriterium")
        verbose_name_plural = _("Bewertungskriterien")
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="criterion_key_unique_in_call"),
        ]

    def __str__(self):
        return self.label_de

    @property
    def label(self) -> str:
        return localized(self, "label")

    @property
    def help(self) -> str:
        return localized(self, "help")


class Assignment(models.Model):
    """A reviewer's task to review one application, and the review they write.

    A reviewer who declares a conflict of interest keeps the row (with the reason), so
    that they are never assigned to that application again; they count as removed.
    """

    class Recommendation(models.TextChoices):
        YES = "yes", _("Ja")
        MAYBE = "maybe", _("Vielleicht")
        NO = "no", _("Nein")

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="review_assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_assignments",
        verbose_name=_("Gutachter*in"),
    )
    due_date = models.DateField(_("Frist"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("Zugewiesen am"), auto_now_add=True)
    last_reminded_at = models.DateTimeField(_("Zuletzt erinnert am"), null=True, blank=True)
    conflict_declared_at = models.DateTimeField(
        _("Interessenkonflikt erklärt am"), null=True, blank=True
    )
    conflict_reason = models.TextField(_("Grund des Interessenkonflikts"), blank=True)
    recommendation = models.CharField(
        _("Empfehlung"), max_length=10, choices=Recommendation.choices, blank=True
    )
    submitted_at = models.DateTimeField(_("Abgegeben am"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("Begutachtung")
        verbose_name_plural = _("Begutachtungen")
        indexes = [
            models.Index(fields=["reviewer", "submitted_at"], name="assignment_reviewer_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_assignment_per_reviewer"
            ),
            models.CheckConstraint(
                condition=models.Q(recommendation__in=["", "yes", "maybe", "no"]),
                name="assignment_recommendation_known",
            ),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True) | ~models.Q(recommendation=""),
                name="submitted_review_has_recommendation",
            ),
            models.CheckConstraint(
                condition=models.Q(conflict_declared_at__isnull=True)
                | ~models.Q(conflict_reason=""),
                name="declared_conflict_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(conflict_declared_at__isnull=True)
                | models.Q(submitted_at__isnull=True),
                name="submitted_review_has_no_conflict",
            ),
        ]

    def __str__(self):
        return f"{self.application} – {self.reviewer.full_name}"

    @property
    def is_active(self) -> bool:
        return self.conflict_declared_at is None

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    """One reviewer's score (0–5) and comment for one criterion.

    The score may be empty while the review is a draft; submission requires all.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    # Criteria with scores of submitted reviews are never deleted (see the services).
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("Punkte"), null=True, blank=True)
    comment = models.TextField(_("Kommentar"), blank=True, max_length=2000)

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="one_score_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | models.Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE),
                name="score_between_0_and_5",
            ),
        ]

    def __str__(self):
        return f"{self.assignment_id}/{self.criterion.key}: {self.score}"
