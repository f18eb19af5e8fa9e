"""The field include and the error-summary include, rendered with a form that has errors."""

import re

from django import forms
from django.template.loader import render_to_string

from core.forms import FilterForm, KernFormMixin


class TripForm(KernFormMixin, forms.Form):
    place = forms.CharField(label="Ort", help_text="Stadt oder Gemeinde.")
    note = forms.CharField(label="Notiz", required=False)
    mode = forms.ChoiceField(
        label="Anreise",
        help_text="Wie Sie anreisen.",
        choices=[("rail", "Bahn"), ("car", "Auto")],
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(label="Ich stimme zu.")
    token = forms.CharField(widget=forms.HiddenInput)


def _invalid_form() -> TripForm:
    form = TripForm(data={"note": "gut"})
    form.is_valid()
    form.add_error(None, "Die Anmeldung ist geschlossen.")
    return form


def _squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_text_field_links_hint_and_error_by_the_fields_id():
    html = _squeeze(render_to_string("includes/field.html", {"field": _invalid_form()["place"]}))

    assert html == (
        '<div class="field kern-form-input kern-form-input--error">'
        '<label class="kern-label" for="id_place">Ort '
        '<span class="required-mark" aria-hidden="true"></span></label>'
        '<div class="kern-hint" id="id_place_helptext">Stadt oder Gemeinde.</div>'
        '<p class="kern-error" id="id_place_error" role="alert">'
        '<span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true"></span>'
        '<span class="kern-body">Dieses Feld ist zwingend erforderlich.</span></p>'
        '<input type="text" name="place" aria-invalid="true" '
        'aria-describedby="id_place_helptext id_place_error" '
        'class="kern-form-input__input kern-form-input__input--error" aria-required="true" '
        'id="id_place">'
        "</div>"
    )


def test_optional_field_without_hint_or_error_is_marked_optional_and_describes_nothing():
    html = _squeeze(render_to_string("includes/field.html", {"field": _invalid_form()["note"]}))

    assert html == (
        '<div class="field kern-form-input">'
        '<label class="kern-label" for="id_note">Notiz <span class="kern-label__optional">'
        "– optional</span></label>"
        '<input type="text" name="note" value="gut" class="kern-form-input__input" id="id_note">'
        "</div>"
    )


def test_radio_group_is_a_fieldset_described_by_hint_and_error():
    html = _squeeze(render_to_string("includes/field.html", {"field": _invalid_form()["mode"]}))

    assert html.startswith(
        '<fieldset class="kern-fieldset field kern-fieldset--error" '
        'aria-describedby="id_mode_helptext id_mode_error">'
        '<legend class="kern-label">Anreise '
        '<span class="required-mark" aria-hidden="true"></span></legend>'
        '<div class="kern-hint" id="id_mode_helptext">Wie Sie anreisen.</div>'
        '<p class="kern-error" id="id_mode_error" role="alert">'
    )
    assert (
        '<div class="kern-form-check"><input type="radio" name="mode" value="rail" '
        'id="id_mode_0" aria-invalid="true" '
        'class="kern-form-check__radio kern-form-check__radio--error" aria-required="true">'
        '<label class="kern-label" for="id_mode_0">Bahn</label></div>'
    ) in html


def test_checkbox_links_its_error():
    html = _squeeze(render_to_string("includes/field.html", {"field": _invalid_form()["consent"]}))

    assert html.startswith(
        '<div class="field"><div class="kern-form-check kern-form-check--error">'
        '<input type="checkbox" name="consent" aria-invalid="true" '
        'aria-describedby="id_consent_error" '
        'class="kern-form-check__checkbox kern-form-check__checkbox--error" '
        'aria-required="true" id="id_consent">'
        '<label class="kern-label" for="id_consent">Ich stimme zu. '
        '<span class="required-mark" aria-hidden="true"></span></label></div>'
        '<p class="kern-error" id="id_consent_error" role="alert">'
    )


def test_hidden_field_is_only_the_input():
    html = render_to_string("includes/field.html", {"field": TripForm()["token"]})

    assert html.strip() == '<input type="hidden" name="token" id="id_token">'


def test_summary_names_form_errors_and_links_each_field_to_its_input():
    html = _squeeze(render_to_string("includes/form_errors.html", {"form": _invalid_form()}))

    assert html == (
        '<div class="kern-alert kern-alert--danger error-summary" role="alert" tabindex="-1" '
        "data-error-summary>"
        '<div class="kern-alert__header">'
        '<span class="kern-icon kern-icon--danger" aria-hidden="true"></span>'
        '<h2 class="kern-title">Bitte prüfen Sie Ihre Angaben.</h2></div>'
        '<div class="kern-alert__body">'
        '<p class="kern-body">Die Anmeldung ist geschlossen.</p>'
        '<p class="kern-body">Dieses Feld ist zwingend erforderlich.</p>'
        '<ul class="kern-list">'
        '<li><a class="kern-link" href="#id_place">Ort – Dieses Feld ist zwingend '
        "erforderlich.</a></li>"
        '<li><a class="kern-link" href="#id_mode_0">Anreise – Dieses Feld ist zwingend '
        "erforderlich.</a></li>"
        '<li><a class="kern-link" href="#id_consent">Dieses Feld ist zwingend '
        "erforderlich.</a></li>"
        "</ul></div></div>"
        '<p class="kern-body kern-body--small required-note">Pflichtfelder sind mit * '
        "markiert.</p>"
    )


def test_summary_of_a_form_error_alone_says_it_did_not_work_and_lists_no_fields():
    form = TripForm(data={"place": "Jena", "mode": "rail", "consent": "on", "token": "x"})
    form.is_valid()
    form.add_error(None, "Die Anmeldung ist geschlossen.")

    html = _squeeze(render_to_string("includes/form_errors.html", {"form": form}))

    assert html == (
        '<div class="kern-alert kern-alert--danger error-summary" role="alert" tabindex="-1" '
        "data-error-summary>"
        '<div class="kern-alert__header">'
        '<span class="kern-icon kern-icon--danger" aria-hidden="true"></span>'
        '<h2 class="kern-title">Das hat nicht geklappt</h2></div>'
        '<div class="kern-alert__body">'
        '<p class="kern-body">Die Anmeldung ist geschlossen.</p>'
        "</div></div>"
        '<p class="kern-body kern-body--small required-note">Pflichtfelder sind mit * '
        "markiert.</p>"
    )


def test_summary_of_a_valid_form_only_explains_the_star():
    form = TripForm(data={"place": "Jena", "mode": "rail", "consent": "on", "token": "x"})
    form.is_valid()

    assert _squeeze(render_to_string("includes/form_errors.html", {"form": form})) == (
        '<p class="kern-body kern-body--small required-note">Pflichtfelder sind mit * markiert.</p>'
    )


class NoteForm(KernFormMixin, forms.Form):
    note = forms.CharField(label="Notiz", required=False)
    newsletter = forms.BooleanField(label="Newsletter", required=False)


class TopicsForm(KernFormMixin, forms.Form):
    topics = forms.MultipleChoiceField(
        label="Themen", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )


def test_form_without_required_fields_has_no_star_to_explain():
    form = NoteForm(data={"note": "gut"})
    form.is_valid()

    assert render_to_string("includes/form_errors.html", {"form": form}).strip() == ""


def test_boxes_of_a_required_checkbox_list_are_not_each_required():
    html = _squeeze(render_to_string("includes/field.html", {"field": TopicsForm()["topics"]}))

    assert (
        '<legend class="kern-label">Themen <span class="required-mark" aria-hidden="true"></span>'
        in html
    )
    assert "aria-required" not in html


def test_optional_single_checkbox_is_neither_starred_nor_marked_optional():
    html = _squeeze(render_to_string("includes/field.html", {"field": NoteForm()["newsletter"]}))

    assert '<label class="kern-label" for="id_newsletter">Newsletter</label>' in html
    assert "aria-required" not in html


class SearchFilter(FilterForm):
    q = forms.CharField(label="Suche", required=False)


def test_filter_field_is_not_marked_optional():
    html = _squeeze(render_to_string("includes/field.html", {"field": SearchFilter()["q"]}))

    assert '<label class="kern-label" for="id_q">Suche</label>' in html


def test_filter_form_explains_no_star():
    assert render_to_string("includes/form_errors.html", {"form": SearchFilter()}).strip() == ""
