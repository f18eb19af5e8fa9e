from django import forms

from calls.fields import form_field_for
from calls.models import Question


class SectionForm(forms.Form):
    """All questions of one section as one form, named by question key."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[q.key] = form_field_for(q)


def initial_from_answers(questions, answers) -> dict:
    return {q.key: answers[q.key].value for q in questions if q.key in answers}
