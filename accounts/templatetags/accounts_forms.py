"""Render form widgets with the KERN UX classes and the ARIA links to hint and error."""

from django import template
from django.forms import CheckboxInput, RadioSelect, Select

register = template.Library()


@register.filter
def kern_widget(bound_field, has_hint=False):
    """``has_hint``: the template shows a hint of its own (``<auto_id>-hint``)."""
    widget = bound_field.field.widget
    if isinstance(widget, CheckboxInput):
        css = "kern-form-check__checkbox"
    elif isinstance(widget, RadioSelect):
        css = "kern-form-check__radio"
    elif isinstance(widget, Select):
        css = "kern-form-input__select"
    else:
        css = "kern-form-input__input"
    classes = [css]
    described_by = []
    if bound_field.help_text or has_hint:
        described_by.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        classes.append(f"{css}--error")
        described_by.append(f"{bound_field.auto_id}-error")
    attrs = {"class": " ".join(classes)}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
