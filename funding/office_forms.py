"""Forms of the office's funding pages. They parse input; the rules live in the
services, whose errors the views put back at these fields."""

import datetime as dt

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.euro import EuroField
from core.forms import FilterForm, KernFormMixin
from funding.models import CostCategory, ExpenseStatus
from funding.settings_services import FINAL_DUE_MONTHS_MAX, REMINDER_DAYS_MAX
from municipalities.pickers import municipality_label

MONTHS = [
    (1, _("Januar")),
    (2, _("Februar")),
    (3, _("März")),
    (4, _("April")),
    (5, _("Mai")),
    (6, _("Juni")),
    (7, _("Juli")),
    (8, _("August")),
    (9, _("September")),
    (10, _("Oktober")),
    (11, _("November")),
    (12, _("Dezember")),
]


# EuroField cleans to a Decimal, which CharField's length validator cannot measure:
# without max_length none is added (parse_euro refuses anything that is no amount).
class CapForm(KernFormMixin, forms.Form):
    cap = EuroField(
        max_length=None,
        label=_("Höchstbetrag je Kommune"),
        help_text=_("In Euro, z. B. 10.000,00. Gilt für alle Modellkommunen in diesem Jahr."),
    )


class GrantAmountForm(KernFormMixin, forms.Form):
    amount = EuroField(
        max_length=None,
        label=_("Bewilligter Betrag"),
        help_text=_("In Euro; höchstens der Höchstbetrag des Jahres."),
    )


class ReturnForm(KernFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Grund der Rückgabe"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Die Kommune sieht diesen Text und kann die Ausgabe danach ändern."),
        error_messages={"required": _("Bitte nennen Sie den Grund der Rückgabe.")},
    )


class PaidForm(KernFormMixin, forms.Form):
    paid_on = forms.DateField(
        label=_("Ausgezahlt am"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Bitte geben Sie das Datum der Auszahlung an."),
            "invalid": _("Bitte geben Sie ein gültiges Datum an."),
        },
    )

    def __init__(self, *args, payment=None, **kwargs):
        # Several payments share a page: a prefix keeps their fields apart.
        if payment is not None:
            kwargs.setdefault("prefix", f"zahlung-{payment.pk}")
        super().__init__(*args, **kwargs)

    def clean_paid_on(self):
        day = self.cleaned_data["paid_on"]
        if not dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31):
            raise forms.ValidationError(_("Bitte geben Sie ein Datum zwischen 2000 und 2100 an."))
        return day


class CategoryForm(KernFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=120,
        error_messages={"required": _("Bitte geben Sie eine Bezeichnung ein.")},
    )
    position = forms.IntegerField(
        label=_("Reihenfolge"),
        min_value=0,
        max_value=999,
        initial=0,
        help_text=_("Kleinere Zahlen stehen weiter oben."),
        error_messages={
            "required": _("Bitte geben Sie eine Zahl an."),
            "invalid": _("Bitte geben Sie eine ganze Zahl an."),
            "min_value": _("Bitte geben Sie eine Zahl von 0 bis 999 an."),
            "max_value": _("Bitte geben Sie eine Zahl von 0 bis 999 an."),
        },
    )


class CategoryEditForm(CategoryForm):
    active = forms.BooleanField(
        label=_("Für neue Einträge wählbar"),
        required=False,
        help_text=_(
            "Kategorien, auf die schon gebucht wurde, werden nicht gelöscht, nur nicht mehr "
            "angeboten."
        ),
    )


def _range_text(low: int, high: int) -> str:
    return gettext("Bitte geben Sie eine ganze Zahl von %(low)d bis %(high)d an.") % {
        "low": low,
        "high": high,
    }


# Translated when shown, not when the module is imported.
_range_message = lazy(_range_text, str)


def _number(label, *, low, high, help_text=""):
    message = _range_message(low, high)
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        help_text=help_text,
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


class SettingsForm(KernFormMixin, forms.Form):
    interim_due_month = forms.TypedChoiceField(
        label=_("Zwischennachweis fällig im Monat des Folgejahres"),
        choices=MONTHS,
        coerce=int,
        error_messages={"required": _("Bitte wählen Sie einen Monat.")},
    )
    interim_due_day = _number(_("… am Tag"), low=1, high=31)
    final_due_months = _number(
        _("Verwendungsnachweis fällig (Monate nach Programmende)"),
        low=0,
        high=FINAL_DUE_MONTHS_MAX,
    )
    reminder_days = _number(_("Erinnerung (Tage vor der Frist)"), low=1, high=REMINDER_DAYS_MAX)


class ExpenseQueueFilterForm(FilterForm):
    """The filters of the office's expense queue; without any, the submitted expenses
    of every municipality, year and category."""

    municipality = forms.ModelChoiceField(
        label=_("Kommune"), queryset=None, required=False, empty_label=_("Alle Kommunen")
    )
    year = forms.ChoiceField(label=_("Förderjahr"), required=False)
    status = forms.ChoiceField(
        label=_("Stand"),
        required=False,
        choices=[
            ("", _("Alle Stände")),
            (ExpenseStatus.SUBMITTED, _("eingereicht")),
            (ExpenseStatus.APPROVED, _("anerkannt")),
            (ExpenseStatus.RETURNED, _("zurückgegeben")),
        ],
    )
    category = forms.ModelChoiceField(
        label=_("Kategorie"),
        queryset=CostCategory.objects.order_by("position", "name"),
        required=False,
        empty_label=_("Alle Kategorien"),
    )

    def __init__(self, *args, municipalities, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        # Bounded to the cohort, so a select; named with Kreis and Land like the picker.
        self.fields["municipality"].label_from_instance = municipality_label
        self.fields["year"].choices = [("", _("Alle Jahre"))] + [(str(y), str(y)) for y in years]
        if not self.is_bound:
            self.fields["status"].initial = ExpenseStatus.SUBMITTED
