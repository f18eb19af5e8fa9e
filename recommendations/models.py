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
from programme.models import MunicipalRecord
from trainings.models import TrainingModule


class Document(BilingualTitle):
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title_de"]
        verbose_name = _("Empfehlungsdokument")
        verbose_name_plural = _("Empfehlungsdokumente")


class Licence(models.TextChoices):
    """The licence the office publishes a version under; the public page and the PDF name
    it with a link to its text."""

    CC_BY = "cc-by-4.0", _("Creative Commons Namensnennung 4.0 International (CC BY 4.0)")
    CC_BY_SA = (
        "cc-by-sa-4.0",
        _(
            "Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 "
            "International (CC BY-SA 4.0)"
        ),
    )
    CC0 = "cc0-1.0", _("Creative Commons Zero 1.0 (gemeinfrei)")
    ALL_RIGHTS = "all-rights-reserved", _("Alle Rechte vorbehalten")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/deed.de",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/deed.de",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
}


def published_pdf_path(instance: "Version", filename: str) -> str:
    return f"recommendations/published/{instance.document_id}/{uuid.uuid4().hex}.pdf"


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
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    licence = models.CharField(_("Lizenz"), max_length=40, choices=Licence.choices, blank=True)
    # The published version as a tagged PDF, rendered once in the background after
    # publishing: a published version never changes, so neither does its PDF.
    pdf = models.FileField(upload_to=published_pdf_path, blank=True)

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

    @property
    def is_published(self) -> bool:
        return self.state == VersionState.PUBLISHED

    @property
    def licence_url(self) -> str:
        """The official text of the licence; empty where there is none to link."""
        return LICENCE_URLS.get(self.licence, "")


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


# --- consultation ---------------------------------------------------------------------------


class ConsultationRound(models.Model):
    """A period in which the audience comments on one frozen version.

    Open while ``starts_at <= now < ends_at``; after the end nobody comments or replies,
    and the office answers every comment before it marks the round as evaluated.
    """

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("Titel"), max_length=200)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    question_guide = models.TextField(_("Leitfragen"), blank=True, max_length=8000)
    # The audience: who may read the version and comment during the round.
    for_municipal_teams = models.BooleanField(
        _("Koordination und Teams der Modellkommunen"), default=True
    )
    for_advisory_boards = models.BooleanField(
        _("Mitglieder der lokalen Fachbeiräte"), default=False
    )
    for_network = models.BooleanField(_("Mitglieder der Netzwerke"), default=False)
    for_trainers = models.BooleanField(_("Trainer*innen"), default=False)
    for_public = models.BooleanField(_("Öffentlichkeit mit Konto"), default=False)
    evaluated_at = models.DateTimeField(_("ausgewertet am"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answers_published_at = models.DateTimeField(
        _("Antworten veröffentlicht am"), null=True, blank=True
    )
    # Set by the mail sweeps once the round's mails went out, so each goes out once.
    opened_mail_sent_at = models.DateTimeField(null=True, blank=True)
    answers_mail_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("Beteiligungsrunde")
        verbose_name_plural = _("Beteiligungsrunden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="recommendations_round_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(answers_published_at__isnull=True)
                | models.Q(evaluated_at__isnull=False),
                name="recommendations_round_publishes_evaluated_answers",
            ),
        ]

    def __str__(self):
        return self.title


class CommentKind(models.TextChoices):
    AGREEMENT = "agreement", _("Zustimmung")
    CONCERN = "concern", _("Bedenken")
    PROPOSAL = "proposal", _("Vorschlag mit Formulierung")


class CommentVisibility(models.TextChoices):
    PARTICIPANTS = "participants", _("für alle Beteiligten der Runde sichtbar")
    OFFICE = "office", _("nur für das Programmbüro")


class CommentSource(models.TextChoices):
    PARTICIPANT = "participant", _("Beitrag in der Runde")
    FIELD_TEST = "field_test", _("aus dem Praxistest")


class AnswerStatus(models.TextChoices):
    ADOPTED = "adopted", _("übernommen")
    PARTLY_ADOPTED = "partly_adopted", _("teilweise übernommen")
    NOT_ADOPTED = "not_adopted", _("nicht übernommen")
    OUT_OF_SCOPE = "out_of_scope", _("außerhalb des Auftrags")
    SETTLED_ELSEWHERE = "settled_elsewhere", _("erledigt durch andere Änderung")


class Comment(models.Model):
    """A comment on a paragraph of the round's version, or on a passage of it, or a reply
    to another comment (``parent``; replies have no kind and get no answer).

    ``quote_start``/``quote_end`` are character offsets into the paragraph's text as it
    stood in the round's (frozen) version; ``quote`` keeps the passage itself.
    """

    round = models.ForeignKey(ConsultationRound, on_delete=models.CASCADE, related_name="comments")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=CommentKind.choices, blank=True)
    quote = models.TextField(_("Markierte Stelle"), blank=True, max_length=8000)
    quote_start = models.PositiveIntegerField(null=True, blank=True)
    quote_end = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(_("Kommentar"), max_length=4000)
    suggested_wording = models.TextField(
        _("Vorgeschlagene Formulierung"), blank=True, max_length=8000
    )
    visibility = models.CharField(
        _("Sichtbarkeit"),
        max_length=20,
        choices=CommentVisibility.choices,
        default=CommentVisibility.PARTICIPANTS,
    )
    # Set when the author speaks for their municipality; empty for a personal comment.
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("im Namen der Kommune"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(
        max_length=20, choices=CommentSource.choices, default=CommentSource.PARTICIPANT
    )
    field_test = models.ForeignKey(
        "recommendations.FieldTest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The office's answer. ``answer_revision`` counts saved answers, so a second office
    # member answering from an older page is told instead of overwriting.
    answer_status = models.CharField(
        _("Status"), max_length=20, choices=AnswerStatus.choices, blank=True
    )
    answer_reason = models.TextField(_("Begründung"), blank=True, max_length=8000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["round", "paragraph", "created_at", "pk"]
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        indexes = [
            models.Index(fields=["round", "parent", "answer_status"]),
            models.Index(fields=["round", "paragraph"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(parent__isnull=True) & ~models.Q(kind=""))
                | (models.Q(parent__isnull=False) & models.Q(kind="") & models.Q(answer_status="")),
                name="recommendations_comment_kind_unless_reply",
            ),
            models.CheckConstraint(
                condition=models.Q(answer_status="") | ~models.Q(answer_reason=""),
                name="recommendations_comment_answer_has_reason",
            ),
            models.CheckConstraint(
                condition=(models.Q(quote_start__isnull=True) & models.Q(quote_end__isnull=True))
                | models.Q(quote_end__gt=models.F("quote_start")),
                name="recommendations_comment_quote_range",
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_answered(self) -> bool:
        return bool(self.answer_status)


# --- field tests ----------------------------------------------------------------------------


class FieldTestState(models.TextChoices):
    PLANNED = "planned", _("geplant")
    RUNNING = "running", _("läuft")
    DONE = "done", _("abgeschlossen")


class FieldTestResult(models.TextChoices):
    IMPLEMENTED = "implemented", _("umgesetzt")
    PARTLY = "partly", _("teilweise umgesetzt")
    NOT_FEASIBLE = "not_feasible", _("nicht umsetzbar")


class FieldTest(MunicipalRecord):
    """A model municipality tries one recommendation in one department (Praxistest).

    ``recommendation`` is the recommendation as it stood in the version the test was
    planned on; its ``key`` follows it into later versions.
    """

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="field_tests"
    )
    department = models.CharField(_("Fachbereich"), max_length=40, choices=Department.Code.choices)
    plan_what = models.TextField(_("Was wird erprobt?"), max_length=4000)
    plan_where = models.CharField(_("Wo (Stelle, Team)?"), max_length=200)
    plan_who = models.CharField(_("Wer ist verantwortlich?"), max_length=200)
    starts_on = models.DateField(_("von"))
    ends_on = models.DateField(_("bis"))
    state = models.CharField(
        _("Stand"), max_length=20, choices=FieldTestState.choices, default=FieldTestState.PLANNED
    )
    result = models.CharField(
        _("Ergebnis"), max_length=20, choices=FieldTestResult.choices, blank=True
    )
    observations = models.TextField(_("Beobachtungen"), blank=True, max_length=8000)
    obstacles = models.TextField(_("Hindernisse"), blank=True, max_length=8000)
    helped = models.TextField(_("Was geholfen hat"), blank=True, max_length=8000)
    proposal = models.TextField(_("Vorschlag für den Text"), blank=True, max_length=8000)
    result_recorded_at = models.DateTimeField(null=True, blank=True)
    # Who first recorded the result: the author of the comment it becomes in a round.
    result_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality", "starts_on", "pk"]
        verbose_name = _("Praxistest")
        verbose_name_plural = _("Praxistests")
        indexes = [models.Index(fields=["call", "state", "result_recorded_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="recommendations_field_test_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(models.Q(state="done") & ~models.Q(result=""))
                | (~models.Q(state="done") & models.Q(result="")),
                name="recommendations_field_test_result_when_done",
            ),
        ]

    def __str__(self):
        return f"{self.recommendation} – {self.get_department_display()}"


def field_test_evidence_path(instance: "FieldTestEvidence", filename: str) -> str:
    # A random name: the original file name is kept on the record, never in the path.
    return f"recommendations/field-tests/{instance.field_test_id}/{uuid.uuid4().hex}.pdf"


class FieldTestEvidence(models.Model):
    """A document that shows what a field test did (a changed form, a guideline, minutes)."""

    field_test = models.ForeignKey(FieldTest, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(upload_to=field_test_evidence_path)
    file_name = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["field_test", "uploaded_at", "pk"]
        verbose_name = _("Nachweis zum Praxistest")
        verbose_name_plural = _("Nachweise zu Praxistests")

    def __str__(self):
        return self.title


# --- mails of consultation rounds -----------------------------------------------------------


class ConsultationMailSetting(models.Model):
    """A person's choice about the mails of consultation rounds (opening, answers, replies).

    No row means the person gets the mails. ``replies_mailed_until`` is the moment up to
    which the daily digest of replies has covered the person's comments.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultation_mail_setting",
    )
    muted_at = models.DateTimeField(_("Mails abbestellt am"), null=True, blank=True)
    replies_mailed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Mail-Einstellung zu Beteiligungsrunden")
        verbose_name_plural = _("Mail-Einstellungen zu Beteiligungsrunden")

    def __str__(self):
        return str(self.user)

    @property
    def is_muted(self) -> bool:
        return self.muted_at is not None
