from django import template

from recommendations.diff import render_segments

register = template.Library()


@register.filter
def diff(segments):
    """The segments of a word-level comparison as marked-up, escaped HTML."""
    return render_segments(segments)
