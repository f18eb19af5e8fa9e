from django import template

from core.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def pct_class(value, total):
    """A CSS width class (w-pct-0 … w-pct-100) for bar charts under a strict CSP."""
    try:
        pct = round(100 * float(value) / float(total)) if total else 0
    except (TypeError, ValueError):
        pct = 0
    return f"w-pct-{max(0, min(100, pct))}"
