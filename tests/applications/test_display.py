"""How an answer reads outside its form, and the template filter that shows it."""

import datetime as dt

from django.template import Context, Template

from applications.display import value_cell, value_text
from applications.models import Answer
from calls.models import Question

CHOICES = [
    {"value": "netzwerk", "label_de": "Netzwerk", "label_en": "Network"},
    {"value": "schulung", "label_de": "Schulung", "label_en": "Training"},
]


def question(kind: str) -> Question:
    return Question(key="frage", type=kind, choices=CHOICES)


def test_value_text_of_a_multiple_choice_lists_the_labels_and_keeps_unknown_codes():
    text = value_text(question=question(Question.Type.MULTIPLE_CHOICE), value=["schulung", "alt"])

    assert text == "Schulung; alt"


def test_value_text_of_a_date_reads_it_the_german_way():
    assert value_text(question=question(Question.Type.DATE), value="2026-03-01") == "01.03.2026"


def test_value_text_of_a_file_question_is_the_original_file_name():
    text = value_text(question=question(Question.Type.FILE), value=None, file_name="plan.pdf")

    assert text == "plan.pdf"


def test_value_cell_of_a_number_and_a_date_are_real_values():
    number = value_cell(question=question(Question.Type.NUMBER), value="12,50")
    date = value_cell(question=question(Question.Type.DATE), value="2026-03-01")

    assert (number, date) == (12.5, dt.date(2026, 3, 1))


def test_answer_text_filter_renders_the_answer_as_text():
    answer = Answer(question=question(Question.Type.YES_NO), value="yes")

    html = Template("{% load answers %}{{ answer|answer_text }}").render(
        Context({"answer": answer})
    )

    assert html == "Ja"


def test_answer_text_filter_of_no_answer_is_empty():
    html = Template("{% load answers %}{{ answer|answer_text }}").render(Context({"answer": None}))

    assert html == ""
