from django import template

from core.markup import render_markdown
from core.rules import rule_get

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


@register.filter
def may(user, rule_name):
    """``{% if user|may:"network.inside" %}``: asks the named rule of ``core.rules``, the
    same one the view and the service ask, so a link shows exactly where it leads."""
    return rule_get(rule_name)(user)


@register.simple_tag
def rule_allows(rule_name, user, obj=None):
    """``{% rule_allows "advisory.write_minutes" user board as allowed %}``: the same
    question about one object (a filter takes only one argument)."""
    return rule_get(rule_name)(user, obj)
