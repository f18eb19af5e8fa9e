"""Forms of the field tests. They parse and present; the rules live in
``recommendations.field_tests``, whose errors the views put onto these forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm, KernFormMixin, LanguageSelect
from core.languages import GermanText
from core.uploads import clean_upload
from recommendations.models import Department, FieldTestResult

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label, *, required=False, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=8000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def recommendation_choices(recommendations) -> list:
    """Grouped by document and chapter; each recommendation with its number and title."""
    groups: dict[str, list] = {}
    for r in recommendations:
        group = f"{r.version.document.title_de} – {r.chapter.position}. {r.chapter.title}"
        groups.setdefault(group, []).append((str(r.pk), GermanText(f"{r.number} {r.title}")))
    return [("", _("Bitte wählen")), *groups.items()]


class FieldTestPlanForm(KernFormMixin, forms.Form):
    recommendation = forms.TypedChoiceField(
        label=_("Handlungsempfehlung"),
        coerce=int,
        widget=LanguageSelect,
        help_text=_("Aus der aktuellen eingefrorenen oder veröffentlichten Fassung."),
    )
    department = forms.ChoiceField(
        label=_("Fachbereich"), choices=[("", _("Bitte wählen")), *Department.Code.choices]
    )
    plan_what = forms.CharField(
        label=_("Was wird erprobt?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    plan_where = forms.CharField(label=_("Wo (Stelle, Team)?"), max_length=200)
    plan_who = forms.CharField(label=_("Wer ist verantwortlich?"), max_length=200)
    starts_on = forms.DateField(label=_("Beginn"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Ende"), widget=DATE_WIDGET)

    def __init__(self, *args, recommendations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if recommendations is None:
            # Changing a plan keeps its recommendation.
            del self.fields["recommendation"]
        else:
            self.recommendations = {r.pk: r for r in recommendations}
            self.fields["recommendation"].choices = recommendation_choices(recommendations)

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Das Ende darf nicht vor dem Beginn liegen."))
        return data

    def plan(self) -> dict:
        data = dict(self.cleaned_data)
        if "recommendation" in data:
            data["recommendation"] = self.recommendations[data["recommendation"]]
        return data


class FieldTestResultForm(KernFormMixin, forms.Form):
    result = forms.ChoiceField(
        label=_("Ergebnis"), choices=FieldTestResult.choices, widget=forms.RadioSelect
    )
    observations = _text(_("Beobachtungen"))
    obstacles = _text(_("Hindernisse"))
    helped = _text(_("Was geholfen hat"))
    proposal = _text(
        _("Vorschlag für den Text der Empfehlung"),
        help_text=_(
            "Ihre Formulierung geht als Vorschlag in die nächste Beteiligungsrunde zu dieser "
            "Empfehlung ein."
        ),
    )


class FieldTestEvidenceForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel des Nachweises"), max_length=200)
    file = forms.FileField(
        label=_("Datei (PDF)"),
        help_text=_(
            "Zum Beispiel ein geändertes Formular, ein Leitfaden oder ein Protokoll; "
            "höchstens 10 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        clean_upload(upload)
        return upload


class MatrixFilterForm(FilterForm):
    """Which model municipalities the matrix shows as columns: of one cohort, of one Land."""

    kohorte = forms.ChoiceField(label=_("Kohorte"), required=False)
    land = forms.ChoiceField(label=_("Land"), required=False)

    def __init__(self, *args, calls=(), lands=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kohorte"].choices = [("", _("alle Kohorten"))] + [
            (str(call.pk), call.title) for call in calls
        ]
        self.fields["land"].choices = [("", _("alle Länder"))] + [
            (str(land.pk), land.name) for land in lands
        ]
