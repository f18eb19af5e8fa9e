"""Euro amounts as people in Germany type them."""

from decimal import Decimal

import pytest
from django import forms

from core.euro import EuroField


class AmountForm(forms.Form):
    amount = EuroField(label="Betrag")
    correction = EuroField(label="Korrektur", allow_negative=True, required=False)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("1234,56", Decimal("1234.56")),
        ("1234.56", Decimal("1234.56")),
        ("1234", Decimal("1234.00")),
        ("1.5", Decimal("1.50")),
        ("12.000", Decimal("12000.00")),
        (" 99,9 € ", Decimal("99.90")),
    ],
)
def test_amounts_in_german_notation_are_read(typed, expected):
    form = AmountForm(data={"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,345", "Bitte geben Sie einen Betrag in Euro ein, z. B. 1.234,56."),
        ("zwölf", "Bitte geben Sie einen Betrag in Euro ein, z. B. 1.234,56."),
        ("-5,00", "Der Betrag darf nicht negativ sein."),
        ("1" * 21, "Der Betrag ist zu lang."),
        ("999999999", "Der Betrag ist zu groß."),
    ],
)
def test_bad_amounts_get_a_german_message_at_the_field(typed, message):
    form = AmountForm(data={"amount": typed})
    assert not form.is_valid()
    assert form.errors["amount"] == [message]


def test_a_counter_entry_may_be_negative():
    form = AmountForm(data={"amount": "1", "correction": "-47,50"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["correction"] == Decimal("-47.50")


@pytest.mark.parametrize(
    "typed",
    [
        "١٢٣",  # Arabic-Indic digits
        "۱۲۳",  # Extended Arabic-Indic (Persian) digits
        "１２３",  # fullwidth digits
        "१२३",  # Devanagari digits
        "1.２34,56",  # one fullwidth digit among ASCII ones
        "12,٥٠",  # Arabic-Indic cents
        "𝟏𝟐𝟑",  # mathematical bold digits
    ],
)
def test_amounts_with_other_digits_than_0_to_9_are_a_german_error(typed):
    form = AmountForm(data={"amount": typed})
    assert not form.is_valid()
    assert form.errors["amount"] == ["Bitte geben Sie einen Betrag in Euro ein, z. B. 1.234,56."]
