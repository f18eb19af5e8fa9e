from django import template

from recommendations.highlight import mark_matches

register = template.Library()


@register.filter
def marked(value, query):
    """``{{ recommendation.title|marked:query }}``: the searched words in ``<mark>``,
    everything else escaped."""
    return mark_matches(value, query or "")
