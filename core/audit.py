"""The audit trail: one function writes it, so every change is recorded the same way."""

from collections.abc import Iterable

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


def field_changes(old: dict, new: dict, *, by_length: Iterable[str] = ()) -> dict:
    """The ``changes`` of ``audit_record``: each key of ``new`` whose value differs from
    ``old`` (missing there: None), as ``[old, new]``.

    Keys in ``by_length`` hold free text (minutes, assessments) that must not be copied
    into the log: they are recorded by their lengths, so the trail shows that the text
    changed, not what it says.
    """
    lengths = set(by_length)
    changes = {}
    for key, value in new.items():
        before = old.get(key)
        if before == value:
            continue
        if key in lengths:
            changes[key] = [None if before is None else len(before), len(value)]
        else:
            changes[key] = [before, value]
    return changes


def object_changes(obj: models.Model, values: dict, **kwargs) -> dict:
    """``field_changes`` from the current attributes of ``obj`` to ``values``."""
    return field_changes({name: getattr(obj, name) for name in values}, values, **kwargs)
