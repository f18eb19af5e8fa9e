"""Forms of the advisory board. They parse and present; the rules live in
``advisory.services``, whose errors the views put back at the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import LANGUAGE_CHOICES
from advisory.models import BoardBasis
from calls.forms import BerlinDateTimeField
from core.forms import KernFormMixin


class BoardForm(KernFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=200,
        help_text=_("Zum Beispiel „Fachbeirat Vielfalt und Antirassismus“."),
    )
    basis = forms.ChoiceField(
        label=_("Grundlage"),
        choices=BoardBasis.choices,
        initial=BoardBasis.NEW,
        widget=forms.RadioSelect,
        help_text=_(
            "Ein bestehender runder Tisch oder eine Arbeitsgruppe kann als Fachbeirat dienen."
        ),
    )
    existing_body = forms.CharField(
        label=_("Name des bestehenden Gremiums"),
        max_length=200,
        required=False,
        help_text=_("Nur wenn ein bestehender runder Tisch oder eine Arbeitsgruppe dient."),
    )
    constituted_on = forms.DateField(
        label=_("Konstituiert am"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        if data.get("basis") and data["basis"] != BoardBasis.NEW and not data.get("existing_body"):
            self.add_error(
                "existing_body",
                _(
                    "Bitte nennen Sie den bestehenden runden Tisch oder die Arbeitsgruppe, "
                    "die als Fachbeirat dient."
                ),
            )
        return data


class MemberForm(KernFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=150)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_(
            "Zum Beispiel eine Migrantenorganisation, der Integrationsrat, eine Beratungsstelle."
        ),
    )
    function = forms.CharField(
        label=_("Funktion"),
        max_length=200,
        required=False,
        help_text=_("Zum Beispiel Vorsitz, Geschäftsführung, wissenschaftliche Begleitung."),
    )


class InviteForm(KernFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    language = forms.ChoiceField(
        label=_("Sprache der Einladung"),
        choices=LANGUAGE_CHOICES,
        initial="de",
        widget=forms.RadioSelect,
        help_text=_("In dieser Sprache erhält die Person die Einladung."),
    )


class MeetingForm(KernFormMixin, forms.Form):
    starts_at = BerlinDateTimeField(
        label=_("Beginn"), help_text=_("Datum und Uhrzeit in deutscher Zeit.")
    )
    location = forms.CharField(
        label=_("Ort"),
        max_length=200,
        help_text=_("Zum Beispiel „Rathaus, Sitzungssaal 2“ oder „online“."),
    )


class MinutesForm(KernFormMixin, forms.Form):
    minutes = forms.CharField(
        label=_("Protokoll"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Als Text oder als PDF-Datei (oder beides)."),
    )
    decisions = forms.CharField(
        label=_("Beschlüsse"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    minutes_file = forms.FileField(
        label=_("Protokoll als PDF"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Höchstens 10 MB."),
    )
    remove_file = forms.BooleanField(label=_("Hochgeladene PDF-Datei entfernen"), required=False)
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_file:
            del self.fields["remove_file"]


class AssessmentForm(KernFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Einschätzung"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Wie schätzt der Fachbeirat den Prozess der Kommune in diesem Programmjahr ein? "
            "Was ist gelungen, wo sehen Sie Handlungsbedarf?"
        ),
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)
