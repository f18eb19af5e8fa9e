"""Office forms for calls and questionnaires.

The forms parse and present; the rules (unique keys, conditions, dates in order) live in
``calls.services``, whose ``ValidationError``s the views put back onto these fields.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calls.fields import display_value
from calls.models import Call, Question, QuestionnaireVersion
from calls.questionnaire import CONDITION_SOURCE_TYPES
from calls.selectors import questionnaire_outline
from calls.services import CALL_FIELDS
from core.euro import EuroField
from core.forms import KernFormMixin, TitleChoiceField

BERLIN = ZoneInfo("Europe/Berlin")
CHOICE_VALUE = re.compile(r"^[a-z0-9_-]+$")
PREFILL_CHOICES = [
    ("", gettext_lazy("Keine")),
    ("name", gettext_lazy("Name der Kommune")),
    ("key", gettext_lazy("Amtlicher Gemeindeschlüssel (AGS)")),
    ("land", gettext_lazy("Land")),
    ("population", gettext_lazy("Einwohnerzahl")),
]


class BerlinDateTimeField(forms.DateTimeField):
    """A date and time entered and shown in Europe/Berlin, whatever the server's zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def prepare_value(self, value):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return timezone.localtime(value, BERLIN)
        return value

    # Beyond these years a date is a typing error, and near the ends of the calendar
    # converting to UTC would overflow.
    earliest_year, latest_year = 2000, 2100

    def to_python(self, value):
        with timezone.override(BERLIN):
            moment = super().to_python(value)
        if moment is not None and not (self.earliest_year <= moment.year <= self.latest_year):
            raise ValidationError(
                gettext_lazy("Bitte geben Sie ein Datum zwischen %(first)d und %(last)d an.")
                % {"first": self.earliest_year, "last": self.latest_year},
                code="out_of_range",
            )
        return moment


def _date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


class CallForm(KernFormMixin, forms.Form):
    slug = forms.SlugField(
        label=gettext_lazy("Kurzname"),
        max_length=50,
        help_text=gettext_lazy(
            "Teil der Adresse, z. B. „modellkommunen-2027“: Kleinbuchstaben, Ziffern "
            "und Bindestriche."
        ),
    )
    title_de = forms.CharField(label=gettext_lazy("Titel (Deutsch)"), max_length=200)
    title_en = forms.CharField(
        label=gettext_lazy("Titel (Englisch)"), max_length=200, required=False
    )
    summary_de = forms.CharField(
        label=gettext_lazy("Kurzbeschreibung (Deutsch)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    summary_en = forms.CharField(
        label=gettext_lazy("Kurzbeschreibung (Englisch)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    opens_at = BerlinDateTimeField(
        label=gettext_lazy("Bewerbung möglich ab"),
        help_text=gettext_lazy("Datum und Uhrzeit in deutscher Zeit (Europe/Berlin)."),
    )
    deadline = BerlinDateTimeField(
        label=gettext_lazy("Bewerbungsschluss"),
        help_text=gettext_lazy("Datum und Uhrzeit in deutscher Zeit (Europe/Berlin)."),
    )
    decision_date = _date_field(gettext_lazy("Entscheidung bis"))
    programme_start = _date_field(gettext_lazy("Programmbeginn"))
    programme_end = _date_field(gettext_lazy("Programmende"))
    places = forms.IntegerField(
        label=gettext_lazy("Anzahl der Plätze"), min_value=1, max_value=1000
    )
    funding_cap_per_year = EuroField(label=gettext_lazy("Förderung je Jahr bis (Euro)"))
    is_published = forms.BooleanField(
        label=gettext_lazy("Veröffentlicht"),
        required=False,
        help_text=gettext_lazy("Erst veröffentlichte Ausschreibungen sind öffentlich sichtbar."),
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_for(cls, call: Call, fingerprint: str) -> dict:
        initial = {name: getattr(call, name) for name in CALL_FIELDS}
        initial["fingerprint"] = fingerprint
        return initial


class SectionForm(KernFormMixin, forms.Form):
    title_de = forms.CharField(label=gettext_lazy("Titel (Deutsch)"), max_length=200)
    title_en = forms.CharField(
        label=gettext_lazy("Titel (Englisch)"), max_length=200, required=False
    )
    intro_de = forms.CharField(
        label=gettext_lazy("Einleitung (Deutsch)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    intro_en = forms.CharField(
        label=gettext_lazy("Einleitung (Englisch)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)


class ChoicesField(forms.CharField):
    """Answer options typed one per line as ``wert|Deutsch|English``."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                "|".join([c["value"], c.get("label_de", ""), c.get("label_en", "")]).rstrip("|")
                for c in value
            )
        return value

    def to_python(self, value) -> list[dict]:
        text = super().to_python(value) or ""
        choices, seen = [], set()
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
                raise ValidationError(
                    _("Zeile %(line)s: Bitte im Format „wert|Deutsch|English“ angeben.")
                    % {"line": number}
                )
            value_, label_de = parts[0], parts[1]
            if not CHOICE_VALUE.match(value_):
                raise ValidationError(
                    _(
                        "Zeile %(line)s: Der Wert „%(value)s“ darf nur Kleinbuchstaben, "
                        "Ziffern, - und _ enthalten."
                    )
                    % {"line": number, "value": value_}
                )
            if value_ in seen:
                raise ValidationError(
                    _("Zeile %(line)s: Den Wert „%(value)s“ gibt es schon.")
                    % {"line": number, "value": value_}
                )
            seen.add(value_)
            label_en = parts[2] if len(parts) == 3 else ""
            choices.append({"value": value_, "label_de": label_de, "label_en": label_en})
        return choices


class QuestionForm(KernFormMixin, forms.Form):
    section = TitleChoiceField(label=gettext_lazy("Abschnitt"), queryset=None, empty_label=None)
    key = forms.SlugField(
        label=gettext_lazy("Schlüssel"),
        max_length=60,
        help_text=gettext_lazy(
            "Kurzer, eindeutiger Name, z. B. „einwohner“. Er bleibt über alle Versionen "
            "gleich, damit Antworten vergleichbar sind, und wird in Bedingungen verwendet."
        ),
    )
    type = forms.ChoiceField(label=gettext_lazy("Typ"), choices=Question.Type.choices)
    label_de = forms.CharField(label=gettext_lazy("Frage (Deutsch)"), max_length=500)
    label_en = forms.CharField(
        label=gettext_lazy("Frage (Englisch)"), max_length=500, required=False
    )
    short_label_de = forms.CharField(
        label=gettext_lazy("Kurzbezeichnung (Deutsch)"),
        max_length=80,
        required=False,
        help_text=gettext_lazy(
            "Wenige Worte als Spaltenkopf in Exporten, z. B. „Ansprechperson“. Ohne "
            "Kurzbezeichnung steht dort die Frage."
        ),
    )
    short_label_en = forms.CharField(
        label=gettext_lazy("Kurzbezeichnung (Englisch)"), max_length=80, required=False
    )
    help_de = forms.CharField(
        label=gettext_lazy("Hilfetext (Deutsch)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    help_en = forms.CharField(
        label=gettext_lazy("Hilfetext (Englisch)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    required = forms.BooleanField(label=gettext_lazy("Pflichtfrage"), required=False)
    required_value = forms.CharField(
        label=gettext_lazy("Erforderliche Antwort"),
        max_length=100,
        required=False,
        help_text=gettext_lazy(
            "Nur für Zusagen und Einwilligungen: Eingereicht werden kann nur mit dieser "
            "Antwort, bei Ja/Nein-Fragen „yes“. Leer: jede Antwort genügt."
        ),
    )
    max_length = forms.IntegerField(
        label=gettext_lazy("Höchstzahl Zeichen"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=gettext_lazy("Nur bei kurzem oder langem Text. Leer: Standardgrenze."),
    )
    choices = ChoicesField(
        label=gettext_lazy("Antwortmöglichkeiten"),
        required=False,
        help_text=gettext_lazy(
            "Nur bei Einfach- und Mehrfachauswahl: eine Antwort je Zeile im Format "
            "„wert|Deutsch|English“, z. B. „geplant|In Planung|Planned“."
        ),
    )
    condition = forms.ChoiceField(
        label=gettext_lazy("Nur zeigen, wenn"),
        required=False,
        help_text=gettext_lazy(
            "Die Frage erscheint nur, wenn eine frühere Frage so beantwortet wurde."
        ),
    )
    prefill = forms.ChoiceField(
        label=gettext_lazy("Vorbelegung aus dem Register"),
        choices=PREFILL_CHOICES,
        required=False,
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    # The service reports condition problems under the model's two field names.
    SERVICE_FIELD_NAMES = {"condition_key": "condition", "condition_value": "condition"}

    def __init__(self, *args, version: QuestionnaireVersion, own_key: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = version.sections.order_by("position", "id")
        self.fields["condition"].choices = condition_choices(version=version, own_key=own_key)

    def clean(self):
        data = super().clean()
        key, _sep, value = (data.get("condition") or "").partition("=")
        data["condition_key"], data["condition_value"] = key, value
        return data

    def add_service_errors(self, exc: ValidationError, renames: dict | None = None) -> None:
        super().add_service_errors(exc, renames=self.SERVICE_FIELD_NAMES)

    @staticmethod
    def initial_for(question: Question, fingerprint: str) -> dict:
        initial = {
            name: getattr(question, name)
            for name in (
                "key",
                "type",
                "label_de",
                "label_en",
                "short_label_de",
                "short_label_en",
                "help_de",
                "help_en",
            )
        }
        initial.update(
            section=question.section_id,
            required=question.required,
            required_value=question.required_value,
            max_length=question.max_length,
            choices=question.choices,
            prefill=question.prefill,
            fingerprint=fingerprint,
        )
        if question.condition_key:
            initial["condition"] = f"{question.condition_key}={question.condition_value}"
        return initial


def condition_choices(*, version: QuestionnaireVersion, own_key: str) -> list:
    """Every answer of every yes/no or choice question, grouped by question."""
    groups: list = [("", _("Immer zeigen"))]
    for section_view in questionnaire_outline(version=version):
        for item in section_view.questions:
            q = item.question
            if q.key == own_key or q.type not in CONDITION_SOURCE_TYPES:
                continue
            values = (
                ["yes", "no"] if q.type == Question.Type.YES_NO else [c["value"] for c in q.choices]
            )
            options = [
                (
                    f"{q.key}={v}",
                    _("Frage %(number)s (%(key)s) = „%(answer)s“")
                    % {"number": item.number, "key": q.key, "answer": display_value(q, v)},
                )
                for v in values
            ]
            groups.append((f"{item.number} {q.label_de} ({q.key})", options))
    return groups
