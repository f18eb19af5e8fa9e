from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm, KernFormMixin
from municipalities.importer import CSV_FORMAT, GV100AD_FORMAT
from municipalities.models import Municipality

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class RegisterUploadForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Datei des Gemeindeverzeichnisses"),
        help_text=_(
            "CSV-Auszug oder GV100AD-Datei von Destatis, höchstens 20 MB. Bestehende "
            "Kommunen werden anhand ihres amtlichen Schlüssels aktualisiert, nie gelöscht."
        ),
        error_messages={
            "required": _("Bitte wählen Sie eine Datei aus."),
            "empty": _("Die Datei ist leer."),
        },
    )
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("", _("Automatisch erkennen")),
            (CSV_FORMAT, _("CSV (Auszug aus dem Gemeindeverzeichnis)")),
            (GV100AD_FORMAT, _("GV100AD (Festbreitenformat von Destatis)")),
        ],
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Die Datei ist %(size)s groß; erlaubt sind höchstens 20 MB."),
                params={"size": filesizeformat(upload.size)},
            )
        return upload


class RegisterFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Name, Schlüssel oder Postleitzahl"), required=False, max_length=100
    )
    level = forms.ChoiceField(
        label=_("Ebene"),
        choices=[("", _("Alle Ebenen")), *Municipality.Level.choices],
        required=False,
    )
    land = forms.ChoiceField(label=_("Land"), choices=[("", _("Alle Länder"))], required=False)

    def __init__(self, *args, lands=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["land"].choices = [("", _("Alle Länder"))] + [
            (land.code, land.name) for land in lands
        ]
