"""Forms of the trainings. They parse and present; the rules live in
``trainings.services``, whose ``ValidationError``s the views put back onto these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from calls.forms import BerlinDateTimeField
from core.forms import KernFormMixin, LanguageSelect
from core.languages import GermanText
from trainings import selectors
from trainings.models import ModuleFormat, ModuleStatus, ModuleVersion, Suitability


def _text(label, max_length, rows=5, **kwargs):
    return forms.CharField(
        label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


# --- office ------------------------------------------------------------------------------


class VersionForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    aims = _text(_("Ziele"), 4000, rows=6)
    target_group = forms.CharField(label=_("Zielgruppe"), max_length=300)
    duration_minutes = forms.IntegerField(label=_("Dauer in Minuten"), min_value=1, max_value=32767)
    format = forms.ChoiceField(
        label=_("Format"), choices=ModuleFormat.choices, widget=forms.RadioSelect
    )
    change_note = _text(
        _("Was sich geändert hat"),
        4000,
        rows=4,
        required=False,
        help_text=_("Für Trainer*innen und Kommunen: was an dieser Version neu ist."),
    )

    @classmethod
    def for_version(cls, version: ModuleVersion, **kwargs):
        initial = {name: getattr(version, name) for name in cls.base_fields}
        return cls(initial=initial, **kwargs)


class ModuleCreateForm(VersionForm):
    code = forms.SlugField(
        label=_("Kurzzeichen"),
        max_length=40,
        help_text=_(
            "Kurz und eindeutig, z. B. „grundlagen“: Kleinbuchstaben, Ziffern, Bindestriche."
        ),
        error_messages={
            "invalid": _("Bitte nur Kleinbuchstaben, Ziffern, Binde- und Unterstriche verwenden.")
        },
    )
    change_note = None  # a first version has nothing that changed
    field_order = ["code", "title", "aims", "target_group", "duration_minutes", "format"]


class TrainersForm(KernFormMixin, forms.Form):
    trainers = forms.ModelMultipleChoiceField(
        label=_("Trainer*innen"),
        queryset=selectors.trainer_choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Wer dieses Modul in den Kommunen durchführen kann."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].label_from_instance = lambda user: user.full_name


class PublishForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Stand der veröffentlichten Version"),
        choices=[
            (ModuleStatus.PILOT.value, ModuleStatus.PILOT.label),
            (ModuleStatus.STANDARDISED.value, ModuleStatus.STANDARDISED.label),
        ],
        widget=forms.RadioSelect,
    )


class MaterialForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("PDF, Word (DOCX), PowerPoint (PPTX) oder Excel (XLSX), höchstens 10 MB."),
        error_messages={
            "required": _("Bitte wählen Sie eine Datei aus."),
            "empty": _("Die Datei ist leer."),
        },
    )


# --- sessions ----------------------------------------------------------------------------


class SessionForm(KernFormMixin, forms.Form):
    """Plan or change a session. The module is one of the published versions; the
    trainer is one of those named for it (checked by the service)."""

    module_version = forms.ModelChoiceField(
        label=_("Modul"),
        queryset=ModuleVersion.objects.none(),
        empty_label=_("Bitte wählen"),
        error_messages={"invalid_choice": _("Bitte wählen Sie ein veröffentlichtes Modul.")},
        widget=LanguageSelect,
    )
    starts_at = BerlinDateTimeField(
        label=_("Beginn"), help_text=_("Datum und Uhrzeit in deutscher Zeit (Europe/Berlin).")
    )
    online = forms.BooleanField(label=_("Der Termin findet online statt"), required=False)
    location = forms.CharField(
        label=_("Ort"),
        max_length=200,
        required=False,
        help_text=_("Gebäude und Raum; entfällt bei Online-Terminen."),
    )
    trainer = forms.ModelChoiceField(
        label=_("Trainer*in"),
        queryset=selectors.session_trainer_choices(),
        required=False,
        empty_label=_("Noch offen"),
        help_text=_("Nur Trainer*innen, die für das gewählte Modul benannt sind."),
    )

    def __init__(self, *args, versions=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["module_version"]
        field.queryset = versions if versions is not None else selectors.published_versions()
        field.label_from_instance = lambda v: GermanText(f"{v.title} ({_('Version')} {v.number})")
        self.fields["trainer"].label_from_instance = lambda user: user.full_name


class SessionRecordForm(KernFormMixin, forms.Form):
    participants = forms.IntegerField(
        label=_("Zahl der Teilnehmenden"),
        min_value=1,
        max_value=100000,
        help_text=_("Nur die Zahl; Namen werden hier nicht erfasst."),
        error_messages={"min_value": _("Bitte geben Sie mindestens eine teilnehmende Person an.")},
    )
    departments = _text(
        _("Erreichte Fachbereiche"),
        2000,
        rows=3,
        help_text=_("Zum Beispiel: Bürgeramt, Ausländerbehörde, Jugendamt."),
    )
    agenda = forms.FileField(
        label=_("Ablaufplan (PDF)"), required=False, help_text=_("Höchstens 10 MB.")
    )
    attendance = forms.FileField(
        label=_("Teilnahmeliste (PDF)"),
        required=False,
        help_text=_(
            "Höchstens 10 MB. Sie belegt die Durchführung; sehen können sie nur Ihre Kommune "
            "und das Programmbüro."
        ),
    )


class FeedbackForm(KernFormMixin, forms.Form):
    what_worked = _text(_("Was hat gut funktioniert?"), 4000)
    what_to_change = _text(_("Was sollte sich ändern?"), 4000)
    suitability = forms.ChoiceField(
        label=_("Eignung für die Standardisierung"),
        choices=Suitability.choices,
        widget=forms.RadioSelect,
    )
