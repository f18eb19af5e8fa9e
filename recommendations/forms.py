"""Forms of the recommendations. They parse and present; the rules live in
``recommendations.services``, whose ``ValidationError``s the views put onto these forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm, KernFormMixin, LanguageSelect
from core.languages import GermanText, german_only
from recommendations.models import AnswerStatus, Department, FieldOfAction, Licence, Version
from recommendations.services import DOWN, UP
from trainings.selectors import published_versions

# The document is written in German: its fields say so whatever the page's language
# (WCAG 3.1.2), like the ``_de`` fields of the kit.
GERMAN = {"lang": "de"}


def _text(label, max_length, rows=5, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows, **GERMAN}),
        **kwargs,
    )


def _line(label, max_length, **kwargs):
    return forms.CharField(
        label=label, max_length=max_length, widget=forms.TextInput(attrs=GERMAN), **kwargs
    )


class DocumentForm(KernFormMixin, forms.Form):
    title_de = forms.CharField(label=_("Titel (Deutsch)"), max_length=200)
    title_en = forms.CharField(label=_("Titel (Englisch)"), max_length=200, required=False)
    slug = forms.SlugField(
        label=_("Kurzname"),
        max_length=80,
        help_text=_(
            "Für Adressen, z. B. „handlungsempfehlungen“: Kleinbuchstaben, Ziffern, Bindestriche."
        ),
        error_messages={
            "invalid": _("Bitte nur Kleinbuchstaben, Ziffern, Binde- und Unterstriche verwenden.")
        },
    )


class ChapterForm(KernFormMixin, forms.Form):
    title = _line(_("Titel des Kapitels"), 200)


class RecommendationForm(KernFormMixin, forms.Form):
    title = _line(_("Titel der Empfehlung"), 300)
    rationale = _text(_("Begründung"), 8000, required=False)
    fields_of_action = forms.MultipleChoiceField(
        label=_("Handlungsfelder"),
        choices=FieldOfAction.Code.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    departments = forms.MultipleChoiceField(
        label=_("Fachbereiche"),
        choices=Department.Code.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    training_modules = forms.TypedMultipleChoiceField(
        label=_("Schulungsmodule, die diese Empfehlung behandeln"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The titles are German only; the label is made now, in the request's language.
        self.fields["training_modules"].choices = [
            (version.module_id, german_only(version.title)) for version in published_versions()
        ]

    @classmethod
    def for_recommendation(cls, recommendation, **kwargs):
        initial = {
            "title": recommendation.title,
            "rationale": recommendation.rationale,
            "fields_of_action": [f.code for f in recommendation.fields_of_action.all()],
            "departments": [d.code for d in recommendation.departments.all()],
            "training_modules": [m.pk for m in recommendation.training_modules.all()],
        }
        return cls(initial=initial, **kwargs)


class ParagraphForm(KernFormMixin, forms.Form):
    text = _text(
        _("Text des Absatzes"),
        8000,
        rows=6,
        help_text=_(
            "Einfache Auszeichnung ist möglich: **fett**, *kursiv*, Listen mit „- “ am "
            "Zeilenanfang und Links."
        ),
    )


class ChangelogForm(KernFormMixin, forms.Form):
    changelog = _text(
        _("Was sich geändert hat"),
        8000,
        rows=6,
        required=False,
        help_text=_("Für alle, die die Empfehlungen lesen: was an dieser Fassung neu ist."),
    )


class FreezeForm(KernFormMixin, forms.Form):
    label = _line(
        _("Bezeichnung der eingefrorenen Fassung"),
        40,
        help_text=_("Zum Beispiel „Entwurf 2“ oder „1.0“."),
    )


class MoveForm(KernFormMixin, forms.Form):
    direction = forms.ChoiceField(choices=[(UP, UP), (DOWN, DOWN)])
    # The position the page showed: a second click of the same button finds the item
    # already moved and leaves it there.
    position = forms.IntegerField(min_value=1)


class CompareForm(KernFormMixin, forms.Form):
    old = forms.TypedChoiceField(label=_("Ältere Fassung"), coerce=int, widget=LanguageSelect)
    new = forms.TypedChoiceField(label=_("Neuere Fassung"), coerce=int, widget=LanguageSelect)
    marks_optional = False

    def __init__(self, *args, versions: list[Version], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.pk, GermanText(v.label)) for v in versions]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("old") is not None and cleaned.get("old") == cleaned.get("new"):
            self.add_error("new", _("Bitte wählen Sie zwei verschiedene Fassungen."))
        return cleaned


class LaterVersionForm(KernFormMixin, forms.Form):
    new = forms.TypedChoiceField(label=_("Vergleichen mit"), coerce=int, widget=LanguageSelect)
    marks_optional = False

    def __init__(self, *args, versions: list[Version], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new"].choices = [(v.pk, GermanText(v.label)) for v in versions]


# --- the office's answers ------------------------------------------------------------------


class AnswerForm(KernFormMixin, forms.Form):
    """The answer to one comment; ``revision`` is the answer's revision the page showed.
    Each comment's form has its own prefix, so several stand on one page."""

    status = forms.ChoiceField(
        label=_("Status der Antwort"),
        choices=AnswerStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie einen Status."),
            "invalid_choice": _("Bitte wählen Sie einen Status."),
        },
    )
    reason = _text(
        _("Begründung"),
        8000,
        rows=3,
        error_messages={"required": _("Bitte begründen Sie die Antwort.")},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AnswerFilterForm(FilterForm):
    """Which comments the answering page shows: open, answered or all, and of which
    chapter or recommendation."""

    filter_names = {}
    zeige = forms.ChoiceField(
        label=_("Kommentare"),
        choices=[("offen", _("offen")), ("beantwortet", _("beantwortet")), ("alle", _("alle"))],
        widget=forms.RadioSelect,
        required=False,
    )
    stelle = forms.ChoiceField(
        label=_("Kapitel oder Empfehlung"), required=False, widget=LanguageSelect
    )

    def __init__(self, *args, recommendations=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("alle Kapitel und Empfehlungen"))]
        chapters = {}
        for recommendation in recommendations:
            chapters.setdefault(recommendation.chapter, []).append(recommendation)
        for chapter, items in chapters.items():
            options = [
                (
                    f"k{chapter.pk}",
                    _("Kapitel %(number)s insgesamt") % {"number": chapter.position},
                )
            ]
            options += [(f"e{r.pk}", GermanText(f"{r.number} {r.title}")) for r in items]
            choices.append((f"{chapter.position} {chapter.title}", options))
        self.fields["stelle"].choices = choices


class ConsultationMailForm(KernFormMixin, forms.Form):
    muted = forms.BooleanField(
        label=_("Keine Mails zu Beteiligungsrunden"),
        required=False,
        help_text=_(
            "Dann erhalten Sie weder Einladungen zu neuen Runden noch die Antworten auf Ihre "
            "Kommentare noch die tägliche Übersicht neuer Antworten per Mail. Auf der Seite "
            "jeder Runde finden Sie alles weiterhin."
        ),
    )


class PublishForm(KernFormMixin, forms.Form):
    licence = forms.ChoiceField(
        label=_("Lizenz der Veröffentlichung"),
        choices=Licence.choices,
        widget=forms.RadioSelect,
        help_text=_("Die öffentliche Seite und das PDF nennen sie mit einem Link auf ihren Text."),
        error_messages={"required": _("Bitte wählen Sie die Lizenz der Veröffentlichung.")},
    )


class ReadingForm(FilterForm):
    """Search and filters above a published version, sent by GET."""

    filter_names = {"q": "query", "feld": "fields"}

    q = forms.CharField(
        label=_("Im Text suchen"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    feld = forms.MultipleChoiceField(
        label=_("Handlungsfelder"),
        choices=FieldOfAction.Code.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Dieses Handlungsfeld gibt es nicht.")},
    )

    def show_counts(self, fields) -> None:
        """Offer the fields of action the search finds, each with its count."""
        self.fields["feld"].choices = [
            (item.code, _("%(label)s (%(count)s)") % {"label": item.label, "count": item.count})
            for item in fields
        ]
