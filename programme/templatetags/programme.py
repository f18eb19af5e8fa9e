from django import template

register = template.Library()


@register.filter
def evidence_for(evidence, kind):
    """The evidence items of one commitment kind (empty without evidence)."""
    return evidence.for_kind(kind) if evidence else []


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0)
