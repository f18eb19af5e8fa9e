from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import BilingualTitle, localized


class Call(BilingualTitle):
    """A call for model municipalities (one cohort). Several can exist over the years."""

    slug = models.SlugField(_("Kurzname"), unique=True)
    summary_de = models.TextField(_("Kurzbeschreibung (Deutsch)"), blank=True)
    summary_en = models.TextField(_("Kurzbeschreibung (Englisch)"), blank=True)
    opens_at = models.DateTimeField(_("Bewerbung möglich ab"))
    deadline = models.DateTimeField(_("Bewerbungsschluss"))
    decision_date = models.DateField(_("Entscheidung bis"))
    programme_start = models.DateField(_("Programmbeginn"))
    programme_end = models.DateField(_("Programmende"))
    places = models.PositiveSmallIntegerField(_("Anzahl der Plätze"), default=10)
    funding_cap_per_year = models.DecimalField(
        _("Förderung je Jahr bis"), max_digits=10, decimal_places=2, default=Decimal("10000.00")
    )
    # A call is shown to the public only once the office publishes it.
    is_published = models.BooleanField(_("Veröffentlicht"), default=False)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("Ausschreibung")
        verbose_name_plural = _("Ausschreibungen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gt=models.F("opens_at")),
                name="call_deadline_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(programme_end__gt=models.F("programme_start")),
                name="call_programme_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(funding_cap_per_year__gte=0), name="call_cap_not_negative"
            ),
        ]

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now <= self.deadline

    def has_opened(self, now=None) -> bool:
        return (now or timezone.now()) >= self.opens_at

    def current_version(self) -> "QuestionnaireVersion":
        return self.versions.order_by("-number").first()


class QuestionnaireVersion(models.Model):
    """One version of a call's questionnaire (Fragenkatalog).

    A version that has been shown to applicants is frozen: editing it afterwards makes
    a new version, so every application keeps the questions it was answered with.
    """

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    frozen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="version_number_unique"),
        ]

    def __str__(self):
        return f"{self.call} – Version {self.number}"


class Section(BilingualTitle):
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveIntegerField(default=0)
    intro_de = models.TextField(_("Einleitung (Deutsch)"), blank=True)
    intro_en = models.TextField(_("Einleitung (Englisch)"), blank=True)

    class Meta:
        ordering = ["version", "position", "id"]

    @property
    def intro(self) -> str:
        return localized(self, "intro")


# The browser may fill in the contact person's own details (WCAG 1.3.5, "identify input
# purpose"). Chosen by key, which stays the same across versions: only these questions
# ask about the person filling in; others ask about the municipality (its name, its
# address), where the person's own name or number would be wrong.
CONTACT_AUTOCOMPLETE = {
    "kontakt_name": "name",
    "kontakt_funktion": "organization-title",
    "kontakt_email": "email",
    "kontakt_telefon": "tel",
}
INPUT_TYPES = {"number": "number", "date": "date", "email": "email"}


class Question(models.Model):
    class Type(models.TextChoices):
        SHORT_TEXT = "short_text", _("Kurzer Text")
        LONG_TEXT = "long_text", _("Langer Text")
        NUMBER = "number", _("Zahl")
        YES_NO = "yes_no", _("Ja/Nein")
        SINGLE_CHOICE = "single_choice", _("Einfachauswahl")
        MULTIPLE_CHOICE = "multiple_choice", _("Mehrfachauswahl")
        DATE = "date", _("Datum")
        FILE = "file", _("Datei-Upload (PDF)")
        EMAIL = "email", _("E-Mail-Adresse")

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    # Stable across versions, so answers and exports can be matched between versions.
    key = models.SlugField(_("Schlüssel"), max_length=60)
    type = models.CharField(_("Typ"), max_length=20, choices=Type.choices)
    label_de = models.CharField(_("Frage (Deutsch)"), max_length=500)
    label_en = models.CharField(_("Frage (Englisch)"), max_length=500, blank=True)
    # A few words for the column of an export ("Ansprechperson"); without one the
    # question itself heads the column.
    short_label_de = models.CharField(_("Kurzbezeichnung (Deutsch)"), max_length=80, blank=True)
    short_label_en = models.CharField(_("Kurzbezeichnung (Englisch)"), max_length=80, blank=True)
    help_de = models.TextField(_("Hilfetext (Deutsch)"), blank=True)
    help_en = models.TextField(_("Hilfetext (Englisch)"), blank=True)
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    # For commitments and consents: the application can only be submitted with this
    # answer (e.g. "yes"), not merely with some answer.
    required_value = models.CharField(_("Erforderliche Antwort"), max_length=100, blank=True)
    max_length = models.PositiveIntegerField(_("Höchstzahl Zeichen"), null=True, blank=True)
    # [{"value": "yes", "label_de": "Ja", "label_en": "Yes"}, ...] for choice questions.
    choices = models.JSONField(_("Antwortmöglichkeiten"), default=list, blank=True)
    # Show this question only if the question with this key has this answer
    # (for multiple choice: contains it).
    condition_key = models.SlugField(_("Nur zeigen, wenn Frage"), max_length=60, blank=True)
    condition_value = models.CharField(_("… diese Antwort hat"), max_length=100, blank=True)
    # Pre-filled from the municipality register, e.g. "name", "key", "population".
    prefill = models.CharField(_("Vorbelegung aus dem Register"), max_length=30, blank=True)

    class Meta:
        ordering = ["section__position", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"], name="question_key_unique_in_version"
            ),
        ]

    def __str__(self):
        return self.label_de

    @property
    def label(self) -> str:
        return localized(self, "label")

    @property
    def help(self) -> str:
        return localized(self, "help")

    @property
    def short_label(self) -> str:
        """The column heading of the question in exports, in the active language: the
        short label, else the question; an English page prefers the English question to
        a German short label."""
        if localized_language() == "en":
            return self.short_label_en or self.label_en or self.short_label_de or self.label_de
        return self.short_label_de or self.label_de

    @property
    def autocomplete(self) -> str:
        """The input's ``autocomplete`` token, or "" where the browser should not offer
        anything of its own."""
        if self.key in CONTACT_AUTOCOMPLETE:
            return CONTACT_AUTOCOMPLETE[self.key]
        return "email" if self.type == self.Type.EMAIL else ""

    @property
    def input_type(self) -> str:
        """The ``type`` of a one-line input: a telephone number gets the phone keypad."""
        if self.autocomplete == "tel":
            return "tel"
        return INPUT_TYPES.get(self.type, "text")

    def localized_choices(self) -> list[tuple[str, str]]:
        return [(c["value"], localized_dict(c, "label")) for c in self.choices]


def localized_language() -> str:
    from django.utils.translation import get_language

    return (get_language() or "de")[:2]


def localized_dict(d: dict, field: str) -> str:
    lang = localized_language()
    return d.get(f"{field}_{lang}") or d.get(f"{field}_de", "")
