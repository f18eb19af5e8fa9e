"""Forms of the selection pages. Validation that needs the data lives in the services;
the forms check shape and show the services' errors at their fields."""

from decimal import Decimal

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.forms import KernFormMixin
from selection.groups import DIMENSIONS, field_name
from selection.models import LetterTemplate, OutcomeKind, RuleOverride, SelectionRules


def _count(label, help_text=""):
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=999,
        error_messages={
            "invalid": _("Bitte eine ganze Zahl angeben."),
            "min_value": _("Bitte keine negative Zahl angeben."),
            "max_value": _("Bitte höchstens 999 angeben."),
        },
    )


class RulesForm(KernFormMixin, forms.Form):
    places = forms.IntegerField(
        label=_("Anzahl der Plätze"),
        min_value=1,
        max_value=999,
        error_messages={
            "required": _("Bitte die Zahl der Plätze angeben."),
            "invalid": _("Bitte eine ganze Zahl angeben."),
            "min_value": _("Es muss mindestens einen Platz geben."),
            "max_value": _("Bitte höchstens 999 angeben."),
        },
    )
    max_per_land = forms.IntegerField(
        label=_("Höchstens je Land"),
        help_text=_("Leer lassen, wenn es keine Grenze je Land gibt."),
        required=False,
        min_value=1,
        max_value=999,
        error_messages={
            "invalid": _("Bitte eine ganze Zahl angeben."),
            "min_value": _("Bitte mindestens 1 angeben oder das Feld leer lassen."),
            "max_value": _("Bitte höchstens 999 angeben."),
        },
    )
    cover_needs = forms.BooleanField(
        label=_("Jeder in den Bewerbungen genannte Schwerpunkt ist mindestens einmal vertreten"),
        required=False,
    )
    diversity_weight = forms.DecimalField(
        label=_("Gewicht der Vielfalt"),
        help_text=_(
            "Eine Zahl zwischen 0 und 1, z. B. 0,2. Bei 0 zählen nur die Bewertungen; je "
            "größer die Zahl, desto mehr zählt, wie viele Gruppen und Länder vertreten sind."
        ),
        min_value=Decimal("0"),
        max_value=Decimal("1"),
        max_digits=3,
        decimal_places=2,
        localize=True,
        error_messages={
            "required": _("Bitte ein Gewicht zwischen 0 und 1 angeben."),
            "invalid": _("Bitte eine Zahl wie 0,2 angeben."),
            "min_value": _("Das Gewicht liegt zwischen 0 und 1."),
            "max_value": _("Das Gewicht liegt zwischen 0 und 1."),
            "max_digits": _("Bitte höchstens zwei Nachkommastellen angeben."),
            "max_decimal_places": _("Bitte höchstens zwei Nachkommastellen angeben."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dimension in DIMENSIONS:
            for group in dimension.groups:
                self.fields[field_name(group.key, "min")] = _count(_("mindestens"))
                self.fields[field_name(group.key, "max")] = _count(_("höchstens"))

    def dimensions(self):
        """(dimension, [(group, min field, max field), ...]) for the template."""
        return [
            (
                dimension,
                [
                    (group, self[field_name(group.key, "min")], self[field_name(group.key, "max")])
                    for group in dimension.groups
                ],
            )
            for dimension in DIMENSIONS
        ]

    def limits(self) -> dict[str, tuple[int | None, int | None]]:
        data = self.cleaned_data
        return {
            group.key: (
                data.get(field_name(group.key, "min")),
                data.get(field_name(group.key, "max")),
            )
            for dimension in DIMENSIONS
            for group in dimension.groups
        }

    @staticmethod
    def initial_from(rules: SelectionRules | None, *, places: int) -> dict:
        if rules is None:
            return {"places": places, "diversity_weight": Decimal("0")}
        initial = {
            "places": rules.places,
            "max_per_land": rules.max_per_land,
            "cover_needs": rules.cover_needs,
            "diversity_weight": rules.diversity_weight,
        }
        for limit in rules.group_limits.all():
            initial[field_name(limit.group, "min")] = limit.minimum
            initial[field_name(limit.group, "max")] = limit.maximum
        return initial


class OverrideForm(KernFormMixin, forms.Form):
    application = forms.ModelChoiceField(
        label=_("Bewerbung"),
        queryset=None,
        empty_label=_("Bitte wählen"),
        error_messages={
            "required": _("Bitte wählen Sie eine Bewerbung."),
            "invalid_choice": _("Bitte wählen Sie eine Bewerbung aus der Liste."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Festlegung"),
        choices=RuleOverride.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie eine Festlegung.")},
    )
    reason = forms.CharField(
        label=_("Begründung"),
        help_text=_("Die Begründung wird mit jedem Lauf gespeichert."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Bitte begründen Sie die Festlegung.")},
    )

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        field.queryset = applications
        field.label_from_instance = lambda a: f"{a.municipality.name} ({a.reference})"


class AdoptForm(KernFormMixin, forms.Form):
    waiting_list_length = forms.IntegerField(
        label=_("Plätze auf der Warteliste"),
        help_text=_("Die nächstbesten Bewerbungen nach Bewertung kommen auf die Warteliste."),
        min_value=0,
        max_value=100,
        initial=5,
        error_messages={
            "required": _("Bitte die Länge der Warteliste angeben."),
            "invalid": _("Bitte eine ganze Zahl angeben."),
            "min_value": _("Bitte keine negative Zahl angeben."),
            "max_value": _("Bitte höchstens 100 angeben."),
        },
    )


class OutcomeForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Ergebnis"),
        choices=OutcomeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie ein Ergebnis.")},
    )
    rank = forms.IntegerField(
        label=_("Platz auf der Warteliste"),
        help_text=_("Nur für die Warteliste. Leer lassen: ans Ende der Warteliste."),
        required=False,
        min_value=1,
        max_value=999,
        error_messages={
            "invalid": _("Bitte eine ganze Zahl angeben."),
            "min_value": _("Der Platz beginnt bei 1."),
            "max_value": _("Bitte höchstens 999 angeben."),
        },
    )
    reason = forms.CharField(
        label=_("Begründung der Änderung"),
        help_text=_("Pflichtangabe. Sie wird neben dem Vorschlag des Assistenten gespeichert."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Bitte begründen Sie die Änderung.")},
    )


class LetterTemplateForm(KernFormMixin, forms.Form):
    subject_de = forms.CharField(label=_("Betreff (Deutsch)"), max_length=200, required=False)
    body_de = forms.CharField(
        label=_("Text (Deutsch)"), widget=forms.Textarea(attrs={"rows": 14}), required=False
    )
    subject_en = forms.CharField(
        label=_("Betreff (Englisch)"),
        max_length=200,
        required=False,
        help_text=_("Leer lassen: Englischsprachige erhalten den deutschen Brief."),
    )
    body_en = forms.CharField(
        label=_("Text (Englisch)"), widget=forms.Textarea(attrs={"rows": 14}), required=False
    )

    @staticmethod
    def initial_from(template: LetterTemplate) -> dict:
        return {
            name: getattr(template, name)
            for name in ("subject_de", "body_de", "subject_en", "body_en")
        }


class RunCompareForm(KernFormMixin, forms.Form):
    """Two runs of one call to compare; ``runs`` are the call's runs, newest first."""

    # Both runs are always chosen (the page starts with the two newest).
    marks_optional = False

    first = forms.TypedChoiceField(
        label=_("Lauf 1"),
        coerce=int,
        error_messages={
            "required": _("Bitte wählen Sie den ersten Lauf."),
            "invalid_choice": _("Bitte wählen Sie einen Lauf aus der Liste."),
        },
    )
    second = forms.TypedChoiceField(
        label=_("Lauf 2"),
        coerce=int,
        error_messages={
            "required": _("Bitte wählen Sie den zweiten Lauf."),
            "invalid_choice": _("Bitte wählen Sie einen Lauf aus der Liste."),
        },
    )

    def __init__(self, *args, runs, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(run.pk, _run_label(run)) for run in runs]
        self.fields["first"].choices = choices
        self.fields["second"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("first") is not None and data.get("first") == data.get("second"):
            self.add_error("second", _("Bitte wählen Sie einen anderen Lauf als Lauf 1."))
        return data


def _run_label(run) -> str:
    when = formats.date_format(timezone.localtime(run.created_at), "DATETIME_FORMAT")
    return _("Lauf vom %(when)s (%(status)s)") % {"when": when, "status": run.get_status_display()}
