"""The three programme years of a cohort, what every model municipality has promised for
them, and what the municipalities record that is not a session, a workshop or a board
meeting (documents and evaluation dates), on the bases that sessions and workshops share.

Actual values are never typed in: ``progress.status`` counts them from the records.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import CreatedRecord, DatedActivity


class ProgrammeYear(models.Model):
    """One programme year of a call's cohort; the office sets its dates."""

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="programme_years")
    number = models.PositiveSmallIntegerField(_("Programmjahr"))
    starts_on = models.DateField(_("Beginn"))
    ends_on = models.DateField(_("Ende"))

    class Meta:
        ordering = ["call", "number"]
        verbose_name = _("Programmjahr")
        verbose_name_plural = _("Programmjahre")
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="programme_year_unique"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_year_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=10),
                name="programme_year_number_range",
            ),
        ]

    def __str__(self):
        return f"{self.number}. Programmjahr ({self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y})"


class CommitmentKind(models.TextChoices):
    """What a commitment counts. Each kind has exactly one source of evidence."""

    TRAINING_SESSIONS = "training_sessions", _("Schulungsmodule durchgeführt")
    EMPOWERMENT_WORKSHOPS = "empowerment_workshops", _("Empowerment-Workshops durchgeführt")
    BOARD_MEETINGS = "board_meetings", _("Sitzungen des lokalen Fachbeirats mit Protokoll")
    BOARD_ASSESSMENT = "board_assessment", _("Schriftliche Einschätzung des Fachbeirats")
    EVALUATION = "evaluation", _("Beschäftigte für die Evaluation freigestellt")
    POLITICAL_BACKING = "political_backing", _("Politische Rückendeckung dokumentiert")
    INTERNAL_VISIBILITY = "internal_visibility", _("Prozess intern sichtbar gemacht")
    EXPERIENCE_SHARING = "experience_sharing", _("Erfahrungen mit anderen Kommunen geteilt")
    FIELD_TESTS = "field_tests", _("Schulungen und Empfehlungen erproben")


class Commitment(models.Model):
    """A promise every model municipality of the cohort makes, with its yearly target.

    ``once`` commitments (political backing) are met for good once recorded and are due by
    the end of the first programme year.
    """

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="commitments")
    kind = models.CharField(_("Art"), max_length=40, choices=CommitmentKind.choices)
    title = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.TextField(_("Erläuterung"), blank=True)
    target = models.PositiveSmallIntegerField(_("Ziel je Programmjahr"))
    once = models.BooleanField(_("Einmalig im Programm"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("Zusage")
        verbose_name_plural = _("Zusagen")
        constraints = [
            models.UniqueConstraint(fields=["call", "kind"], name="commitment_kind_once_per_call"),
            models.CheckConstraint(condition=models.Q(target__gte=1), name="commitment_target_min"),
        ]

    def __str__(self):
        return self.title


class MunicipalRecord(CreatedRecord):
    """Something a model municipality records for its cohort, and who recorded it.

    Training sessions and workshops build on it too, so it lives here, in the app the
    trainings and network apps stand on.
    """

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class MunicipalActivity(MunicipalRecord, DatedActivity):
    """A dated activity of a model municipality that counts towards a commitment once
    held (a training session, a workshop, an evaluation date)."""

    class Meta(DatedActivity.Meta):
        abstract = True
        # The progress figures count per cohort and status within a programme year.
        indexes = [models.Index(fields=["call", "status", "starts_at"])]


class DocumentKind(models.TextChoices):
    POLITICAL_BACKING = "political_backing", _("Ratsbeschluss oder gleichwertige Rückendeckung")
    INTERNAL_VISIBILITY = "internal_visibility", _("Maßnahme zur internen Sichtbarkeit")
    EXPERIENCE_SHARING = "experience_sharing", _("Beitrag zum Austausch mit anderen Kommunen")


# Which commitment a document kind is evidence for.
DOCUMENT_COMMITMENT = {
    DocumentKind.POLITICAL_BACKING: CommitmentKind.POLITICAL_BACKING,
    DocumentKind.INTERNAL_VISIBILITY: CommitmentKind.INTERNAL_VISIBILITY,
    DocumentKind.EXPERIENCE_SHARING: CommitmentKind.EXPERIENCE_SHARING,
}


def document_path(instance: "ProgrammeDocument", filename: str) -> str:
    # A random name: the original file name is kept on the record, never in the path.
    return f"programme/{instance.municipality_id}/{uuid.uuid4().hex}.pdf"


class ProgrammeDocument(MunicipalRecord):
    """Evidence a model municipality records: a council decision, an internal measure,
    a contribution to the exchange with other municipalities."""

    kind = models.CharField(_("Art"), max_length=40, choices=DocumentKind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    occurred_on = models.DateField(_("Datum"))
    description = models.TextField(_("Beschreibung"), blank=True, max_length=4000)
    file = models.FileField(upload_to=document_path, blank=True)
    file_name = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("Nachweis")
        verbose_name_plural = _("Nachweise")
        indexes = [models.Index(fields=["call", "kind", "occurred_on"])]

    def __str__(self):
        return self.title


class EvaluationDate(MunicipalActivity):
    """A date on which the municipality released staff for the evaluation."""

    description = models.CharField(_("Beschreibung"), max_length=300, blank=True)

    class Meta(MunicipalActivity.Meta):
        verbose_name = _("Evaluationstermin")
        verbose_name_plural = _("Evaluationstermine")

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d} {self.get_status_display()}"


class Status(models.TextChoices):
    """Where a municipality stands with one commitment in one programme year."""

    MET = "met", _("erfüllt")
    ON_TRACK = "on_track", _("auf Kurs")
    AT_RISK = "at_risk", _("gefährdet")
    MISSED = "missed", _("verfehlt")
    NOT_STARTED = "not_started", _("noch nicht begonnen")


class CommitmentState(models.Model):
    """The status the daily check last saw, so that a reminder goes out once per change."""

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="states")
    year = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices)
    changed_at = models.DateTimeField()
    # Counts the changes; a reminder names the change it reports by this number.
    changes = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "commitment", "year"], name="commitment_state_unique"
            )
        ]

    def __str__(self):
        return f"{self.commitment_id}/{self.municipality_id}/{self.year_id}: {self.status}"


class ReminderKind(models.TextChoices):
    AT_RISK = "at_risk", _("Zusage gefährdet")
    OFFICE_DIGEST = "office_digest", _("Wöchentliche Übersicht für das Programmbüro")


class Reminder(models.Model):
    """One reminder mail to one person; the list people see under "Meine Erinnerungen".

    ``key`` names the change it reports (a state change or a digest week), so the same
    change is never mailed twice to the same person.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    key = models.CharField(max_length=120)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "key"], name="reminder_once")
        ]

    def __str__(self):
        return self.subject


class ReminderMute(models.Model):
    """A person does not want reminders of one kind."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_mutes"
    )
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="reminder_mute_once")]

    def __str__(self):
        return f"{self.user_id}: {self.kind}"
