import datetime as dt

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from applications.forms import ApplicationFilterForm
from applications.models import Application
from calls.models import Call
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


def _object_type_label(label_lower: str) -> str:
    """The model's German name for an audit entry's ``object_type`` (e.g. "core.page")."""
    try:
        return str(apps.get_model(label_lower)._meta.verbose_name)
    except (LookupError, ValueError):
        return label_lower


class AuditFilterForm(FilterForm):
    object_type = forms.ChoiceField(label=_("Art des Objekts"), required=False)
    q = forms.CharField(
        label=_("Suche"),
        help_text=_("Nummer oder Bezeichnung des Objekts"),
        max_length=100,
        required=False,
    )

    def __init__(self, *args, object_types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = _all(_("Alle Arten")) + [
            (value, _object_type_label(value)) for value in object_types
        ]


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
