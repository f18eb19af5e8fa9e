"""The office's cost categories. A category that money was ever booked on stays in the
records for good: the office can stop offering it, never remove it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record, field_changes
from funding.models import CostCategory


def _name_free(name: str, *, without: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Bitte geben Sie eine Bezeichnung ein.")})
    others = CostCategory.objects.filter(name__iexact=name)
    if without is not None:
        others = others.exclude(pk=without)
    if others.exists():
        raise ValidationError({"name": _("Eine Kategorie mit dieser Bezeichnung gibt es bereits.")})
    return name


@transaction.atomic
def category_create(*, name: str, position: int, actor) -> CostCategory:
    category = CostCategory.objects.create(name=_name_free(name), position=position, active=True)
    audit_record(
        actor=actor,
        action="funding.category_created",
        obj=category,
        changes={"name": [None, category.name], "position": [None, position]},
    )
    return category


@transaction.atomic
def category_update(
    *, category: CostCategory, name: str, position: int, active: bool, actor
) -> CostCategory:
    """Rename, reorder or switch a category on or off for new entries; what was booked
    on it keeps its category."""
    category = CostCategory.objects.select_for_update().get(pk=category.pk)
    before = {"name": category.name, "position": category.position, "active": category.active}
    category.name = _name_free(name, without=category.pk)
    category.position = position
    category.active = active
    after = {"name": category.name, "position": category.position, "active": category.active}
    changes = field_changes(before, after)
    if not changes:
        return category
    category.save(update_fields=list(changes))
    audit_record(actor=actor, action="funding.category_changed", obj=category, changes=changes)
    return category
