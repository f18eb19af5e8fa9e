"""Editing a call's questionnaire: sections and questions, with the editor's rules.

Every service starts with ``version_for_editing`` (which copies a frozen version) and
then finds the edited object's counterpart in the version it got back: questions by
key, sections by their place in the order. Rule violations are ``ValidationError``s
keyed by field name, so forms can show them at the field.
"""

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from calls.fields import display_value
from calls.models import Call, Question, QuestionnaireVersion, Section
from calls.selectors import CHOICE_TYPES, TEXT_TYPES
from calls.services import changes_between, check_unchanged, version_for_editing
from core.audit import audit_record

SECTION_FIELDS = ["title_de", "title_en", "intro_de", "intro_en"]
QUESTION_FIELDS = [
    "key",
    "type",
    "label_de",
    "label_en",
    "short_label_de",
    "short_label_en",
    "help_de",
    "help_en",
    "required",
    "required_value",
    "max_length",
    "choices",
    "condition_key",
    "condition_value",
    "prefill",
]
# Questions other questions can depend on: their answers are a fixed set of values.
CONDITION_SOURCE_TYPES = CHOICE_TYPES | {Question.Type.YES_NO}

Direction = Literal["up", "down"]


def _ensure_current(version: QuestionnaireVersion) -> None:
    """Refuse edits made from a page that still shows an older version."""
    newest = (
        QuestionnaireVersion.objects.filter(call_id=version.call_id)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    if newest != version.number:
        raise ValidationError(
            _(
                "Der Fragenkatalog wurde inzwischen geändert (jetzt Version %(number)s). "
                "Bitte laden Sie die Seite neu."
            )
            % {"number": newest},
            code="stale",
        )


def _ordered_sections(version_id: int) -> list[Section]:
    return list(Section.objects.filter(version_id=version_id).order_by("position", "id"))


def _gone() -> ValidationError:
    return ValidationError(
        _("Dieser Eintrag ist nicht mehr vorhanden. Bitte laden Sie die Seite neu."),
        code="gone",
    )


def _section_in(version: QuestionnaireVersion, section: Section) -> Section:
    """The section at the same place in ``version``, freshly read from the database."""
    if section.version_id == version.pk:
        found = Section.objects.select_for_update().filter(pk=section.pk).first()
        if found is None:
            raise _gone()
        return found
    ids = [s.pk for s in _ordered_sections(section.version_id)]
    return _ordered_sections(version.pk)[ids.index(section.pk)]


def _question_in(version: QuestionnaireVersion, question: Question) -> Question:
    """The question with the same key in ``version`` (by id in its own version)."""
    found = Question.objects.select_for_update().select_related("section")
    if question.version_id == version.pk:
        found = found.filter(pk=question.pk)
    else:
        found = found.filter(version=version, key=question.key)
    if not found:
        raise _gone()
    return found[0]


def _start_edit(*, version: QuestionnaireVersion, actor) -> QuestionnaireVersion:
    _ensure_current(version)
    return version_for_editing(call=version.call, actor=actor)


def _ordered_questions(version: QuestionnaireVersion) -> list[Question]:
    return list(
        Question.objects.filter(version=version)
        .select_related("section")
        .order_by("section__position", "section_id", "position", "id")
    )


def _order_violations(version: QuestionnaireVersion) -> list[Question]:
    """Questions whose condition refers to a question that does not come before them."""
    seen: set[str] = set()
    bad = []
    for q in _ordered_questions(version):
        if q.condition_key and q.condition_key not in seen:
            bad.append(q)
        seen.add(q.key)
    return bad


def _order_error(bad: list[Question]) -> str:
    return _(
        "So stünde Frage „%(label)s“ vor der Frage, von der sie abhängt. "
        "Eine Bedingung muss sich immer auf eine frühere Frage beziehen."
    ) % {"label": bad[0].label_de}


def questionnaire_problems(*, version: QuestionnaireVersion) -> dict[str, dict[str, str]]:
    """Every rule of the editor checked for every question of ``version`` (empty if fine).

    For questionnaires built outside the editor, such as the demo data or imports.
    """
    problems = {}
    for question in _ordered_questions(version):
        data = {name: getattr(question, name) for name in QUESTION_FIELDS}
        errors = _question_errors(version=version, data=data, instance=question)
        if errors:
            problems[question.key] = errors
    for question in _order_violations(version):
        problems.setdefault(question.key, {})["condition_key"] = _order_error([question])
    return problems


def _next_position(queryset) -> int:
    top = queryset.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def _swap(items: list, obj, direction: Direction):
    """Swap ``obj`` with its neighbour in ``items``; return the neighbour or None at the edge."""
    index = [item.pk for item in items].index(obj.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(items):
        return None
    # Positions may repeat in imported data; renumbering first makes the swap exact.
    for pos, item in enumerate(items):
        item.position = pos
    items[index].position, items[other].position = other, index
    obj.position = other
    type(obj).objects.bulk_update(items, ["position"])
    return items[other]


# Sections ---------------------------------------------------------------------------


def _section_errors(data: dict) -> dict[str, str]:
    if not data.get("title_de", "").strip():
        return {"title_de": _("Bitte geben Sie einen Titel an.")}
    return {}


@transaction.atomic
def section_create(*, call: Call, actor, data: dict) -> Section:
    errors = _section_errors(data)
    if errors:
        raise ValidationError(errors)
    version = version_for_editing(call=call, actor=actor)
    section = Section.objects.create(
        version=version,
        position=_next_position(version.sections.all()),
        **{name: data.get(name, "") for name in SECTION_FIELDS},
    )
    audit_record(actor=actor, action="questionnaire.section_created", obj=section)
    return section


@transaction.atomic
def section_update(
    *, section: Section, actor, data: dict, expected_fingerprint: str | None = None
) -> Section:
    version = _start_edit(version=section.version, actor=actor)
    section = _section_in(version, section)
    check_unchanged(section, SECTION_FIELDS, expected_fingerprint)
    errors = _section_errors(data)
    if errors:
        raise ValidationError(errors)
    values = {name: data.get(name, "") for name in SECTION_FIELDS}
    changes = changes_between(section, values)
    for name, value in values.items():
        setattr(section, name, value)
    section.save()
    if changes:
        audit_record(
            actor=actor, action="questionnaire.section_updated", obj=section, changes=changes
        )
    return section


@transaction.atomic
def section_delete(*, section: Section, actor) -> QuestionnaireVersion:
    """Delete a section with its questions, unless a question elsewhere depends on them."""
    version = _start_edit(version=section.version, actor=actor)
    section = _section_in(version, section)
    keys = set(section.questions.values_list("key", flat=True))
    dependent = (
        Question.objects.filter(version=version, condition_key__in=keys)
        .exclude(section=section)
        .first()
    )
    if dependent is not None:
        raise ValidationError(
            _(
                "Der Abschnitt kann nicht gelöscht werden: Frage „%(label)s“ hängt von einer "
                "seiner Fragen ab. Ändern Sie zuerst deren Bedingung."
            )
            % {"label": dependent.label_de},
            code="dependent",
        )
    audit_record(
        actor=actor,
        action="questionnaire.section_deleted",
        obj=section,
        changes={"questions": [sorted(keys), None]},
    )
    section.delete()
    return version


@transaction.atomic
def section_move(*, section: Section, actor, direction: Direction) -> Section:
    version = _start_edit(version=section.version, actor=actor)
    section = _section_in(version, section)
    if _swap(_ordered_sections(version.pk), section, direction) is None:
        return section
    bad = _order_violations(version)
    if bad:
        raise ValidationError(_order_error(bad), code="order")
    audit_record(
        actor=actor,
        action="questionnaire.section_moved",
        obj=section,
        changes={"direction": [None, direction]},
    )
    return section


# Questions --------------------------------------------------------------------------


def _allowed_values(question: Question | dict) -> list[str]:
    get = question.get if isinstance(question, dict) else lambda n: getattr(question, n)
    if get("type") == Question.Type.YES_NO:
        return ["yes", "no"]
    if get("type") in CHOICE_TYPES:
        return [c["value"] for c in get("choices") or []]
    return []


def _question_errors(
    *, version: QuestionnaireVersion, data: dict, instance: Question | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    others = [q for q in _ordered_questions(version) if instance is None or q.pk != instance.pk]
    by_key = {q.key: q for q in others}
    qtype = data["type"]
    if not data.get("label_de", "").strip():
        errors["label_de"] = _("Bitte geben Sie die Frage an.")
    if data["key"] in by_key:
        errors["key"] = _("Dieser Schlüssel ist in dieser Version schon vergeben.")
    choices = data.get("choices") or []
    if qtype in CHOICE_TYPES and len(choices) < 2:
        errors["choices"] = _("Auswahlfragen brauchen mindestens zwei Antwortmöglichkeiten.")
    elif qtype not in CHOICE_TYPES and choices:
        errors["choices"] = _("Antwortmöglichkeiten gibt es nur bei Einfach- und Mehrfachauswahl.")
    if data.get("max_length") is not None and qtype not in TEXT_TYPES:
        errors["max_length"] = _(
            "Eine Höchstzahl an Zeichen gibt es nur bei Textfragen (kurzer oder langer Text)."
        )
    errors.update(_condition_errors(data=data, by_key=by_key, instance=instance))
    if instance is not None:
        errors.update(_dependent_errors(data=data, others=others, instance=instance))
    return errors


def _condition_errors(*, data: dict, by_key: dict, instance: Question | None) -> dict[str, str]:
    key, value = data.get("condition_key", ""), data.get("condition_value", "")
    if not key and not value:
        return {}
    if not key:
        return {"condition_key": _("Bitte wählen Sie die Frage, von der diese Frage abhängt.")}
    if key == data["key"] or (instance is not None and key == instance.key):
        return {"condition_key": _("Eine Frage kann nicht von sich selbst abhängen.")}
    source = by_key.get(key)
    if source is None:
        return {"condition_key": _("Diese Frage gibt es in dieser Version nicht.")}
    if source.type not in CONDITION_SOURCE_TYPES:
        return {"condition_key": _("Bedingungen sind nur mit Ja/Nein- und Auswahlfragen möglich.")}
    allowed = _allowed_values(source)
    if value not in allowed:
        return {
            "condition_value": _("Bitte wählen Sie eine Antwort von Frage „%(label)s“: %(values)s.")
            % {
                "label": source.label_de,
                "values": ", ".join(f"„{display_value(source, v)}“" for v in allowed),
            }
        }
    return {}


def _dependent_errors(*, data: dict, others: list[Question], instance: Question) -> dict:
    """Changing a question must not break the conditions of questions that depend on it."""
    dependents = [q for q in others if q.condition_key == instance.key]
    if not dependents:
        return {}
    if data["type"] not in CONDITION_SOURCE_TYPES:
        return {
            "type": _(
                "Frage „%(label)s“ hängt von dieser Frage ab; sie muss deshalb eine Ja/Nein- "
                "oder Auswahlfrage bleiben."
            )
            % {"label": dependents[0].label_de}
        }
    allowed = _allowed_values(data)
    for dependent in dependents:
        if dependent.condition_value not in allowed:
            field = "choices" if data["type"] in CHOICE_TYPES else "type"
            return {
                field: _("Frage „%(label)s“ hängt von der Antwort „%(value)s“ dieser Frage ab.")
                % {"label": dependent.label_de, "value": dependent.condition_value}
            }
    return {}


def _question_values(data: dict) -> dict:
    values = {name: data.get(name) for name in QUESTION_FIELDS}
    for name in (
        "label_en",
        "short_label_de",
        "short_label_en",
        "help_de",
        "help_en",
        "condition_key",
        "condition_value",
        "prefill",
    ):
        values[name] = values[name] or ""
    values["required"] = bool(values["required"])
    values["choices"] = values["choices"] or []
    return values


@transaction.atomic
def question_create(*, section: Section, actor, data: dict) -> Question:
    """Add a question at the end of ``section``."""
    version = _start_edit(version=section.version, actor=actor)
    section = _section_in(version, section)
    errors = _question_errors(version=version, data=data, instance=None)
    if errors:
        raise ValidationError(errors)
    question = Question.objects.create(
        version=version,
        section=section,
        position=_next_position(section.questions.all()),
        **_question_values(data),
    )
    if _order_violations(version):
        raise ValidationError(
            {"condition_key": _("Die Bedingung muss sich auf eine frühere Frage beziehen.")}
        )
    audit_record(actor=actor, action="questionnaire.question_created", obj=question)
    return question


@transaction.atomic
def question_update(
    *, question: Question, actor, data: dict, expected_fingerprint: str | None = None
) -> Question:
    """Change a question; ``data["section"]`` may move it to the end of another section."""
    version = _start_edit(version=question.version, actor=actor)
    question = _question_in(version, question)
    check_unchanged(question, QUESTION_FIELDS, expected_fingerprint)
    section = _section_in(version, data.get("section") or question.section)
    errors = _question_errors(version=version, data=data, instance=question)
    if errors:
        raise ValidationError(errors)
    values = _question_values(data)
    changes = changes_between(question, values)
    old_key = question.key
    for name, value in values.items():
        setattr(question, name, value)
    if section.pk != question.section_id:
        changes["section"] = [question.section.title_de, section.title_de]
        question.section = section
        question.position = _next_position(section.questions.all())
    question.save()
    if question.key != old_key:
        # Keys are how conditions refer to questions; renaming carries the references.
        Question.objects.filter(version=version, condition_key=old_key).update(
            condition_key=question.key
        )
    bad = _order_violations(version)
    if bad:
        field = "condition_key" if question in bad else "section"
        raise ValidationError({field: _order_error(bad)})
    if changes:
        audit_record(
            actor=actor, action="questionnaire.question_updated", obj=question, changes=changes
        )
    return question


@transaction.atomic
def question_delete(*, question: Question, actor) -> QuestionnaireVersion:
    version = _start_edit(version=question.version, actor=actor)
    question = _question_in(version, question)
    dependent = Question.objects.filter(version=version, condition_key=question.key).first()
    if dependent is not None:
        raise ValidationError(
            _(
                "Die Frage kann nicht gelöscht werden: Frage „%(label)s“ hängt von ihr ab. "
                "Ändern Sie zuerst deren Bedingung."
            )
            % {"label": dependent.label_de},
            code="dependent",
        )
    audit_record(actor=actor, action="questionnaire.question_deleted", obj=question)
    question.delete()
    return version


@transaction.atomic
def question_move(*, question: Question, actor, direction: Direction) -> Question:
    """Move a question one place up or down within its section."""
    version = _start_edit(version=question.version, actor=actor)
    question = _question_in(version, question)
    siblings = list(question.section.questions.order_by("position", "id"))
    if _swap(siblings, question, direction) is None:
        return question
    bad = _order_violations(version)
    if bad:
        raise ValidationError(_order_error(bad), code="order")
    audit_record(
        actor=actor,
        action="questionnaire.question_moved",
        obj=question,
        changes={"direction": [None, direction]},
    )
    return question
