"""Forms of the narrative report: the coordinator's texts and the office's return."""

from django import forms
from django.utils.translation import gettext_lazy as _

from calls.forms import KernFormMixin
from funding.reports import TEXT_LIMIT


class NarrativeReportForm(KernFormMixin, forms.Form):
    measures_text = forms.CharField(
        label=_("Durchgeführte Maßnahmen und Abweichungen vom Plan"),
        help_text=_("Was wurde umgesetzt, was nicht, und warum?"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    results_text = forms.CharField(
        label=_("Ergebnisse und Wirkungen"),
        help_text=_("Was hat sich in der Verwaltung verändert? Wen haben Sie erreicht?"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    outlook_text = forms.CharField(
        label=_("Schwierigkeiten, Erkenntnisse und Ausblick"),
        help_text=_("Freiwillig."),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ReportReturnForm(KernFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Was ist zu ändern?"),
        help_text=_("Die Koordination sieht diesen Text beim Sachbericht."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Bitte geben Sie an, was zu ändern ist.")},
    )
