"""Survey instruments, the surveys opened with them, and anonymous answers.

An instrument keeps its identity across versions. A version can be changed only while
it is a draft; surveys are opened only with published versions, so a version in use
never changes and edits make a new version.

Answers are anonymous: a response stores its survey and, for pre/post surveys, a keyed
hash of a code the person made up. No account, IP address, day, time or session is
stored with it, and its key is random so that the order of rows tells nothing about the
order of submissions; the survey's period is the finest time a response carries.
"""

import datetime as dt
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import CreatedRecord

# The smallest group whose results may be shown; the office may raise it, never lower it.
MINIMUM_THRESHOLD = 5


class Instrument(models.Model):
    code = models.SlugField(_("Kurzzeichen"), max_length=40, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("Erhebungsinstrument")
        verbose_name_plural = _("Erhebungsinstrumente")

    def __str__(self):
        return self.title


class InstrumentVersion(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("Version"))
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="instrument_version_once")
        ]

    def __str__(self):
        return f"{self.instrument.title} (Version {self.number})"

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class Section(models.Model):
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(_("Überschrift"), max_length=200)
    intro = models.TextField(_("Einleitung"), blank=True, max_length=2000)

    class Meta:
        ordering = ["version", "position", "pk"]

    def __str__(self):
        return self.title


class ItemType(models.TextChoices):
    LIKERT = "likert", _("Skala mit benannten Punkten")
    SINGLE = "single", _("Einfachauswahl")
    MULTIPLE = "multiple", _("Mehrfachauswahl")
    NUMBER = "number", _("Zahl")
    TEXT = "text", _("Freitext")


class Item(models.Model):
    """One question. ``options`` holds the labels of the scale points (coded 1..n) or
    of the choices (coded 1..n), in order."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=1)
    key = models.SlugField(_("Kennung"), max_length=40)
    text = models.CharField(_("Frage"), max_length=500)
    type = models.CharField(_("Art"), max_length=10, choices=ItemType.choices)
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    options = models.JSONField(_("Antwortmöglichkeiten"), default=list, blank=True)

    class Meta:
        ordering = ["section__position", "section_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="evaluation_item_key_once")
        ]

    def __str__(self):
        return self.key

    @property
    def has_options(self) -> bool:
        return self.type in (ItemType.LIKERT, ItemType.SINGLE, ItemType.MULTIPLE)


class Phase(models.TextChoices):
    SINGLE = "single", _("einmalige Befragung")
    PRE = "pre", _("Vorher-Befragung")
    POST = "post", _("Nachher-Befragung")


class TargetKind(models.TextChoices):
    SESSION = "session", _("Schulungstermin")
    WORKSHOP = "workshop", _("Empowerment-Workshop")
    EVENT = "event", _("Veranstaltung")
    MUNICIPALITY = "municipality", _("Kommune")
    PROGRAMME = "programme", _("Programm (alle Modellkommunen)")


def new_token() -> str:
    return secrets.token_urlsafe(18)


def new_salt() -> str:
    return secrets.token_hex(16)


class Survey(CreatedRecord):
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="surveys")
    title = models.CharField(_("Titel"), max_length=200)
    phase = models.CharField(_("Art der Befragung"), max_length=10, choices=Phase.choices)
    # A post survey points at its pre survey; the pair shares the pre survey's salt.
    pair_with = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="post_survey",
        verbose_name=_("Zugehörige Vorher-Befragung"),
    )
    pair_salt = models.CharField(max_length=32, default=new_salt, editable=False)
    target_kind = models.CharField(_("Befragt zu"), max_length=20, choices=TargetKind.choices)
    target_id = models.PositiveIntegerField(null=True, blank=True)
    call = models.ForeignKey("calls.Call", null=True, on_delete=models.SET_NULL, related_name="+")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    module = models.ForeignKey(
        "trainings.TrainingModule",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Modul"),
    )
    opens_at = models.DateTimeField(_("Beginn"))
    closes_at = models.DateTimeField(_("Ende"))
    # Set under the survey's row lock, the same lock under which answers are accepted:
    # once it is set, no further answer can be stored or still be committing.
    closed_at = models.DateTimeField(_("Geschlossen am"), null=True, blank=True, editable=False)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["-opens_at", "pk"]
        verbose_name = _("Befragung")
        verbose_name_plural = _("Befragungen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="evaluation_survey_window",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_ended(self) -> bool:
        """No answer is accepted any more (closed, or its end has passed)."""
        return self.closed_at is not None or self.closes_at <= timezone.now()

    @property
    def results_open_at(self) -> dt.datetime | None:
        if self.closed_at is None:
            return None
        return self.closed_at + dt.timedelta(minutes=settings.EVALUATION_SETTLING_MINUTES)

    @property
    def results_available(self) -> bool:
        """Figures are shown only once a survey is closed and has settled: counts that
        change after someone has seen them would let anyone comparing two visits compute
        the newest answer. ``closes_at`` passing is not enough: an answer accepted just
        before can still commit after it, which is why closing takes the row lock that
        accepting an answer holds (``answering.survey_close``)."""
        opens = self.results_open_at
        return opens is not None and opens <= timezone.now()


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    pair_hash = models.CharField(max_length=64, blank=True, db_index=True)

    def __str__(self):
        return str(self.pk)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="evaluation_answer_once")
        ]

    def __str__(self):
        return f"{self.response_id}/{self.item_id}"


class UsedNonce(models.Model):
    """An answer page's one-time nonce, consumed in the same transaction as the response
    it stored, so a page sent twice stores one response. The nonce itself lives only in
    the page (never in a session); what is kept is its HMAC under a key derived from the
    server's secret, so a copy of the database cannot match it to anything, and the
    HMAC is the key, so no counter tells the order of the rows. It carries no link to
    the response and no time. Its survey lets the daily cleanup drop the nonces of closed
    surveys; a survey is shared by everyone who answers it, so that link tells nothing
    about anyone."""

    digest = models.CharField(max_length=64, primary_key=True)
    survey = models.ForeignKey(
        Survey, null=True, on_delete=models.CASCADE, related_name="used_nonces"
    )

    def __str__(self):
        return self.digest


class SurveyInvitation(models.Model):
    """An address the survey's shared link was mailed to, kept only to avoid sending it
    twice and deleted once the survey closes. It has no key to any response and the
    mail carries the survey's link, the same for everyone, so an invitation can never be
    matched to an answer; only the day is kept, not the time."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("E-Mail-Adresse"))
    sent_on = models.DateField()

    class Meta:
        ordering = ["survey", "email"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "email"], name="evaluation_invitation_once")
        ]

    def __str__(self):
        return self.email


class EvaluationSettings(models.Model):
    """The office's settings; a single row (pk 1)."""

    threshold = models.PositiveSmallIntegerField(
        _("Mindestzahl der Antworten"), default=MINIMUM_THRESHOLD
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold__gte=MINIMUM_THRESHOLD),
                name="evaluation_threshold_minimum",
            )
        ]

    def __str__(self):
        return str(self.threshold)
