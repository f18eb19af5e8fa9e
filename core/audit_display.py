"""The changes of audit entries as people read them: the field's name instead of its
code, a person's name instead of an id, a choice's label instead of its value, numbers
and dates written as the page's language writes them.

The references of a whole page (or a chunk of an export) are looked up together, one
query per referenced model, so the number of queries does not grow with the entries.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext

from core.numbers import number

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_DECIMAL = re.compile(r"-?\d+\.\d+")


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(label_lower: str) -> str:
    """The model's name for an audit entry's ``object_type`` (e.g. "core.page")."""
    model = _model(label_lower)
    return str(model._meta.verbose_name) if model is not None else label_lower


def _field(model, name: str):
    """The model field a change key stands for ("reviewer" or "reviewer_id"); None if
    the key names no field (a computed or former field)."""
    if model is None:
        return None
    for candidate in (name, name.removesuffix("_id")):
        try:
            field = model._meta.get_field(candidate)
        except FieldDoesNotExist:
            field = None
        if getattr(field, "concrete", False):
            return field
    return None


def _pair(value) -> tuple:
    if isinstance(value, list | tuple) and len(value) == 2:
        return value[0], value[1]
    return None, value


def _key(value):
    """An id as stored in a change (2, "2"), made comparable; None if it is no id."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


class ChangeReader:
    """Reads the changes of ``entries`` (AuditEntry objects or dicts with
    ``object_type`` and ``changes``) and looks up every referenced object at once."""

    def __init__(self, entries: Iterable):
        self._names: dict[type, dict[int, str]] = {}
        wanted: dict[type, set[int]] = defaultdict(set)
        for object_type, changes in self._items(entries):
            model = _model(object_type)
            for name, value in changes.items():
                field = _field(model, str(name))
                if isinstance(field, models.ForeignKey):
                    for side in _pair(value):
                        if (key := _key(side)) is not None:
                            wanted[field.related_model].add(key)
        for related, keys in wanted.items():
            self._names[related] = {
                obj.pk: _object_name(obj) for obj in related._default_manager.filter(pk__in=keys)
            }

    @staticmethod
    def _items(entries):
        for entry in entries:
            if isinstance(entry, dict):
                object_type, changes = entry["object_type"], entry["changes"]
            else:
                object_type, changes = entry.object_type, entry.changes
            if isinstance(changes, dict):
                yield object_type, changes

    def lines(self, object_type: str, changes) -> list[tuple[str, str, str]]:
        """(field, old, new) of one entry, each as words; an empty old value is ""."""
        if not isinstance(changes, dict):
            return []
        model = _model(object_type)
        rows = []
        for name, value in changes.items():
            field = _field(model, str(name))
            old, new = _pair(value)
            label = str(field.verbose_name) if field is not None else str(name)
            rows.append((label, self.value(field, old), self.value(field, new)))
        return rows

    def value(self, field, value) -> str:
        if value is None or value == "":
            return ""
        if isinstance(field, models.ForeignKey):
            key = _key(value)
            name = self._names.get(field.related_model, {}).get(key)
            if name is not None:
                return name
            return (
                gettext("gelöscht (Nr. %(id)s)") % {"id": value} if key is not None else str(value)
            )
        if field is not None and field.choices:
            labels = {str(choice): label for choice, label in field.flatchoices}
            if str(value) in labels:
                return str(labels[str(value)])
        return _plain(field, value)


def _object_name(obj) -> str:
    full_name = getattr(obj, "full_name", None)
    return str(full_name) if full_name else str(obj)


def _plain(field, value) -> str:
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nein")
    if isinstance(value, int):
        return number(value)
    if isinstance(value, float | Decimal):
        return number(value, 2, fixed=False)
    if isinstance(value, list):
        return ", ".join(_plain(None, item) for item in value)
    if not isinstance(value, str):
        return str(value)
    if isinstance(field, models.DecimalField) or (field is None and _DECIMAL.fullmatch(value)):
        try:
            places = field.decimal_places if isinstance(field, models.DecimalField) else 2
            return number(Decimal(value), places, fixed=isinstance(field, models.DecimalField))
        except (InvalidOperation, ValueError):
            return value
    if _ISO_DATETIME.match(value) and (moment := parse_datetime(value)) is not None:
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if _ISO_DATE.fullmatch(value) and (day := parse_date(value)) is not None:
        return formats.date_format(day, "SHORT_DATE_FORMAT")
    return value


def with_readable_changes(entries: Iterable) -> list:
    """``entries`` as a list, each with its changes in words as ``readable_changes``."""
    entries = list(entries)
    reader = ChangeReader(entries)
    for entry in entries:
        entry.readable_changes = reader.lines(entry.object_type, entry.changes)
    return entries
