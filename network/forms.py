"""Forms of the network. They parse and present; the rules live in ``network.services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from calls.forms import BerlinDateTimeField
from core.forms import KernFormMixin, TitleChoiceField
from network.consent import CONSENT_LABEL, CONSENT_REQUIRED
from network.models import WorkshopFormat
from programme.cohort import programme_calls


class JoinForm(KernFormMixin, forms.Form):
    department = forms.CharField(
        label=_("Fachbereich"),
        max_length=200,
        required=False,
        help_text=_("Freiwillig. Hilft anderen Mitgliedern, Sie einzuordnen."),
    )
    # Unticked by default and required: consent must be an act of the person.
    consent = forms.BooleanField(
        label=CONSENT_LABEL, required=True, error_messages={"required": CONSENT_REQUIRED}
    )


class VisibilityForm(KernFormMixin, forms.Form):
    show_name = forms.BooleanField(
        label=_(
            "Andere Mitglieder dürfen meinen Namen, meine Kommune und meinen Fachbereich sehen."
        ),
        required=False,
        help_text=_(
            "Ohne Häkchen sehen andere Mitglieder nur „ein Mitglied aus“ Ihrem Land. Sie "
            "können das jederzeit ändern."
        ),
    )


class WorkshopForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    format = forms.ChoiceField(label=_("Format"), choices=WorkshopFormat.choices)
    description = forms.CharField(
        label=_("Beschreibung"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    starts_at = BerlinDateTimeField(
        label=_("Beginn"), help_text=_("Datum und Uhrzeit in deutscher Zeit (Europe/Berlin).")
    )
    online = forms.BooleanField(label=_("Der Workshop findet online statt."), required=False)
    location = forms.CharField(
        label=_("Ort"),
        max_length=200,
        required=False,
        help_text=_("Adresse oder Raum; bei Online-Workshops leer lassen."),
    )
    capacity = forms.IntegerField(
        label=_("Plätze"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Leer lassen, wenn die Zahl der Plätze nicht begrenzt ist."),
    )

    def __init__(self, *args, with_call: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_call:
            calls = programme_calls()
            self.fields["call"] = TitleChoiceField(
                label=_("Kohorte"),
                queryset=calls,
                initial=calls.first(),
                empty_label=None,
                help_text=_("Die Ausschreibung, aus der die Modellkommunen stammen."),
            )
            self.order_fields(["call"])

    @classmethod
    def initial_for(cls, workshop) -> dict:
        return {
            "title": workshop.title,
            "format": workshop.format,
            "description": workshop.description,
            "starts_at": workshop.starts_at,
            "online": workshop.online,
            "location": workshop.location,
            "capacity": workshop.capacity,
        }

    def workshop_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "call"}
        data["location"] = data["location"].strip()
        return data


class AnnouncementForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    body = forms.CharField(
        label=_("Text"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8})
    )


class DocumentForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(label=_("Datei (PDF)"), help_text=_("Nur PDF-Dateien, höchstens 10 MB."))


class CoordinatorForm(KernFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        help_text=_("Die Person braucht schon ein Konto auf der Plattform."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        self.user = User.objects.filter(email=email).first()
        if self.user is None:
            raise forms.ValidationError(_("Es gibt kein Konto mit dieser E-Mail-Adresse."))
        return email
