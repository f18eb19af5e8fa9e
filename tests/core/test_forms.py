"""The form kit: KERN classes, error variants, required attributes and service errors."""

import importlib

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation

from core.forms import FilterForm, KernFormMixin, TitleChoiceField, kern_class
from core.models import Page


class SampleForm(KernFormMixin, forms.Form):
    title = forms.CharField(label="Titel", help_text="Kurz und klar.")
    kind = forms.ChoiceField(label="Art", choices=[("a", "A"), ("b", "B")])
    size = forms.ChoiceField(
        label="Größe", choices=[("s", "S"), ("m", "M")], widget=forms.RadioSelect
    )
    agreed = forms.BooleanField(label="Einverstanden")
    letter = forms.FileField(label="Brief", required=False)
    marker = forms.CharField(widget=forms.HiddenInput, required=False)
    styled = forms.CharField(
        label="Eigene Klasse", required=False, widget=forms.TextInput({"class": "own"})
    )


@pytest.mark.parametrize(
    ("widget", "expected"),
    [
        (forms.TextInput(), "kern-form-input__input"),
        (forms.Textarea(), "kern-form-input__input"),
        (forms.Select(), "kern-form-input__select"),
        (forms.SelectMultiple(), "kern-form-input__select"),
        (forms.RadioSelect(), "kern-form-check__radio"),
        (forms.CheckboxInput(), "kern-form-check__checkbox"),
        (forms.CheckboxSelectMultiple(), "kern-form-check__checkbox"),
        (forms.ClearableFileInput(), "kern-form-input__input kern-form-input__file"),
    ],
)
def test_kern_class_fits_the_widget(widget, expected):
    assert kern_class(widget) == expected


def test_unbound_input_has_the_kern_class_and_aria_required_but_no_required_attribute():
    html = str(SampleForm()["title"])

    assert html == (
        '<input type="text" name="title" aria-describedby="id_title_helptext" '
        'class="kern-form-input__input" aria-required="true" id="id_title">'
    )


def test_input_with_an_error_gets_the_error_variant_and_aria_invalid():
    form = SampleForm(data={})
    form.is_valid()

    assert str(form["title"]) == (
        '<input type="text" name="title" aria-invalid="true" '
        'aria-describedby="id_title_helptext id_title_error" '
        'class="kern-form-input__input kern-form-input__input--error" aria-required="true" '
        'id="id_title">'
    )


def test_select_checkbox_and_file_get_their_error_variants():
    form = SampleForm(data={})
    form.is_valid()

    assert 'class="kern-form-input__select kern-form-input__select--error"' in str(form["kind"])
    assert 'class="kern-form-check__checkbox kern-form-check__checkbox--error"' in str(
        form["agreed"]
    )
    form.add_error("letter", "Keine PDF-Datei.")
    assert (
        'class="kern-form-input__input kern-form-input__file kern-form-input__input--error"'
        in str(form["letter"])
    )


def test_each_radio_button_gets_the_radio_class_but_no_aria_describedby():
    # The field include puts aria-describedby on the fieldset around the group.
    form = SampleForm(data={})
    form.is_valid()

    options = [str(option.tag()) for option in form["size"]]

    assert options[0] == (
        '<input type="radio" name="size" value="s" id="id_size_0" aria-invalid="true" '
        'class="kern-form-check__radio kern-form-check__radio--error" aria-required="true">'
    )
    assert form["size"].aria_describedby == "id_size_error"


def test_class_the_form_gives_is_kept():
    form = SampleForm(data={"styled": ""})
    form.add_error("styled", "Falsch.")

    assert 'class="own own--error"' in str(form["styled"])


def test_hidden_input_gets_no_class():
    assert str(SampleForm()["marker"]) == ('<input type="hidden" name="marker" id="id_marker">')


def test_hint_and_error_ids_follow_the_fields_id():
    form = SampleForm(prefix="antrag")

    assert form["title"].hint_id == "id_antrag-title_helptext"
    assert form["title"].error_id == "id_antrag-title_error"


def test_summary_anchor_is_the_input_or_the_first_option_of_a_group():
    form = SampleForm()

    assert form["title"].anchor_id == "id_title"
    assert form["size"].anchor_id == "id_size_0"


def test_visible_fields_with_errors_leaves_out_hidden_and_valid_fields():
    form = SampleForm(data={"title": "Gut", "kind": "a", "size": "s"})
    form.is_valid()
    form.add_error("marker", "Versteckt.")

    assert [field.name for field in form.visible_fields_with_errors()] == ["agreed"]


def test_service_errors_land_at_their_fields_or_above_the_form():
    form = SampleForm(data={})
    form.is_valid()
    form.errors.clear()

    form.add_service_errors(
        ValidationError({"name": "Zu lang.", "unknown": "Passt nirgends."}),
        renames={"name": "title"},
    )

    assert form.errors == {"title": ["Zu lang."], "__all__": ["Passt nirgends."]}


def test_service_error_without_field_goes_above_the_form():
    form = SampleForm(data={})
    form.is_valid()
    form.errors.clear()

    form.add_service_errors(ValidationError("Die Frist ist vorbei."))

    assert form.non_field_errors() == ["Die Frist ist vorbei."]


def _project_form_classes() -> list[type]:
    """Every form class the site's apps define (their modules are imported first)."""
    # The virtual environment may lie inside the project folder: its packages are not ours.
    project_apps = [
        config
        for config in apps.get_app_configs()
        if config.path.startswith(str(settings.BASE_DIR)) and "site-packages" not in config.path
    ]
    for config in project_apps:
        for module in ("forms", "office_forms", "report_forms", "views"):
            try:
                importlib.import_module(f"{config.name}.{module}")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.{module}":
                    raise
    names = tuple(f"{config.name}." for config in project_apps)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [
        cls
        for cls in set(subclasses(forms.BaseForm))
        if cls.__module__.startswith(names) and not cls.__name__.startswith("_")
    ]


def test_every_form_of_the_site_is_built_on_the_kit():
    found = _project_form_classes()

    outside = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in found
        if not issubclass(cls, KernFormMixin)
    )

    assert len(found) > 50
    assert outside == []


class ListFilter(FilterForm):
    group = forms.ModelChoiceField(label="Gruppe", queryset=Group.objects.all(), required=False)
    status = forms.ChoiceField(
        label="Status", choices=[("", "Alle"), ("open", "Offen")], required=False
    )
    q = forms.CharField(label="Suche", max_length=5, required=False)


def test_filter_form_unbound_filters_nothing():
    assert ListFilter().filters() == {}


@pytest.mark.django_db
def test_filter_form_passes_valid_values_under_the_selectors_names():
    group = Group.objects.create(name="Prüfung")

    form = ListFilter(data={"group": str(group.pk), "status": "open", "q": "Jena"})

    assert form.filters() == {"group": group, "status": "open", "query": "Jena"}


@pytest.mark.django_db
def test_filter_form_leaves_out_invalid_values_and_shows_their_errors():
    form = ListFilter(data={"group": "999", "status": "nein", "q": "zu lang"})

    assert form.filters() == {"group": None, "status": "", "query": ""}
    assert sorted(form.errors) == ["group", "q", "status"]


def test_title_choice_field_labels_objects_with_their_title_in_the_active_language(db):
    page = Page.objects.create(slug="ueber", title_de="Über uns", title_en="About us")
    field = TitleChoiceField(queryset=Page.objects.all(), empty_label=None)

    with translation.override("en"):
        english = [label for _value, label in field.choices]
    with translation.override("de"):
        german = [label for _value, label in field.choices]

    assert english == ["About us"]
    assert german == ["Über uns"]
    assert str(page) == "Über uns"


class ConditionalForm(KernFormMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("yes", "Ja"), ("no", "Nein")])
    reason = forms.CharField(label="Begründung", required=False)
    required_when = {"reason": "Pflicht bei „Nein“"}

    def required_now(self):
        return {"reason"} if self.is_bound and self.data.get("decision") == "no" else set()


def test_field_required_only_under_a_condition_names_the_condition_instead_of_optional():
    html = render_to_string("includes/field.html", {"field": ConditionalForm()["reason"]})

    assert "– Pflicht bei „Nein“</span>" in html
    assert "– optional" not in html
    assert "aria-required" not in html


def test_field_that_the_answer_makes_required_gets_the_star_and_aria_required():
    form = ConditionalForm(data={"decision": "no", "reason": ""})
    html = render_to_string("includes/field.html", {"field": form["reason"]})

    assert 'class="required-mark"' in html
    assert 'aria-required="true"' in html
    assert "Pflicht bei" not in html
