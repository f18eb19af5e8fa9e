"""Helpers the advisory board's services share."""

from django.core.exceptions import ValidationError


def changes_between(old: dict, new: dict) -> dict:
    """The audit trail's ``changes``: each key whose value differs, as ``[old, new]``."""
    return {key: [old[key], new[key]] for key in new if old.get(key) != new[key]}


def iso(value) -> str | None:
    return value.isoformat() if value else None


def required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message}, code="required")
    return value
