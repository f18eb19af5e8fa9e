"""How a questionnaire question becomes a form field, a stored value and readable text.

The application form, the public questionnaire page, the office's detail view and the
PDFs all go through these functions, so a question looks and validates the same
everywhere.
"""

import datetime as dt
from collections.abc import Iterable

from django import forms
from django.template.defaultfilters import date as date_filter
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calls.models import Question

TEXT_DEFAULT_MAX = {Question.Type.SHORT_TEXT: 300, Question.Type.LONG_TEXT: 5000}
YES_NO_CHOICES = [("yes", gettext_lazy("Ja")), ("no", gettext_lazy("Nein"))]


def form_field_for(question: Question) -> forms.Field:
    """A form field for ``question``.

    Fields are never required here: drafts may be incomplete. Whether every required
    question has an answer is checked once, on submission (``missing_answers``).
    """
    q = question
    common = {"label": q.label, "help_text": q.help, "required": False}
    match q.type:
        case Question.Type.SHORT_TEXT:
            return forms.CharField(max_length=q.max_length or TEXT_DEFAULT_MAX[q.type], **common)
        case Question.Type.LONG_TEXT:
            return forms.CharField(
                max_length=q.max_length or TEXT_DEFAULT_MAX[q.type],
                widget=forms.Textarea(attrs={"rows": 6}),
                **common,
            )
        case Question.Type.NUMBER:
            return forms.IntegerField(min_value=0, max_value=10**9, **common)
        case Question.Type.YES_NO:
            return forms.ChoiceField(choices=YES_NO_CHOICES, widget=forms.RadioSelect, **common)
        case Question.Type.SINGLE_CHOICE:
            return forms.ChoiceField(
                choices=q.localized_choices(), widget=forms.RadioSelect, **common
            )
        case Question.Type.MULTIPLE_CHOICE:
            return forms.MultipleChoiceField(
                choices=q.localized_choices(), widget=forms.CheckboxSelectMultiple, **common
            )
        case Question.Type.DATE:
            return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        case Question.Type.EMAIL:
            return forms.EmailField(max_length=254, **common)
        case Question.Type.FILE:
            return forms.FileField(**common)
    raise ValueError(f"unknown question type {q.type!r}")


def clean_answer(question: Question, raw):
    """Validate a submitted raw value and return what is stored as JSON (None if empty)."""
    value = form_field_for(question).clean(raw)
    if value in (None, "", []):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def answer_matches(value, expected: str) -> bool:
    if isinstance(value, list):
        return expected in value
    return value is not None and str(value) == expected


def visible_questions(questions: Iterable[Question], answers_by_key: dict) -> list[Question]:
    """The questions shown for these answers, in order.

    A question is hidden when its condition does not hold, and also when the question
    its condition refers to is itself hidden, so conditions can be chained.
    """
    shown: list[Question] = []
    shown_keys: set[str] = set()
    for q in questions:
        if q.condition_key and not (
            q.condition_key in shown_keys
            and answer_matches(answers_by_key.get(q.condition_key), q.condition_value)
        ):
            continue
        shown.append(q)
        shown_keys.add(q.key)
    return shown


def missing_answers(questions: Iterable[Question], answers_by_key: dict) -> list[Question]:
    """Required, visible questions without an answer."""
    return [
        q
        for q in visible_questions(questions, answers_by_key)
        if q.required and answers_by_key.get(q.key) in (None, "", [])
    ]


def unmet_requirements(questions: Iterable[Question], answers_by_key: dict) -> list[Question]:
    """Visible questions answered, but not with the answer they require (e.g. a "no" to
    a commitment of the call, or a missing consent)."""
    return [
        q
        for q in visible_questions(questions, answers_by_key)
        if q.required_value
        and answers_by_key.get(q.key) not in (None, "", [])
        and not answer_matches(answers_by_key.get(q.key), q.required_value)
    ]


def requirement_text(question: Question) -> str:
    """The required answer in words, for the hint at the field."""
    if not question.required_value:
        return ""
    return _("Für die Bewerbung ist die Antwort „%(value)s“ erforderlich.") % {
        "value": display_value(question, question.required_value)
    }


def display_value(question: Question, value) -> str:
    """The answer as a person reads it (labels instead of codes, dates in the language)."""
    if value in (None, "", []):
        return "—"
    match question.type:
        case Question.Type.YES_NO:
            return str(dict(YES_NO_CHOICES).get(value, value))
        case Question.Type.SINGLE_CHOICE:
            return dict(question.localized_choices()).get(value, str(value))
        case Question.Type.MULTIPLE_CHOICE:
            labels = dict(question.localized_choices())
            return "; ".join(labels.get(v, str(v)) for v in value)
        case Question.Type.DATE:
            return date_filter(dt.date.fromisoformat(value), "DATE_FORMAT")
        case Question.Type.NUMBER:
            from django.utils.formats import number_format

            return number_format(value, force_grouping=True)
    return str(value)


def condition_text(question: Question, questions_by_key: dict) -> str:
    """The condition of ``question`` in words, for the questionnaire page and PDF."""
    if not question.condition_key:
        return ""
    target = questions_by_key.get(question.condition_key)
    if target is None:
        return ""
    return _("Nur wenn die Frage „%(label)s“ mit „%(value)s“ beantwortet wurde.") % {
        "label": target.label,
        "value": display_value(target, question.condition_value)
        if target.type != Question.Type.MULTIPLE_CHOICE
        else dict(target.localized_choices()).get(question.condition_value, ""),
    }
