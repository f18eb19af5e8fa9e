"""Numbers and percentages in the language of the page."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.numbers import number, percent


@pytest.mark.parametrize(
    ("language", "value", "places", "expected"),
    [
        ("de", 4.08, 2, "4,08"),
        ("en", 4.08, 2, "4.08"),
        ("de", 4, 2, "4,00"),
        ("de", 1234567, 0, "1.234.567"),
        ("en", 1234567, 0, "1,234,567"),
        ("de", Decimal("2.78"), 2, "2,78"),
        ("de", 0.125, 2, "0,13"),
        ("de", -3.333, 2, "-3,33"),
    ],
)
def test_number_in_language(language, value, places, expected):
    with translation.override(language):
        assert number(value, places) == expected


def test_number_without_fixed_places_drops_trailing_zeros():
    with translation.override("de"):
        assert number(2.5, 2, fixed=False) == "2,5"


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("de", 41.7, "41,7\u00a0%"),
        ("en", 41.7, "41.7%"),
        ("de", 50.0, "50\u00a0%"),
        ("de", 12.45, "12,5\u00a0%"),
    ],
)
def test_percent_in_language(language, value, expected):
    with translation.override(language):
        assert percent(value) == expected


def test_template_filters_format_in_language():
    template = Template(
        "{% load kfa %}{{ mean|number:2 }} / {{ share|percent }} / {{ none|number:2 }}"
    )
    context = Context({"mean": 4.08, "share": 41.7, "none": None})
    with translation.override("de"):
        assert template.render(context) == "4,08 / 41,7\u00a0% / "
    with translation.override("en"):
        assert template.render(context) == "4.08 / 41.7% / "
