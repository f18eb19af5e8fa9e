"""How a question's one-line input tells the browser what it asks for."""

import pytest

from calls.models import Question

T = Question.Type


@pytest.mark.parametrize(
    ("key", "kind", "autocomplete", "input_type"),
    [
        ("kontakt_name", T.SHORT_TEXT, "name", "text"),
        ("kontakt_funktion", T.SHORT_TEXT, "organization-title", "text"),
        ("kontakt_telefon", T.SHORT_TEXT, "tel", "tel"),
        ("kontakt_email", T.EMAIL, "email", "email"),
        ("buergermeisteramt_email", T.EMAIL, "email", "email"),
        ("kommune_name", T.SHORT_TEXT, "", "text"),
        ("einwohner", T.NUMBER, "", "number"),
        ("beschluss_datum", T.DATE, "", "date"),
    ],
)
def test_question_input_purpose_follows_key_and_type(key, kind, autocomplete, input_type):
    question = Question(key=key, type=kind)

    assert (question.autocomplete, question.input_type) == (autocomplete, input_type)
