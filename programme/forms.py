import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calls.forms import BerlinDateTimeField
from core.choices import ActivityStatus
from core.forms import KernFormMixin
from core.languages import german_only
from core.uploads import clean_upload
from programme.models import DocumentKind, ReminderKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Art des Nachweises"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    occurred_on = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, max_length=4000, widget=forms.Textarea
    )
    file = forms.FileField(
        label=_("Datei (PDF, freiwillig)"),
        required=False,
        help_text=_("Zum Beispiel der Ratsbeschluss oder ein Bericht; höchstens 10 MB."),
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(years)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            clean_upload(upload)
        return upload

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        if day.year < 2000:
            raise forms.ValidationError(_("Bitte geben Sie ein Datum ab dem Jahr 2000 an."))
        # A council decision may well predate the programme; it counts for the first year.
        earlier_allowed = self.data.get(self.add_prefix("kind")) == DocumentKind.POLITICAL_BACKING
        too_early = bool(self.years) and day < self.years[0].starts_on and not earlier_allowed
        if too_early or (self.years and day > self.years[-1].ends_on):
            raise forms.ValidationError(
                _("Das Datum muss in der Programmlaufzeit liegen (%(start)s bis %(end)s).")
                % {
                    "start": self.years[0].starts_on.strftime("%d.%m.%Y"),
                    "end": self.years[-1].ends_on.strftime("%d.%m.%Y"),
                }
            )
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ein Nachweis kann nicht in der Zukunft liegen."))
        return day


class EvaluationDateForm(KernFormMixin, forms.Form):
    starts_at = BerlinDateTimeField(label=_("Beginn"))
    description = forms.CharField(label=_("Beschreibung"), required=False, max_length=300)


class EvaluationStatusForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Stand"), choices=ActivityStatus.choices, widget=forms.RadioSelect
    )


def suggested_periods(call, count: int) -> dict[int, tuple[dt.date, dt.date]]:
    """A first year from the programme start to the end of the following calendar year
    (as in the call: 1 Nov 2025 – 31 Dec 2026), then calendar years."""
    start = call.programme_start
    first_end = dt.date(start.year + 1, 12, 31)
    periods = {1: (start, first_end)}
    for number in range(2, count + 1):
        year = first_end.year + number - 1
        periods[number] = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    return periods


class ProgrammeYearsForm(KernFormMixin, forms.Form):
    """Three programme years, each from a first to a last day."""

    def __init__(self, *args, years=(), count=3, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {y.number: y for y in years}
        suggested = suggested_periods(call, count) if call and not existing else {}
        for number in range(1, count + 1):
            year = existing.get(number)
            self.fields[f"start_{number}"] = forms.DateField(
                label=_("%(number)d. Programmjahr: erster Tag") % {"number": number},
                widget=DATE_WIDGET,
                initial=year.starts_on if year else suggested.get(number, (None, None))[0],
            )
            self.fields[f"end_{number}"] = forms.DateField(
                label=_("%(number)d. Programmjahr: letzter Tag") % {"number": number},
                widget=DATE_WIDGET,
                initial=year.ends_on if year else suggested.get(number, (None, None))[1],
            )
        self.count = count

    def periods(self) -> list[tuple[dt.date, dt.date]]:
        return [
            (self.cleaned_data[f"start_{n}"], self.cleaned_data[f"end_{n}"])
            for n in range(1, self.count + 1)
        ]


class CommitmentTargetsForm(KernFormMixin, forms.Form):
    def __init__(self, *args, commitments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.commitments = list(commitments)
        for commitment in self.commitments:
            self.fields[f"target_{commitment.pk}"] = forms.IntegerField(
                label=german_only(commitment.title),
                min_value=1,
                max_value=100,
                initial=commitment.target,
                help_text=_("einmalig im Programm") if commitment.once else _("je Programmjahr"),
            )

    def targets(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"target_{c.pk}"] for c in self.commitments}


class ReminderSettingsForm(KernFormMixin, forms.Form):
    def __init__(self, *args, kinds=(), muted=(), **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind] = forms.BooleanField(
                label=ReminderKind(kind).label, required=False, initial=kind not in muted
            )
