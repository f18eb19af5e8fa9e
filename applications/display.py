"""How an answer reads outside its form: office and review pages and the exports alike."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext

from applications.models import Answer
from calls.models import Question, localized_dict

MULTIPLE_CHOICE_SEPARATOR = "; "

# True also stands for 1 and False for 0 here (they hash alike).
_YES = {True, "yes", "ja", "true", "1"}
_NO = {False, "no", "nein", "false", "0"}


def _is_empty(value) -> bool:
    return value is None or value == "" or value == []


def _choice_label(question: Question, value) -> str:
    for choice in question.choices:
        if str(choice.get("value")) == str(value):
            return localized_dict(choice, "label") or str(value)
    return str(value)


def answer_date(value) -> dt.date | None:
    """The date in a date answer (stored as ISO text), or None if it is not one."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def answer_number(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None


def answer_yes_no(value) -> bool | None:
    key = value.strip().lower() if isinstance(value, str) else value
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


def value_text(*, question: Question, value, file_name: str = "") -> str:
    """An answer value as plain text: choice labels instead of codes, Ja/Nein, dates
    as dd.mm.yyyy, the original name of an uploaded file; empty if not answered.

    ``file_name`` is the name of the uploaded file, empty if there is none.
    """
    if question.type == Question.Type.FILE:
        return file_name
    if _is_empty(value):
        return ""
    if question.type == Question.Type.YES_NO:
        flag = answer_yes_no(value)
        if flag is None:
            return str(value)
        return gettext("Ja") if flag else gettext("Nein")
    if question.type == Question.Type.SINGLE_CHOICE:
        return _choice_label(question, value)
    if question.type == Question.Type.MULTIPLE_CHOICE:
        values = value if isinstance(value, list) else [value]
        return MULTIPLE_CHOICE_SEPARATOR.join(_choice_label(question, v) for v in values)
    if question.type == Question.Type.DATE:
        date = answer_date(value)
        return formats.date_format(date, "SHORT_DATE_FORMAT") if date else str(value)
    if question.type == Question.Type.NUMBER:
        number = answer_number(value)
        return formats.number_format(number) if number is not None else str(value)
    return str(value)


def value_cell(*, question: Question, value, file_name: str = ""):
    """An answer value as a spreadsheet cell: real dates and numbers where the
    question asks for them, text otherwise."""
    if not _is_empty(value):
        if question.type == Question.Type.DATE:
            date = answer_date(value)
            if date is not None:
                return date
        if question.type == Question.Type.NUMBER:
            number = answer_number(value)
            if number is not None:
                return int(number) if number == number.to_integral_value() else float(number)
    return value_text(question=question, value=value, file_name=file_name)


def answer_text(answer: Answer | None) -> str:
    if answer is None:
        return ""
    return value_text(
        question=answer.question,
        value=answer.value,
        file_name=answer.file_name if answer.file else "",
    )
