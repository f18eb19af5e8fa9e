from django import forms
from django.utils.translation import gettext_lazy as _

from calls.fields import form_field_for
from calls.models import Question
from core.forms import FilterForm, KernFormMixin
from municipalities.models import Land


class SectionForm(KernFormMixin, forms.Form):
    """All questions of one section as one form, named by question key."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[q.key] = form_field_for(q)

    def mark_open_points(self, messages: dict[str, str]) -> None:
        """Show errors found in the stored answers (not in this request) at their
        fields, as if the form had been sent with them."""
        if not messages:
            return
        self.full_clean()
        self.cleaned_data = getattr(self, "cleaned_data", {})
        for key, message in messages.items():
            if key in self.fields:
                self.add_error(key, message)


def initial_from_answers(questions, answers) -> dict:
    return {q.key: answers[q.key].value for q in questions if q.key in answers}


class ApplicationFilterForm(FilterForm):
    """What every office list of applications filters by; each list adds its own
    fields and puts them in order."""

    land = forms.ModelChoiceField(
        label=_("Land"),
        queryset=Land.objects.order_by("name"),
        required=False,
        empty_label=_("Alle Länder"),
    )
    q = forms.CharField(
        label=_("Suche"),
        help_text=_("Name der Kommune, Anfang des Amtlichen Schlüssels oder Aktenzeichen"),
        max_length=100,
        required=False,
    )
