"""What every app shares: the audit trail, the editable public pages, and the abstract
bases of field groups that several apps' models repeat (abstract bases create no table, so
a model built on one keeps the columns it had)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.choices import ActivityStatus


class AuditEntry(models.Model):
    """One change to an application or an account: who, what, when.

    Entries are only ever added (see ``core.audit.audit_record``); the programme office
    reads them. ``changes`` holds field names with old and new values, never the content
    of uploaded files or passwords.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    object_label = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["object_type", "-created_at"], name="audit_type_created_idx"),
        ]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class BilingualTitle(models.Model):
    """A title the office writes in German and, optionally, in English."""

    title_de = models.CharField(_("Titel (Deutsch)"), max_length=200)
    title_en = models.CharField(_("Titel (Englisch)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title_de

    @property
    def title(self) -> str:
        return localized(self, "title")


class Page(BilingualTitle):
    """An editable public page (programme page, imprint, privacy, accessibility, about).

    Text is kept per language; the body is Markdown that is rendered and sanitised on
    output, so the office can format without being able to inject markup.
    """

    class Slug(models.TextChoices):
        PROGRAMME = "programm", _("Programm")
        IMPRINT = "impressum", _("Impressum")
        PRIVACY = "datenschutz", _("Datenschutzerklärung")
        ACCESSIBILITY = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")
        ABOUT = "ueber", _("Über die Plattform")

    slug = models.SlugField(choices=Slug.choices, unique=True)
    body_de = models.TextField(_("Text (Deutsch)"))
    body_en = models.TextField(_("Text (Englisch)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")

    @property
    def body(self) -> str:
        return localized(self, "body")


class CreatedRecord(models.Model):
    """Who made a record and when. The record outlives the person's account."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class DatedActivity(models.Model):
    """Something of the programme that takes place at a set time and is planned, held
    or cancelled: a training session, a workshop, an evaluation date, a board meeting.

    Where it takes place is the concrete model's own: not every activity has a place,
    and not every place can be online.
    """

    starts_at = models.DateTimeField(_("Beginn"))
    status = models.CharField(
        _("Stand"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )

    class Meta:
        abstract = True
        ordering = ["starts_at", "pk"]


class UploadedDocument(models.Model):
    """A titled file someone uploaded for others to download.

    The file is stored under a random name; ``file_name`` keeps the name it was uploaded
    with, for the download. Each model declares its own ``file`` field: where the files
    are stored (``upload_to``) is the model's own and is written into its migrations.
    """

    title = models.CharField(_("Titel"), max_length=200)
    file_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


def localized(obj, field: str) -> str:
    """The value of ``<field>_<lang>`` for the active language, German as fallback."""
    lang = (get_language() or "de")[:2]
    value = getattr(obj, f"{field}_{lang}", "") if lang != "de" else ""
    return value or getattr(obj, f"{field}_de")


class DemoMail(models.Model):
    """A mail the demo sent, kept so a newcomer can read it in the browser.

    Only ``core.demo_mailbox.DatabaseEmailBackend`` writes these, and only the demo (run
    with DEBUG) uses that backend; production sends over SMTP and stores nothing here.
    """

    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)
    to = models.TextField()
    subject = models.CharField(max_length=998)
    body = models.TextField()

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return self.subject


class DemoMailAttachment(models.Model):
    mail = models.ForeignKey(DemoMail, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=255)
    mimetype = models.CharField(max_length=255)
    content = models.BinaryField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name


class ScheduledRun(models.Model):
    """One due slot of a scheduled job (``core.scheduling``): enqueued once, then run.

    The pair of job and slot is unique, so that two schedulers looking at the same slot
    enqueue it only once. ``error`` is a short text naming the kind of failure, never the
    exception's message, which may contain addresses or names; the full trace goes to the
    log of the worker.
    """

    class Outcome(models.TextChoices):
        ENQUEUED = "enqueued", _("eingeplant")
        RUNNING = "running", _("läuft")
        OK = "ok", _("erfolgreich")
        FAILED = "failed", _("fehlgeschlagen")

    job = models.CharField(max_length=60)
    slot = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ENQUEUED)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-slot", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="scheduled_run_once_per_slot")
        ]
        verbose_name = _("Lauf einer geplanten Aufgabe")
        verbose_name_plural = _("Läufe geplanter Aufgaben")

    def __str__(self):
        return f"{self.job} {self.slot:%Y-%m-%d %H:%M} {self.outcome}"


class SchedulerLease(models.Model):
    """Who may enqueue scheduled work, until when: one row per lease name. A scheduler
    takes or renews the lease with one conditional update, which works alike on SQLite
    and PostgreSQL; the others wait until it expires."""

    name = models.CharField(max_length=40, primary_key=True)
    holder = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Zuständigkeit des Zeitplans")
        verbose_name_plural = _("Zuständigkeiten des Zeitplans")

    def __str__(self):
        return f"{self.name}: {self.holder} until {self.expires_at:%Y-%m-%d %H:%M:%S}"


class FeedToken(models.Model):
    """A person's secret address of one calendar feed (``purpose``); only the hash of
    the secret is stored, so the address is shown once and can only be renewed or
    revoked (``core.feeds``)."""

    class Purpose(models.TextChoices):
        OFFICE_DEADLINES = "office_deadlines", _("Termine der Geschäftsstelle")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens"
    )
    purpose = models.CharField(_("Kalender"), max_length=40, choices=Purpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "purpose"], name="feed_token_once_per_purpose")
        ]
        verbose_name = _("Kalenderadresse")
        verbose_name_plural = _("Kalenderadressen")

    def __str__(self):
        return str(self.get_purpose_display())


class Circular(models.Model):
    """A mail the office sent to many people at once, kept in the record: what was
    written, to whom as a group (``audience``) and how many people it reached.

    ``topic`` names what the circular is about in the words of the app that sent it
    ("events.event:12"), so that app can list its own circulars without the kit knowing
    it. The recipients (``CircularRecipient``) are personal data: where they came from
    something with a retention time (an event's registrations), ``recipients_kept_until``
    says until when they are kept; the job ``circulars_forget`` then deletes them, and
    the count, the text and the audience stay.
    """

    class State(models.TextChoices):
        SENT = "sent", _("versandt")

    topic = models.CharField(max_length=80, db_index=True)
    audience = models.CharField(_("Empfängerkreis"), max_length=300)
    subject = models.CharField(_("Betreff"), max_length=200)
    body = models.TextField(_("Text"))
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Absender*in"),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    state = models.CharField(_("Stand"), max_length=10, choices=State.choices, default=State.SENT)
    recipient_count = models.PositiveIntegerField(_("Anzahl der Empfänger*innen"))
    # The groups of the audience that nobody could be written to (a municipality without
    # an approved coordinator), by name.
    unreached = models.JSONField(default=list, blank=True)
    recipients_kept_until = models.DateField(null=True, blank=True)
    recipients_forgotten_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Rundschreiben")
        verbose_name_plural = _("Rundschreiben")

    def __str__(self):
        return self.subject


class CircularRecipient(models.Model):
    """One person a circular was sent to. A person with an account is kept as the
    account (their address and language are read from it when the mail goes out); only
    for someone without an account are name and address stored here."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    language = models.CharField(max_length=5, default="de")
    # The group the person was written to for (a municipality's name), and the lines
    # only this group's mail carries (its own commitments at risk).
    group = models.CharField(max_length=200, blank=True)
    details = models.JSONField(default=list, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["circular", "group", "pk"]

    def __str__(self):
        return f"{self.circular} – #{self.pk}"


class Note(models.Model):
    """An internal note of the programme office on a record (a municipality, an
    application, an expense), dated and signed.

    Notes are only ever added (``core.notes.note_add``): a note that needs correcting is
    corrected by a new one, so the record shows what was known when. Municipalities never
    see them.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("Notiz"), max_length=4000)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"], name="note_target_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="note_text_not_empty")
        ]
        verbose_name = _("Notiz")
        verbose_name_plural = _("Notizen")

    def __str__(self):
        return f"{self.content_type_id}#{self.object_id} {self.created_at:%Y-%m-%d %H:%M}"
