from django import template

from core.audit import action_label
from core.audit_display import ChangeReader, object_type_label
from municipalities.models import SizeClass

register = template.Library()

# Long values (page bodies) are cut in the audit table; the entry keeps them whole.
CHANGE_PREVIEW_CHARS = 120


@register.filter
def size_class_label(value: str) -> str:
    return str(SizeClass(value).label) if value in SizeClass.values else value


@register.filter
def audit_action(code: str) -> str:
    """An audit entry's action as words in the page's language."""
    return action_label(code)


@register.filter
def audit_object_type(label_lower: str) -> str:
    """An audit entry's object type ("core.page") as the model's name ("Seite")."""
    return object_type_label(label_lower)


@register.filter
def change_lines(entry) -> list[tuple[str, str, str]]:
    """An audit entry's changes as (field, old, new) rows in words, read with the other
    entries of its page where the view prepared them (``readable_changes``)."""
    lines = getattr(entry, "readable_changes", None)
    if lines is None:
        lines = ChangeReader([entry]).lines(entry.object_type, entry.changes)
    return [(field, _preview(old), _preview(new)) for field, old, new in lines]


def _preview(value) -> str:
    text = "" if value is None else str(value)
    if len(text) > CHANGE_PREVIEW_CHARS:
        return text[: CHANGE_PREVIEW_CHARS - 1] + "…"
    return text
