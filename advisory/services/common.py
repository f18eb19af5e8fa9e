"""Helpers the advisory board's services share."""

from django.core.exceptions import ValidationError


def iso(value) -> str | None:
    return value.isoformat() if value else None


def required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message}, code="required")
    return value
