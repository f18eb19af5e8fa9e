"""Forms of the narrative report: the coordinator's texts and the office's return."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import KernFormMixin
from funding.narrative import TEXT_LIMIT


def _text(label, help_text, rows: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class NarrativeReportForm(KernFormMixin, forms.Form):
    measures_text = _text(
        _("Durchgeführte Maßnahmen und Abweichungen vom Plan"),
        _("Was wurde umgesetzt, was nicht, und warum?"),
        8,
    )
    results_text = _text(
        _("Ergebnisse und Wirkungen"),
        _("Was hat sich in der Verwaltung verändert? Wen haben Sie erreicht?"),
        8,
    )
    outlook_text = _text(
        _("Schwierigkeiten, Erkenntnisse und Ausblick"),
        _("Freiwillig."),
        6,
    )


class ReportReturnForm(KernFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Was ist zu ändern?"),
        help_text=_("Die Koordination sieht diesen Text beim Sachbericht."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Bitte geben Sie an, was zu ändern ist.")},
    )
