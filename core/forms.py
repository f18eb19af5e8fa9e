"""The one form kit of the site: KERN classes on the widgets, their error variants, the
links from each input to its hint and error, and service errors put back where they
belong. Fields are rendered by ``includes/field.html``, the summary of a form's errors
by ``includes/form_errors.html``.

Hint and error ids follow Django's own scheme, derived from the field's id:
``<id>_helptext`` and ``<id>_error`` (``id_title_helptext``, ``id_title_error``).
Django puts them into the input's ``aria-describedby`` (only those that are rendered)
and sets ``aria-invalid``; for radio buttons and checkbox lists the field include puts
them on the fieldset instead.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField

from core.languages import GermanText, page_speaks_german


def kern_class(widget: forms.Widget) -> str:
    """The KERN class of a widget's input(s)."""
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return "kern-form-check__checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "kern-form-check__radio"
    if isinstance(widget, forms.Select):
        return "kern-form-input__select"
    if isinstance(widget, forms.FileInput):
        return "kern-form-input__input kern-form-input__file"
    return "kern-form-input__input"


class KernBoundField(BoundField):
    """Adds the KERN class to the input, with the error variant while the field has
    errors (a class the form gives a widget itself is kept)."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            return attrs
        css = attrs.get("class") or widget.attrs.get("class") or kern_class(widget)
        if self.errors:
            css = f"{css} {css.split()[0]}--error"
        attrs["class"] = css
        if self.marked_required and not isinstance(widget, forms.CheckboxSelectMultiple):
            # Each box of a list may stay unticked, so only single inputs and radio
            # buttons say that they must be answered.
            attrs["aria-required"] = "true"
        return attrs

    @property
    def marked_required(self) -> bool:
        """Whether the label shows the star: the field is required on its own, or the
        rest of the form, as it stands, makes it required (``KernFormMixin.required_now``)."""
        required_now = getattr(self.form, "required_now", None)
        return self.field.required or (required_now is not None and self.name in required_now())

    @property
    def required_condition(self) -> str:
        """When a field that may stay empty is required after all, in words for its label
        ("Pflicht bei „formal nicht geeignet“"), or "" for a field that is simply optional."""
        return getattr(self.form, "required_when", {}).get(self.name, "")

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}_helptext"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}_error"

    @property
    def anchor_id(self) -> str:
        """Where a link from the error summary leads: the input, or the first option
        of a group (whose label names no single input)."""
        if self.id_for_label:
            return self.id_for_label
        subwidgets = self.subwidgets
        return subwidgets[0].id_for_label if subwidgets else self.auto_id

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        # A field for one language's version of a text (``title_de``, ``body_en``) holds
        # text in that language whatever the page's language is (WCAG 3.1.2).
        language = name.rpartition("_")[2]
        if "_" in name and language in dict(settings.LANGUAGES):
            field.widget.attrs.setdefault("lang", language)


class KernFormMixin:
    """The base of every form of the site (with ``forms.Form``, ``forms.ModelForm`` or
    one of Django's forms).

    No ``required`` attribute: the browser's own messages would come in the browser's
    language and before ours, so required fields are checked on the server. Required
    inputs carry ``aria-required`` instead, and their labels a star that the error
    summary's include explains once above the form.
    """

    use_required_attribute = False
    bound_field_class = KernBoundField
    # Whether the field include marks required fields with a star and fields that may
    # stay empty as optional.
    marks_optional = True

    # Fields the form accepts empty but that another answer makes required (a reason for
    # a negative decision): name -> that condition in words, shown at the label instead of
    # "optional". The rule itself stays in the service; this only says it in advance.
    required_when: dict = {}

    def required_now(self) -> set[str]:
        """The fields of ``required_when`` whose condition holds for the form as it
        stands (its bound data or what it was built for); they carry the star."""
        return set()

    def has_required_fields(self) -> bool:
        return any(field.marked_required for field in self.visible_fields())

    def visible_fields_with_errors(self) -> list[KernBoundField]:
        return [field for field in self.visible_fields() if field.errors]

    def add_service_errors(self, exc: ValidationError, renames: dict | None = None) -> None:
        """Put a service's errors at the fields they are about (or above the form);
        ``renames`` maps a service's field name to the form's where they differ."""
        renames = renames or {}
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for name, errors in exc.error_dict.items():
            target = renames.get(name, name)
            self.add_error(target if target in self.fields else None, errors)


class LanguageSelect(forms.Select):
    """A select whose options labelled with ``GermanText`` say ``lang="de"`` on pages in
    another language, beside options in the page's language ("Bitte wählen")."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if isinstance(label, GermanText) and not page_speaks_german():
            option["attrs"] = {**option["attrs"], "lang": "de"}
        return option


class TitleChoiceField(forms.ModelChoiceField):
    """A choice of objects with a German and an English title (``BilingualTitle``),
    each offered under its title in the language of the page. ``str()`` stays German
    for logs and exports; the label is made when the form is rendered, so it follows
    the request's language."""

    def label_from_instance(self, obj) -> str:
        return obj.title


class FilterForm(KernFormMixin, forms.Form):
    """The filters above a list, sent by GET. A field with invalid input is shown with
    its error and left out of the filters instead of failing the whole list."""

    # The name a filter has for the selector where it differs from the field's.
    filter_names = {"q": "query"}
    # Every filter may stay empty; saying so at each would only add noise.
    marks_optional = False

    def filters(self) -> dict:
        """Each field's value for the selector: ``None`` for an object not chosen or
        not valid, ``""`` for any other field; nothing at all while unbound."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            self.filter_names.get(name, name): self.cleaned_data.get(
                name, None if isinstance(field, forms.ModelChoiceField) else ""
            )
            for name, field in self.fields.items()
        }
