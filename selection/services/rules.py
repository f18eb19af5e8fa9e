"""The office's selection rules: places, limits per Land and group, fixed applications."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from applications.models import Application
from calls.models import Call
from core.audit import audit_record
from selection.groups import GROUPS, field_name
from selection.guards import rules_locked_text
from selection.models import Decision, GroupLimit, RuleOverride, SelectionRules


def selection_rules_save(
    *,
    call: Call,
    actor,
    places: int,
    max_per_land: int | None,
    cover_needs: bool,
    diversity_weight: Decimal,
    limits: dict[str, tuple[int | None, int | None]],
) -> SelectionRules:
    """Save the rules of ``call``; ``limits`` maps group keys to (minimum, maximum).

    Refused once the call's decision is released. Every change is audited with the
    values before and after; saving the same values again records nothing.
    """
    errors = _rules_errors(
        places=places, max_per_land=max_per_land, weight=diversity_weight, limits=limits
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _refuse_when_released(call=call)
        rules, created = SelectionRules.objects.select_for_update().get_or_create(
            call=call, defaults={"places": places}
        )
        before = {} if created else _rules_values(rules)
        rules.places = places
        rules.max_per_land = max_per_land
        rules.cover_needs = cover_needs
        rules.diversity_weight = diversity_weight
        rules.updated_by = actor
        rules.save()
        rules.group_limits.all().delete()
        GroupLimit.objects.bulk_create(
            GroupLimit(rules=rules, group=key, minimum=low, maximum=high)
            for key, (low, high) in limits.items()
            if low is not None or high is not None
        )
        changes = {
            key: [before.get(key), value]
            for key, value in _rules_values(rules).items()
            if before.get(key) != value
        }
        if changes:
            audit_record(actor=actor, action="selection.rules_changed", obj=rules, changes=changes)
    return rules


def _refuse_when_released(*, call: Call) -> None:
    decision = (
        Decision.objects.select_for_update().filter(call=call, released_at__isnull=False).first()
    )
    if decision is not None:
        raise ValidationError(rules_locked_text(decision=decision))


def _rules_values(rules: SelectionRules) -> dict:
    """The rules as the audit trail keeps them: the model's fields by name, and each
    bound of a group under its German label (the trail is a record, read in German)."""
    values = {
        "places": rules.places,
        "max_per_land": rules.max_per_land,
        "cover_needs": rules.cover_needs,
        "diversity_weight": str(Decimal(rules.diversity_weight).quantize(Decimal("0.01"))),
    }
    limits = {limit.group: limit for limit in rules.group_limits.all()}
    with translation.override("de"):
        for key, group in GROUPS.items():
            limit = limits.get(key)
            values[f"{group.label}: mindestens"] = limit.minimum if limit else None
            values[f"{group.label}: höchstens"] = limit.maximum if limit else None
    return values


def _rules_errors(*, places, max_per_land, weight, limits) -> dict[str, str]:
    errors = {}
    if places < 1:
        errors["places"] = _("Es muss mindestens einen Platz geben.")
    if max_per_land is not None and max_per_land < 1:
        errors["max_per_land"] = _("Bitte mindestens 1 angeben oder das Feld leer lassen.")
    if not Decimal("0") <= weight <= Decimal("1"):
        errors["diversity_weight"] = _("Das Gewicht liegt zwischen 0 und 1.")
    for key, (low, high) in limits.items():
        if key not in GROUPS:
            raise ValueError(f"unknown group {key!r}")
        for bound, value in (("min", low), ("max", high)):
            if value is not None and value < 0:
                errors[field_name(key, bound)] = _("Bitte keine negative Zahl angeben.")
        if low is not None and high is not None and low > high:
            errors[field_name(key, "min")] = _(
                "Das Minimum (%(low)s) ist größer als das Maximum (%(high)s)."
            ) % {"low": low, "high": high}
        elif low is not None and places >= 1 and low > places:
            errors[field_name(key, "min")] = _(
                "Das Minimum (%(low)s) ist größer als die Zahl der Plätze (%(places)s)."
            ) % {"low": low, "places": places}
    return errors


def rule_override_add(
    *, call: Call, actor, application: Application, kind: str, reason: str
) -> RuleOverride:
    """Fix ``application`` in or out of every following run, with a written reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte begründen Sie die Festlegung.")})
    if application.call_id != call.pk:
        raise ValidationError(
            {"application": _("Die Bewerbung gehört nicht zu dieser Ausschreibung.")}
        )
    if kind not in RuleOverride.Kind.values:
        raise ValidationError({"kind": _("Bitte wählen Sie eine Festlegung.")})
    with transaction.atomic():
        _refuse_when_released(call=call)
        rules, _created = SelectionRules.objects.get_or_create(
            call=call, defaults={"places": call.places}
        )
        override, _created = RuleOverride.objects.update_or_create(
            rules=rules,
            application=application,
            defaults={"kind": kind, "reason": reason, "created_by": actor},
        )
        audit_record(
            actor=actor,
            action="selection.override_set",
            obj=application,
            changes={"festlegung": [None, kind]},
        )
    return override


def rule_override_remove(*, call: Call, actor, application_id: int) -> bool:
    """Lift the fixing of one application; refused once the decision is released."""
    with transaction.atomic():
        _refuse_when_released(call=call)
        override = (
            RuleOverride.objects.select_related("application")
            .filter(rules__call=call, application_id=application_id)
            .first()
        )
        if override is None:
            return False
        audit_record(
            actor=actor,
            action="selection.override_removed",
            obj=override.application,
            changes={"festlegung": [override.kind, None]},
        )
        override.delete()
    return True
