import datetime as dt

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from calls.models import Call
from core.models import Page
from municipalities.models import Land, SizeClass
from office.selectors import APPLYING_KINDS


class KernFormMixin:
    """Gives every widget the KERN class it needs; labels, hints and errors are
    rendered by ``office/_field.html``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "kern-form-input__select")
            elif not widget.is_hidden:
                widget.attrs.setdefault("class", "kern-form-input__input")


def _all(label):
    return [("", label)]


class ApplicationFilterForm(KernFormMixin, forms.Form):
    call = forms.ModelChoiceField(
        label=_("Ausschreibung"),
        queryset=Call.objects.order_by("-opens_at"),
        required=False,
        empty_label=_("Alle Ausschreibungen"),
    )
    land = forms.ModelChoiceField(
        label=_("Land"),
        queryset=Land.objects.order_by("name"),
        required=False,
        empty_label=_("Alle Länder"),
    )
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
    status = forms.ChoiceField(
        label=_("Status"),
        choices=_all(_("Alle Status")) + Application.Status.choices,
        required=False,
    )
    q = forms.CharField(
        label=_("Suche"),
        help_text=_("Name der Kommune, Anfang des Amtlichen Schlüssels oder Aktenzeichen"),
        max_length=100,
        required=False,
    )

    def filters(self) -> dict:
        """The filters to apply; a field with invalid input (shown at the field) is
        left out instead of failing the whole list."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        return {
            "call": data.get("call"),
            "land": data.get("land"),
            "kind": data.get("kind", ""),
            "size_class": data.get("size_class", ""),
            "status": data.get("status", ""),
            "query": data.get("q", ""),
        }


class StatisticsFilterForm(KernFormMixin, forms.Form):
    call = forms.ModelChoiceField(
        label=_("Ausschreibung"),
        queryset=Call.objects.order_by("-opens_at"),
        required=False,
        empty_label=_("Alle Ausschreibungen"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=_all(_("Alle Status")) + Application.Status.choices,
        required=False,
    )

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            "call": self.cleaned_data.get("call"),
            "status": self.cleaned_data.get("status", ""),
        }


def _object_type_label(label_lower: str) -> str:
    """The model's German name for an audit entry's ``object_type`` (e.g. "core.page")."""
    try:
        return str(apps.get_model(label_lower)._meta.verbose_name)
    except (LookupError, ValueError):
        return label_lower


class AuditFilterForm(KernFormMixin, forms.Form):
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

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            "object_type": self.cleaned_data.get("object_type", ""),
            "query": self.cleaned_data.get("q", ""),
        }


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
