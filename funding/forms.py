"""Forms of the municipal funding pages. They check what a form can see (a German
amount, a date not in the future, a real PDF); the services check the money."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.euro import EuroField
from core.forms import KernFormMixin, LanguageSelect
from core.languages import GermanText
from core.uploads import clean_upload
from funding.models import CostCategory, Expense

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OTHER = "other"
AMOUNT_HINT = _("In Euro, z. B. 1.234,56")


def _euro(**kwargs) -> EuroField:
    # CharField's length validator runs on the cleaned value, which here is a Decimal
    # and has no length; the input's length is limited in the browser instead, and the
    # field itself refuses amounts too large.
    field = EuroField(max_length=None, **kwargs)
    field.widget.attrs["maxlength"] = "20"
    return field


def _categories(current: CostCategory | None = None):
    # A category the office retired stays selectable only on the entry that has it.
    categories = CostCategory.objects.filter(active=True)
    if current is not None and not current.active:
        categories = categories | CostCategory.objects.filter(pk=current.pk)
    return categories.order_by("position", "name")


def _not_in_future(day):
    if day is not None and day > timezone.localdate():
        raise forms.ValidationError(_("Das Datum liegt in der Zukunft."))
    return day


class PlanLineForm(KernFormMixin, forms.Form):
    category = forms.ModelChoiceField(
        label=_("Kategorie"), queryset=CostCategory.objects.none(), empty_label=_("Bitte wählen")
    )
    measure = forms.CharField(label=_("Maßnahme"), max_length=200)
    amount = _euro(label=_("Geplanter Betrag"), help_text=AMOUNT_HINT)

    def __init__(self, *args, line=None, **kwargs):
        if line is not None:
            kwargs.setdefault(
                "initial",
                {"category": line.category_id, "measure": line.measure, "amount": line.amount},
            )
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories(line.category if line else None)


def measure_choices(*, sessions, workshops) -> list:
    """A grouped list: the municipality's training sessions, its workshops, other."""
    choices: list = [("", _("Bitte wählen"))]
    if sessions:
        choices.append(
            (
                _("Schulungstermine"),
                [
                    (
                        f"s{s.pk}",
                        GermanText(
                            f"{timezone.localtime(s.starts_at):%d.%m.%Y} – {s.module_version.title}"
                        ),
                    )
                    for s in sessions
                ],
            )
        )
    if workshops:
        choices.append(
            (
                _("Empowerment-Workshops"),
                [
                    (
                        f"w{w.pk}",
                        GermanText(f"{timezone.localtime(w.starts_at):%d.%m.%Y} – {w.title}"),
                    )
                    for w in workshops
                ],
            )
        )
    choices.append((OTHER, _("Andere Maßnahme (bitte unten benennen)")))
    return choices


class ExpenseForm(KernFormMixin, forms.Form):
    spent_on = forms.DateField(label=_("Datum der Zahlung"), widget=DATE_WIDGET)
    payee = forms.CharField(label=_("Empfänger*in"), max_length=200)
    purpose = forms.CharField(label=_("Zweck"), max_length=300)
    category = forms.ModelChoiceField(
        label=_("Kategorie"), queryset=CostCategory.objects.none(), empty_label=_("Bitte wählen")
    )
    measure = forms.ChoiceField(
        label=_("Maßnahme"),
        widget=LanguageSelect,
        help_text=_("Der Schulungstermin oder Workshop, für den das Geld ausgegeben wurde."),
    )
    measure_note = forms.CharField(
        label=_("Andere Maßnahme"),
        max_length=200,
        required=False,
        help_text=_("Nur bei „Andere Maßnahme“: welche?"),
    )
    amount = _euro(label=_("Betrag"), help_text=AMOUNT_HINT)
    receipt = forms.FileField(
        label=_("Beleg (PDF)"),
        required=False,
        help_text=_("Rechnung oder Quittung als PDF, höchstens 10 MB."),
    )

    def __init__(self, *args, sessions=(), workshops=(), expense: Expense | None = None, **kwargs):
        self.sessions = {s.pk: s for s in sessions}
        self.workshops = {w.pk: w for w in workshops}
        if expense is not None:
            kwargs.setdefault("initial", self.initial_of(expense))
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories(expense.category if expense else None)
        self.fields["measure"].choices = measure_choices(
            sessions=list(self.sessions.values()), workshops=list(self.workshops.values())
        )
        if expense is not None:
            self.show_receipt(expense)

    def show_receipt(self, expense: Expense) -> None:
        """Name the receipt already stored, so nobody uploads it a second time."""
        self.stored_receipt = expense.receipt_name if expense.receipt else ""
        if expense.receipt:
            self._receipt_hint(
                _("Vorhanden: %(name)s. Eine neue Datei ersetzt den Beleg.")
                % {"name": expense.receipt_name}
            )

    def _receipt_hint(self, text: str) -> None:
        # A bound field copies its hint when it is made, which validation has already
        # done: change the copy too, or the page keeps showing the old hint.
        self.fields["receipt"].help_text = text
        self["receipt"].help_text = text

    def upload_not_kept(self, upload) -> None:
        """Browsers never fill a file input again: say that the chosen file was not
        stored and has to be chosen once more (unless the file itself was refused)."""
        if upload is None or "receipt" in self.errors:
            return
        if getattr(self, "stored_receipt", ""):
            self._receipt_hint(
                _(
                    "Die gewählte Datei %(new)s ist nicht gespeichert; bitte wählen Sie sie "
                    "erneut aus, wenn sie den vorhandenen Beleg %(name)s ersetzen soll."
                )
                % {"new": upload.name, "name": self.stored_receipt}
            )
        else:
            self._receipt_hint(
                _(
                    "Die gewählte Datei %(new)s ist noch nicht gespeichert; bitte wählen Sie "
                    "sie erneut aus."
                )
                % {"new": upload.name}
            )

    @staticmethod
    def initial_of(expense: Expense) -> dict:
        if expense.training_session_id:
            measure = f"s{expense.training_session_id}"
        elif expense.workshop_id:
            measure = f"w{expense.workshop_id}"
        else:
            measure = OTHER
        return {
            "spent_on": expense.spent_on,
            "payee": expense.payee,
            "purpose": expense.purpose,
            "category": expense.category_id,
            "measure": measure,
            "measure_note": expense.measure_note,
            "amount": expense.amount,
        }

    def clean_spent_on(self):
        return _not_in_future(self.cleaned_data.get("spent_on"))

    def clean_receipt(self):
        upload = self.cleaned_data.get("receipt")
        if upload:
            clean_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        measure = cleaned.get("measure")
        cleaned["training_session"] = None
        cleaned["workshop"] = None
        if measure == OTHER:
            # A note refused for its length has its own message already.
            if "measure_note" not in self.errors and not cleaned.get("measure_note", "").strip():
                self.add_error("measure_note", _("Bitte benennen Sie die Maßnahme."))
        elif measure:
            kind, pk = measure[0], int(measure[1:])
            if kind == "s":
                cleaned["training_session"] = self.sessions[pk]
            else:
                cleaned["workshop"] = self.workshops[pk]
            cleaned["measure_note"] = ""
        return cleaned


class CorrectionForm(KernFormMixin, forms.Form):
    amount = _euro(
        label=_("Korrekturbetrag"),
        allow_negative=True,
        help_text=_("Die Differenz zum anerkannten Betrag, z. B. -120,00 für eine Erstattung."),
    )
    spent_on = forms.DateField(label=_("Datum der Korrektur"), widget=DATE_WIDGET)
    purpose = forms.CharField(
        label=_("Grund der Korrektur"),
        max_length=300,
        help_text=_("Zum Beispiel: Gutschrift des Hotels für eine nicht genutzte Übernachtung."),
    )

    def clean_spent_on(self):
        return _not_in_future(self.cleaned_data.get("spent_on"))


class PaymentRequestForm(KernFormMixin, forms.Form):
    amount = _euro(label=_("Abzurufender Betrag"), help_text=AMOUNT_HINT)
    note = forms.CharField(
        label=_("Hinweis zur Zahlung"),
        max_length=200,
        required=False,
        help_text=_("Zum Beispiel Kassenzeichen oder Haushaltsstelle."),
    )
