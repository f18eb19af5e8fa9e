"""The rules of a run in readable lines: plural forms and numbers in the page's language."""

from decimal import Decimal

from django.utils import translation

from selection.selectors import rule_lines
from selection.solver import Rules


def test_one_municipality_per_land_is_said_in_singular():
    with translation.override("de"):
        lines = rule_lines(rules=Rules(places=10, max_per_land=1))
    assert lines[1] == "Höchstens 1 Kommune je Land"


def test_two_municipalities_per_land_are_said_in_plural():
    with translation.override("de"):
        lines = rule_lines(rules=Rules(places=10, max_per_land=2))
    assert lines[1] == "Höchstens 2 Kommunen je Land"


def test_diversity_weight_is_written_in_the_page_language():
    rules = Rules(places=10, diversity_weight=Decimal("0.2"))
    with translation.override("de"):
        assert rule_lines(rules=rules)[-1] == "Gewicht der Vielfalt: 0,20"
    with translation.override("en"):
        assert rule_lines(rules=rules)[-1] == "Diversity weight: 0.20"
