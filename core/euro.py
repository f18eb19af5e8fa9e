"""A form field for euro amounts as people in Germany type them: "1.234,56", "1234,56",
"1234.56" or "1234" – never more than two places after the comma.

Every money input of the site (caps of a call, grants, plan lines, expenses,
corrections, payment requests) goes through ``EuroField``.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Thousands dots only in groups of three, so "1.5" stays one and a half euros. Only the
# digits 0-9 a German form shows: ``\d`` and Decimal() would also take Arabic-Indic,
# fullwidth or Devanagari digits ("١٢٣" read as 123), which nobody can check by eye.
GERMAN = re.compile(r"^-?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]{1,2})?$|^-?[0-9]+(,[0-9]{1,2})?$")
POINT = re.compile(r"^-?[0-9]+(\.[0-9]{1,2})?$")
LIMIT = Decimal("99999999.99")


def parse_euro(text: str) -> Decimal:
    text = text.strip().replace(" ", "").replace("€", "").replace("\u00a0", "")
    if GERMAN.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif not POINT.match(text):
        raise ValidationError(
            _("Bitte geben Sie einen Betrag in Euro ein, z. B. 1.234,56."), code="invalid"
        )
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(
            _("Bitte geben Sie einen Betrag in Euro ein."), code="invalid"
        ) from exc


class EuroField(forms.CharField):
    """Cleans to a Decimal with two places; ``allow_negative`` for counter-entries."""

    # Checked on the typed text here: CharField's own length check would run on the
    # cleaned Decimal, which has no length.
    MAX_TYPED = 20

    def __init__(self, *, allow_negative: bool = False, **kwargs):
        self.allow_negative = allow_negative
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", str(self.MAX_TYPED))
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > self.MAX_TYPED:
            raise ValidationError(_("Der Betrag ist zu lang."), code="max_length")
        amount = parse_euro(value)
        if abs(amount) > LIMIT:
            raise ValidationError(_("Der Betrag ist zu groß."), code="too_large")
        if amount < 0 and not self.allow_negative:
            raise ValidationError(_("Der Betrag darf nicht negativ sein."), code="negative")
        return amount.quantize(Decimal("0.01"))
