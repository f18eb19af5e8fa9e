"""The audit trail: one function writes it, so every change is recorded the same way."""

from django.db import models

from core.models import AuditEntry


def audit_record(
    *, actor, action: str, obj: models.Model, changes: dict | None = None
) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``obj``.

    ``changes`` maps field names to ``[old, new]``; callers leave out anything that must
    not be kept in a log (passwords, file contents, special-category data).
    """
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:255],
        changes=changes or {},
    )
