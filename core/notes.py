"""Internal notes of the programme office on records: written by ``note_add``, read by
``notes_for``.

A model takes notes when it says so (``office_notes = True``); the note's page names it
by its label (``funding.expense``), so the kit needs to know no app. Notes are append-only:
a wrong note is corrected by a new one, never edited or deleted, so the record shows who
knew what when.
"""

from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.forms import KernFormMixin
from core.idempotency import lock_person, stored_just_now
from core.models import Note

TEXT_MAX_LENGTH = 4000


def note_target_label(obj: models.Model) -> str:
    """How the note's URL names the kind of ``obj`` (``municipalities.municipality``)."""
    return obj._meta.label_lower


def note_target_get(*, label: str, pk: int) -> models.Model:
    """The record a note is about, by its model's label and key; 404 for a model that
    takes no notes and for an unknown record."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as exc:
        raise Http404 from exc
    if not getattr(model, "office_notes", False):
        raise Http404
    try:
        return model._default_manager.get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def notes_for(*, target: models.Model) -> list[Note]:
    """The notes on ``target``, newest first, with their authors (one query)."""
    return list(
        # By the content type's natural key, so that a cold content-type cache adds
        # no query to the page.
        Note.objects.filter(
            content_type__app_label=target._meta.app_label,
            content_type__model=target._meta.model_name,
            object_id=target.pk,
        ).select_related("author")
    )


def note_add(*, actor, target: models.Model, text: str) -> Note:
    """Add ``actor``'s note to ``target`` and record it in the audit trail.

    The same text on the same record by the same person within the repeat window is
    the same note sent twice (a double click) and is returned instead of stored again.
    """
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Bitte schreiben Sie eine Notiz.")})
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Eine Notiz hat höchstens %(max)d Zeichen.") % {"max": TEXT_MAX_LENGTH}}
        )
    content_type = ContentType.objects.get_for_model(target)
    with transaction.atomic():
        lock_person(actor)
        existing = stored_just_now(
            Note.objects.filter(
                content_type=content_type, object_id=target.pk, author=actor, text=text
            ),
            since_field="created_at",
        )
        if existing is not None:
            return existing
        note = Note.objects.create(
            content_type=content_type, object_id=target.pk, author=actor, text=text
        )
        audit_record(actor=actor, action="note.added", obj=target, changes={})
    return note


class NoteForm(KernFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Neue Notiz"),
        help_text=_(
            "Nur für die Geschäftsstelle sichtbar. Notizen lassen sich nicht ändern; "
            "eine Korrektur schreiben Sie als neue Notiz."
        ),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Bitte schreiben Sie eine Notiz.")},
    )


@dataclass(frozen=True)
class NotesBlock:
    """What ``includes/notes.html`` shows on a record's page: its notes and the form
    for a new one, which posts to the note page of the record."""

    notes: list[Note]
    form: NoteForm
    target_label: str
    target_pk: int


def notes_block(*, target: models.Model) -> NotesBlock:
    return NotesBlock(
        notes=notes_for(target=target),
        form=NoteForm(),
        target_label=note_target_label(target),
        target_pk=target.pk,
    )
