"""Changing calls, and the versioning of their questionnaires.

A questionnaire version that applicants may already have seen is never changed: the
first edit after that copies it to a new version (``version_for_editing``) and applies
the change to the copy, so every application keeps the exact questions it answered.
The services that edit sections and questions are in ``calls.questionnaire``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calls.models import Call, Question, QuestionnaireVersion, Section
from core.audit import audit_record, object_changes
from core.concurrency import edit_conflict_check, fingerprint

CALL_FIELDS = [
    "slug",
    "title_de",
    "title_en",
    "summary_de",
    "summary_en",
    "opens_at",
    "deadline",
    "decision_date",
    "programme_start",
    "programme_end",
    "places",
    "funding_cap_per_year",
    "is_published",
]


def changes_between(obj, data: dict) -> dict:
    """``object_changes`` with values the audit trail's JSON can hold."""
    return {
        name: [_plain(old), _plain(new)] for name, (old, new) in object_changes(obj, data).items()
    }


def _plain(value):
    if isinstance(value, str | int | bool | list | dict) or value is None:
        return value
    return str(value)


def check_unchanged(obj, fields: list[str], expected: str | None) -> None:
    """``expected`` is the fingerprint the edit form was opened on (empty: not checked)."""
    edit_conflict_check(
        sent=expected or None,
        stored=fingerprint(obj, fields),
        repeat=False,
        message=_(
            "Dieser Eintrag wurde inzwischen von jemand anderem geändert. "
            "Bitte laden Sie die Seite neu und prüfen Sie die aktuelle Fassung."
        ),
        code="changed",
    )


# Calls ------------------------------------------------------------------------------


def _call_errors(data: dict) -> dict[str, str]:
    errors = {}
    if data["deadline"] <= data["opens_at"]:
        errors["deadline"] = _("Der Bewerbungsschluss muss nach dem Beginn der Bewerbung liegen.")
    if data["decision_date"] < timezone.localdate(data["deadline"]):
        errors["decision_date"] = _("Die Entscheidung kann nicht vor dem Bewerbungsschluss liegen.")
    if data["programme_end"] <= data["programme_start"]:
        errors["programme_end"] = _("Das Programmende muss nach dem Programmbeginn liegen.")
    if data["funding_cap_per_year"] < 0:
        errors["funding_cap_per_year"] = _("Die Förderung kann nicht negativ sein.")
    if data["places"] < 1:
        errors["places"] = _("Es muss mindestens einen Platz geben.")
    return errors


@transaction.atomic
def call_create(*, actor, data: dict) -> Call:
    """Create a call with an empty first questionnaire version."""
    errors = _call_errors(data)
    if Call.objects.filter(slug=data["slug"]).exists():
        errors["slug"] = _("Dieser Kurzname ist schon vergeben.")
    if errors:
        raise ValidationError(errors)
    call = Call.objects.create(**{name: data[name] for name in CALL_FIELDS})
    QuestionnaireVersion.objects.create(call=call, number=1, created_by=actor)
    audit_record(actor=actor, action="call.created", obj=call)
    return call


@transaction.atomic
def call_update(*, call: Call, actor, data: dict, expected_fingerprint: str | None = None) -> Call:
    call = Call.objects.select_for_update().get(pk=call.pk)
    check_unchanged(call, CALL_FIELDS, expected_fingerprint)
    errors = _call_errors(data)
    if Call.objects.filter(slug=data["slug"]).exclude(pk=call.pk).exists():
        errors["slug"] = _("Dieser Kurzname ist schon vergeben.")
    if errors:
        raise ValidationError(errors)
    changes = changes_between(call, {name: data[name] for name in CALL_FIELDS})
    for name in CALL_FIELDS:
        setattr(call, name, data[name])
    call.save()
    if changes:
        audit_record(actor=actor, action="call.updated", obj=call, changes=changes)
    return call


# Versions ---------------------------------------------------------------------------


def version_is_frozen(*, version: QuestionnaireVersion, now=None) -> bool:
    """Frozen once an application uses it, and the first version once the call has
    opened. A later copy stays editable until its first application, so a series of
    edits after the opening makes one new version, not one per edit."""
    if version.frozen_at is not None:
        return True
    return version.number == 1 and version.call.has_opened(now)


@transaction.atomic
def version_freeze(*, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Mark ``version`` as used by an application (idempotent); editing then copies it."""
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if version.frozen_at is None:
        version.frozen_at = timezone.now()
        version.save(update_fields=["frozen_at"])
    return version


def _copy_fields(model) -> list[str]:
    skip = {"id", "version", "section", "created_at", "created_by", "frozen_at"}
    return [f.attname for f in model._meta.concrete_fields if f.name not in skip]


@transaction.atomic
def version_for_editing(*, call: Call, actor) -> QuestionnaireVersion:
    """The version edits go to: the current one, or a fresh copy if it is frozen.

    The copy gets the next number and the same sections and questions (same keys), so
    answers can be matched across versions. The call row is locked so that two people
    editing at once make one copy, not two.
    """
    call = Call.objects.select_for_update().get(pk=call.pk)
    current = (
        QuestionnaireVersion.objects.select_for_update()
        .filter(call=call)
        .order_by("-number")
        .first()
    )
    if current is None:
        return QuestionnaireVersion.objects.create(call=call, number=1, created_by=actor)
    current.call = call
    if not version_is_frozen(version=current):
        return current
    copy = QuestionnaireVersion.objects.create(
        call=call, number=current.number + 1, created_by=actor
    )
    section_fields, question_fields = _copy_fields(Section), _copy_fields(Question)
    for section in current.sections.order_by("position", "id").prefetch_related("questions"):
        new_section = Section.objects.create(
            version=copy, **{name: getattr(section, name) for name in section_fields}
        )
        Question.objects.bulk_create(
            Question(
                version=copy,
                section=new_section,
                **{name: getattr(q, name) for name in question_fields},
            )
            for q in sorted(section.questions.all(), key=lambda q: (q.position, q.id))
        )
    audit_record(
        actor=actor,
        action="questionnaire.version_created",
        obj=copy,
        changes={"copied_from_version": [None, current.number]},
    )
    return copy
