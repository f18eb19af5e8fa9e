from django import template

from funding.money import euro as euro_text

register = template.Library()


@register.filter
def euro(value) -> str:
    """An amount in German notation with the euro sign: 1.234,50 €."""
    return euro_text(value)
