"""Selection of the model municipalities: rules, assistant runs, the decision, letters.

The rules are edited by the office per call; every run of the assistant is stored with
exactly what the solver was given and what it answered, and never changed afterwards.
A decision starts from one run's cohort; manual changes keep the run's proposal next to
the final outcome, with a reason and an author.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import CreatedRecord


class OutcomeKind(models.TextChoices):
    SELECTED = "selected", _("ausgewählt")
    WAITING = "waiting", _("Warteliste")
    NOT_SELECTED = "not_selected", _("nicht ausgewählt")
    # Screened out by the office ("formal nicht geeignet"): gets its own letter, which
    # gives the screening's reason instead of the competition for places.
    INELIGIBLE = "ineligible", _("formal nicht geeignet")


OUTCOME_KINDS = [kind.value for kind in OutcomeKind]


class SelectionRules(models.Model):
    """The rules the assistant applies to one call; group limits and fixed applications
    hang off it (``group_limits``, ``overrides``)."""

    call = models.OneToOneField(
        "calls.Call", on_delete=models.CASCADE, related_name="selection_rules"
    )
    places = models.PositiveSmallIntegerField(_("Anzahl der Plätze"))
    max_per_land = models.PositiveSmallIntegerField(_("Höchstens je Land"), null=True, blank=True)
    cover_needs = models.BooleanField(_("Alle genannten Schwerpunkte abdecken"), default=False)
    diversity_weight = models.DecimalField(
        _("Gewicht der Vielfalt"), max_digits=3, decimal_places=2, default=Decimal("0")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Auswahlregeln")
        verbose_name_plural = _("Auswahlregeln")
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gte=1), name="rules_places_positive"),
            models.CheckConstraint(
                condition=models.Q(max_per_land__isnull=True) | models.Q(max_per_land__gte=1),
                name="rules_max_per_land_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(diversity_weight__gte=0, diversity_weight__lte=1),
                name="rules_weight_between_0_and_1",
            ),
        ]

    def __str__(self):
        return f"{self.call}: {self.places}"


class GroupLimit(models.Model):
    """At least / at most so many selected from one group (e.g. ``size:small``)."""

    rules = models.ForeignKey(SelectionRules, on_delete=models.CASCADE, related_name="group_limits")
    group = models.CharField(_("Gruppe"), max_length=30)
    minimum = models.PositiveSmallIntegerField(_("mindestens"), null=True, blank=True)
    maximum = models.PositiveSmallIntegerField(_("höchstens"), null=True, blank=True)

    class Meta:
        ordering = ["rules", "group"]
        constraints = [
            models.UniqueConstraint(fields=["rules", "group"], name="group_limit_unique"),
            models.CheckConstraint(
                condition=models.Q(minimum__isnull=False) | models.Q(maximum__isnull=False),
                name="group_limit_not_empty",
            ),
            models.CheckConstraint(
                condition=models.Q(minimum__isnull=True)
                | models.Q(maximum__isnull=True)
                | models.Q(minimum__lte=models.F("maximum")),
                name="group_limit_min_not_above_max",
            ),
        ]

    def __str__(self):
        return f"{self.group}: {self.minimum}–{self.maximum}"


class RuleOverride(CreatedRecord):
    """An application the office fixes in or out of the cohort, with its reason."""

    class Kind(models.TextChoices):
        MUST_IN = "in", _("muss in die Auswahl")
        MUST_OUT = "out", _("bleibt außerhalb der Auswahl")

    rules = models.ForeignKey(SelectionRules, on_delete=models.CASCADE, related_name="overrides")
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Bewerbung"),
    )
    kind = models.CharField(_("Festlegung"), max_length=3, choices=Kind.choices)
    reason = models.TextField(_("Begründung"))

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rules", "application"], name="override_unique"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="override_has_reason"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["in", "out"]), name="override_kind"
            ),
        ]

    def __str__(self):
        return f"{self.application_id}: {self.kind}"


# One check (a re-solve) takes seconds even on the whole register; ten minutes without
# progress means the worker that ran it is gone.
EXPLANATION_STALLED_AFTER = dt.timedelta(minutes=10)


class SelectionRun(models.Model):
    """One run of the assistant, stored exactly: the solver's inputs and its result.

    A run is a record for the funder and is never changed once saved; the run page is
    drawn from ``inputs`` and ``result`` alone, so it looks the same years later.

    One exception: the explanations that need solving again are computed after the run is
    stored, in the background (``selection.tasks``), and written into ``result`` once;
    ``explanation_status`` and the progress fields follow that work. ``explanation_attempt``
    counts the starts, so that only the latest start may write; a start that stops
    reporting progress counts as failed after ``EXPLANATION_STALLED_AFTER`` and may be
    started again.
    """

    class Status(models.TextChoices):
        OPTIMAL = "optimal", _("optimal")
        INFEASIBLE = "infeasible", _("nicht erfüllbar")

    class ExplanationStatus(models.TextChoices):
        PENDING = "pending", _("wartet auf die Berechnung")
        RUNNING = "running", _("wird berechnet")
        DONE = "done", _("berechnet")
        FAILED = "failed", _("fehlgeschlagen")

    call = models.ForeignKey("calls.Call", on_delete=models.PROTECT, related_name="selection_runs")
    created_at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Gestartet von"),
    )
    inputs = models.JSONField()
    result = models.JSONField()
    status = models.CharField(_("Ergebnis"), max_length=12, choices=Status.choices)
    objective = models.DecimalField(_("Summe der Bewertungen"), max_digits=10, decimal_places=2)
    top_objective = models.DecimalField(
        _("Summe der besten nach Bewertung"), max_digits=10, decimal_places=2
    )
    seconds = models.DecimalField(_("Rechenzeit in Sekunden"), max_digits=8, decimal_places=3)
    explanation_status = models.CharField(
        _("Stand der Begründung"),
        max_length=10,
        choices=ExplanationStatus.choices,
        default=ExplanationStatus.PENDING,
    )
    explanation_done = models.PositiveIntegerField(_("Erledigte Prüfungen"), default=0)
    explanation_total = models.PositiveIntegerField(_("Prüfungen insgesamt"), default=0)
    # The type of the exception only: its message may name applications.
    explanation_error = models.CharField(_("Fehlerart"), max_length=100, blank=True)
    explanation_attempt = models.PositiveIntegerField(default=0)
    # When the running computation last reported progress: a start that stops reporting
    # (its worker was stopped) counts as failed after EXPLANATION_STALLED_AFTER.
    explanation_progress_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Lauf des Auswahlassistenten")
        verbose_name_plural = _("Läufe des Auswahlassistenten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["optimal", "infeasible"]), name="run_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(explanation_status__in=["pending", "running", "done", "failed"]),
                name="run_explanation_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.call} – {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A selection run is a record and cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def explanation_is_stalled(self) -> bool:
        """Running, but without progress for so long that its worker must be gone."""
        return (
            self.explanation_status == self.ExplanationStatus.RUNNING
            and self.explanation_progress_at is not None
            and self.explanation_progress_at < timezone.now() - EXPLANATION_STALLED_AFTER
        )

    @property
    def explanation_is_active(self) -> bool:
        if self.explanation_status == self.ExplanationStatus.PENDING:
            return True
        return self.explanation_status == self.ExplanationStatus.RUNNING and not (
            self.explanation_is_stalled
        )

    @property
    def explanation_failed(self) -> bool:
        """Failed, or stalled: either way the office may start it again."""
        return self.explanation_status == self.ExplanationStatus.FAILED or (
            self.explanation_is_stalled
        )


class Decision(models.Model):
    """The office's decision for a call, started from one run's cohort."""

    call = models.OneToOneField(
        "calls.Call", on_delete=models.PROTECT, related_name="selection_decision"
    )
    run = models.ForeignKey(SelectionRun, on_delete=models.PROTECT, related_name="decisions")
    adopted_at = models.DateTimeField(default=timezone.now)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    released_at = models.DateTimeField(_("Freigegeben am"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Auswahlentscheidung")
        verbose_name_plural = _("Auswahlentscheidungen")

    def __str__(self):
        return str(self.call)

    @property
    def is_released(self) -> bool:
        return self.released_at is not None


def _rank_matches_kind(prefix: str) -> models.Q:
    waiting = models.Q(**{f"{prefix}kind": "waiting", f"{prefix}rank__isnull": False})
    other = ~models.Q(**{f"{prefix}kind": "waiting"}) & models.Q(**{f"{prefix}rank__isnull": True})
    return waiting | other


class Outcome(models.Model):
    """What the decision says about one application, next to what the run proposed."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="outcomes")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="selection_outcomes"
    )
    proposed_kind = models.CharField(_("Vorschlag"), max_length=12, choices=OutcomeKind.choices)
    proposed_rank = models.PositiveSmallIntegerField(_("Vorgeschlagener Rang"), null=True)
    kind = models.CharField(_("Ergebnis"), max_length=12, choices=OutcomeKind.choices)
    rank = models.PositiveSmallIntegerField(_("Rang auf der Warteliste"), null=True)
    # The application's review score at the time of the run; None: not reviewed.
    score = models.DecimalField(max_digits=4, decimal_places=2, null=True)
    # False for submitted applications the run did not consider (not found eligible).
    in_run = models.BooleanField(default=True)

    class Meta:
        ordering = ["decision", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "application"], name="outcome_one_per_application"
            ),
            models.CheckConstraint(
                condition=_rank_matches_kind(""), name="outcome_rank_iff_waiting"
            ),
            models.CheckConstraint(
                condition=_rank_matches_kind("proposed_"), name="outcome_proposed_rank_iff_waiting"
            ),
        ]

    def __str__(self):
        return f"{self.application_id}: {self.kind}"

    @property
    def is_changed(self) -> bool:
        return (self.kind, self.rank) != (self.proposed_kind, self.proposed_rank)


class OutcomeChange(models.Model):
    """A manual change of an outcome: from what, to what, why and by whom.

    A record that outlives its outcome: adopting another run replaces the outcomes,
    but the change keeps its call, application and the run it was made on (``outcome``
    becomes empty then).
    """

    outcome = models.ForeignKey(
        Outcome, null=True, on_delete=models.SET_NULL, related_name="changes"
    )
    call = models.ForeignKey("calls.Call", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="+"
    )
    run = models.ForeignKey(SelectionRun, on_delete=models.PROTECT, related_name="+")
    previous_kind = models.CharField(max_length=12, choices=OutcomeKind.choices)
    previous_rank = models.PositiveSmallIntegerField(null=True)
    kind = models.CharField(max_length=12, choices=OutcomeKind.choices)
    rank = models.PositiveSmallIntegerField(null=True)
    reason = models.TextField(_("Begründung"))
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="outcome_change_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.outcome_id}: {self.previous_kind} → {self.kind}"


class LetterTemplate(models.Model):
    """The letter for one outcome of a call, in German and English, with placeholders."""

    call = models.ForeignKey(
        "calls.Call", on_delete=models.CASCADE, related_name="letter_templates"
    )
    outcome = models.CharField(_("Ergebnis"), max_length=12, choices=OutcomeKind.choices)
    subject_de = models.CharField(_("Betreff (Deutsch)"), max_length=200)
    body_de = models.TextField(_("Text (Deutsch)"))
    subject_en = models.CharField(_("Betreff (Englisch)"), max_length=200, blank=True)
    body_en = models.TextField(_("Text (Englisch)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["call", "outcome"]
        verbose_name = _("Briefvorlage")
        verbose_name_plural = _("Briefvorlagen")
        constraints = [
            models.UniqueConstraint(fields=["call", "outcome"], name="letter_template_unique"),
        ]

    def __str__(self):
        return f"{self.call}: {self.get_outcome_display()}"


class LetterDispatch(models.Model):
    """The letter to one application: created at release, claimed and sent once.

    ``sent_at`` is set before sending (the claim), so a task that runs twice, or a
    second release, never mails twice; a failed send, or one that finds no coordinator
    to address, releases the claim again, so the letter stays due until someone can
    receive it. ``resent_at`` is the office's last request to send it again.
    """

    call = models.ForeignKey("calls.Call", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="letter_dispatches"
    )
    outcome = models.CharField(max_length=12, choices=OutcomeKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("Versandt am"), null=True, blank=True)
    recipient_count = models.PositiveSmallIntegerField(_("Empfänger*innen"), default=0)
    resent_at = models.DateTimeField(_("Erneut versandt am"), null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["call", "application"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "application"], name="letter_once_per_application"
            ),
        ]

    def __str__(self):
        return f"{self.application_id}: {self.outcome}"


class CohortPublication(models.Model):
    """The office's announcement of a call's cohort on the public page."""

    call = models.OneToOneField(
        "calls.Call", on_delete=models.CASCADE, related_name="cohort_publication"
    )
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Veröffentlichung der Modellkommunen")
        verbose_name_plural = _("Veröffentlichungen der Modellkommunen")

    def __str__(self):
        return str(self.call)
