from django import template

from recommendations.field_test_display import cell_abbreviation, cell_meaning

register = template.Library()


@register.filter
def test_abbreviation(field_test) -> str:
    """The letter of a field test's state in the matrix ("L": läuft)."""
    return cell_abbreviation(field_test)


@register.filter
def test_meaning(field_test) -> str:
    """The state in words ("abgeschlossen: umgesetzt")."""
    return cell_meaning(field_test)
