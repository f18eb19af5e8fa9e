import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms import ApplicationFilterForm
from applications.models import Application
from calls.models import Call
from core.audit import ACTION_LABELS
from core.audit_display import object_type_label
from core.forms import FilterForm, KernFormMixin, TitleChoiceField
from core.models import Page
from municipalities.models import SizeClass
from office.selectors import APPLYING_KINDS


def _all(label):
    return [("", label)]


def _call_filter() -> forms.ModelChoiceField:
    return TitleChoiceField(
        label=_("Ausschreibung"),
        queryset=Call.objects.order_by("-opens_at"),
        required=False,
        empty_label=_("Alle Ausschreibungen"),
    )


def _status_filter() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Status"),
        choices=_all(_("Alle Status")) + Application.Status.choices,
        required=False,
    )


class OfficeApplicationFilterForm(ApplicationFilterForm):
    call = _call_filter()
    kind = forms.ChoiceField(
        label=_("Art der Kommune"),
        choices=_all(_("Alle Arten")) + APPLYING_KINDS,
        required=False,
    )
    size_class = forms.ChoiceField(
        label=_("Größenklasse"),
        choices=_all(_("Alle Größenklassen")) + SizeClass.choices,
        required=False,
    )
    status = _status_filter()
    field_order = ["call", "land", "kind", "size_class", "status", "q"]


class StatisticsFilterForm(FilterForm):
    call = _call_filter()
    status = _status_filter()


def _audit_date(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
        error_messages={"invalid": _("Bitte ein Datum angeben, zum Beispiel 31.12.2026.")},
    )


class AuditFilterForm(FilterForm):
    person = forms.CharField(
        label=_("Person"),
        help_text=_("Teil des Namens oder der E-Mail-Adresse"),
        max_length=100,
        required=False,
    )
    action = forms.ChoiceField(label=_("Aktion"), required=False)
    object_type = forms.ChoiceField(label=_("Art des Objekts"), required=False)
    q = forms.CharField(
        label=_("Suche"),
        help_text=_("Nummer oder Bezeichnung des Objekts"),
        max_length=100,
        required=False,
    )
    date_from = _audit_date(_("Von (Tag)"))
    date_to = _audit_date(_("Bis (Tag)"))

    def __init__(self, *args, object_types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = _all(_("Alle Arten")) + [
            (value, object_type_label(value)) for value in object_types
        ]
        actions = sorted(
            ((code, str(label)) for code, label in ACTION_LABELS.items()), key=lambda c: c[1]
        )
        self.fields["action"].choices = _all(_("Alle Aktionen")) + actions

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("Der letzte Tag darf nicht vor dem ersten liegen."))
        return cleaned


MARKDOWN_HELP = _(
    "Markdown: „## Überschrift“ für Zwischenüberschriften, **fett**, *kursiv*, "
    "„- “ am Zeilenanfang für Aufzählungen, [Linktext](https://…) für Links. "
    "Andere Auszeichnungen werden entfernt."
)


class PageForm(KernFormMixin, forms.ModelForm):
    # The time of the version the form was loaded with; saving refuses if the page
    # changed since (see ``page_update``).
    loaded_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Page
        fields = ["title_de", "title_en", "body_de", "body_en"]
        widgets = {
            "body_de": forms.Textarea(attrs={"rows": 16}),
            "body_en": forms.Textarea(attrs={"rows": 16}),
        }
        help_texts = {"body_de": MARKDOWN_HELP, "body_en": MARKDOWN_HELP}

    def clean_loaded_updated_at(self) -> dt.datetime | None:
        value = self.cleaned_data["loaded_updated_at"]
        if not value:
            return None
        try:
            loaded = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Die Seite konnte nicht zugeordnet werden. Bitte laden Sie sie neu.")
            ) from exc
        if loaded.tzinfo is None:
            raise forms.ValidationError(
                _("Die Seite konnte nicht zugeordnet werden. Bitte laden Sie sie neu.")
            )
        return loaded
