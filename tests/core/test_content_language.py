"""Content entered only in German says so on pages in another language (WCAG 3.1.2)."""

from django import forms
from django.template import Context, Template
from django.utils import translation

from core.forms import KernFormMixin, LanguageSelect
from core.languages import GermanText
from evaluation.forms import AnswerForm, item_field_name
from evaluation.models import Item

TEMPLATE = Template("{% load kfa %}<h2{% content_lang %}>{{ title }}</h2><p>{{ title|german }}</p>")


def render(language: str, title: str) -> str:
    with translation.override(language):
        return TEMPLATE.render(Context({"title": title}))


def test_german_content_on_an_english_page_is_marked_german():
    html = render("en", "Auftakt & Austausch")

    assert html == (
        '<h2 lang="de">Auftakt &amp; Austausch</h2>'
        '<p><span lang="de">Auftakt &amp; Austausch</span></p>'
    )


def test_german_content_on_a_german_page_needs_no_mark():
    assert render("de", "<b>Auftakt</b>") == (
        "<h2>&lt;b&gt;Auftakt&lt;/b&gt;</h2><p>&lt;b&gt;Auftakt&lt;/b&gt;</p>"
    )


def test_a_translated_sentence_marks_only_the_german_title():
    template = Template(
        "{% load i18n kfa %}"
        "{% blocktranslate with title=title|german %}Ergebnisse: {{ title }}{% endblocktranslate %}"
    )
    with translation.override("en"):
        html = template.render(Context({"title": "Feedback Modul 1"}))

    assert html == 'Results: <span lang="de">Feedback Modul 1</span>'


def test_survey_questions_and_scales_are_marked_german_in_english(db):
    from tests.evaluation import helpers

    version = helpers.instrument()
    items = list(Item.objects.filter(version=version, key="klar"))
    with translation.override("en"):
        form = AnswerForm(items=items, paired=False)
        field = form[item_field_name(items[0])]
        html = f"{field.label}{field}"

    assert '<span lang="de">Frage klar</span>' in html
    assert '<span lang="de">gar nicht</span>' in html


class BilingualForm(KernFormMixin, forms.Form):
    title_de = forms.CharField(label="Titel (Deutsch)")
    body_en = forms.CharField(label="Text (Englisch)", widget=forms.Textarea)
    municipality_name = forms.CharField(label="Name der Kommune")


def test_a_field_for_one_languages_text_says_its_language_on_every_page():
    with translation.override("en"):
        form = BilingualForm()
        inputs = {name: str(form[name]) for name in form.fields}

    assert 'lang="de"' in inputs["title_de"]
    assert 'lang="en"' in inputs["body_en"]
    assert "lang=" not in inputs["municipality_name"]


class MeasureForm(KernFormMixin, forms.Form):
    measure = forms.ChoiceField(
        label="Maßnahme",
        choices=[("", "Bitte wählen"), ("s1", GermanText("04.12.2026 – Grundlagen"))],
        widget=LanguageSelect,
    )


def test_a_german_option_says_so_beside_options_in_the_pages_language():
    with translation.override("en"):
        html = str(MeasureForm()["measure"])

    assert '<option value="" selected>Bitte wählen</option>' in html
    assert '<option value="s1" lang="de">04.12.2026 – Grundlagen</option>' in html


def test_a_german_option_on_a_german_page_needs_no_mark():
    with translation.override("de"):
        html = str(MeasureForm()["measure"])

    assert "lang=" not in html
