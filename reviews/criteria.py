"""The review criteria of a call: the office adds, edits, orders and deletes them.

Once a review of the call has been submitted, criteria can no longer be added or
deleted (the reviews would no longer be comparable); wording and order can change.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from calls.models import Call
from core.audit import audit_record
from municipalities.search import search_fold
from reviews.models import Criterion, Score
from reviews.selectors import call_has_submitted_reviews

TEXT_FIELDS = ["label_de", "label_en", "help_de", "help_en"]

# The criteria the call of 2025 names; offered to the office as a starting point.
DEFAULT_CRITERIA = [
    {
        "key": "politischer_rueckhalt",
        "label_de": "Politischer Rückhalt",
        "label_en": "Political backing",
        "help_de": "Tragen Rat oder Kreistag und Verwaltungsspitze das Vorhaben sichtbar mit?",
        "help_en": "Do the council and the head of administration visibly back the project?",
    },
    {
        "key": "vorhandene_strukturen",
        "label_de": "Vorhandene Strukturen",
        "label_en": "Existing structures",
        "help_de": "Woran kann die Kommune anknüpfen: Stellen, Gremien, Netzwerke, "
        "bisherige Arbeit gegen Rassismus?",
        "help_en": "What can the municipality build on: offices, bodies, networks, "
        "previous work against racism?",
    },
    {
        "key": "bedarf_mehrwert",
        "label_de": "Bedarf und Mehrwert",
        "label_en": "Need and added value",
        "help_de": "Wie klar ist der Bedarf beschrieben, und was gewinnen die Kommune und "
        "das Programm durch ihre Teilnahme?",
        "help_en": "How clearly is the need described, and what do the municipality and "
        "the programme gain from its participation?",
    },
    {
        "key": "umsetzungsfaehigkeit",
        "label_de": "Umsetzungsfähigkeit",
        "label_en": "Capacity to deliver",
        "help_de": "Sind Personal, Freistellungen und Zuständigkeiten für drei Jahre "
        "realistisch geplant?",
        "help_en": "Are staff, release from duties and responsibilities realistically "
        "planned for three years?",
    },
    {
        "key": "motivation",
        "label_de": "Motivation",
        "label_en": "Motivation",
        "help_de": "Wie überzeugend und konkret begründet die Kommune ihre Bewerbung?",
        "help_en": "How convincingly and concretely does the municipality explain its application?",
    },
]


def _refuse_if_reviewed(call: Call, message: str) -> None:
    if call_has_submitted_reviews(call=call):
        raise ValidationError(message)


def _unique_key(call: Call, wanted: str) -> str:
    # Umlauts written out, as the default keys do ("umsetzungsfaehigkeit").
    base = (slugify(search_fold(wanted)).replace("-", "_") or "kriterium")[:55]
    taken = set(Criterion.objects.filter(call=call).values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def criterion_create(*, call: Call, data: dict, actor: User) -> Criterion:
    """Add a criterion at the end. ``data`` holds the texts and optionally a ``key``;
    without one the key is made from the German label."""
    with transaction.atomic():
        Call.objects.select_for_update().get(pk=call.pk)
        _refuse_if_reviewed(
            call,
            _("Es wurden schon Gutachten abgegeben; neue Kriterien sind nicht mehr möglich."),
        )
        key = (data.get("key") or "").strip()
        if key:
            if Criterion.objects.filter(call=call, key=key).exists():
                raise ValidationError(
                    {"key": _("Diesen Schlüssel hat schon ein anderes Kriterium.")}
                )
        else:
            key = _unique_key(call, data["label_de"])
        position = (Criterion.objects.filter(call=call).aggregate(m=Max("position"))["m"] or 0) + 1
        criterion = Criterion.objects.create(
            call=call,
            key=key,
            position=position,
            **{name: (data.get(name) or "").strip() for name in TEXT_FIELDS},
        )
        audit_record(
            actor=actor,
            action="reviews.criterion_created",
            obj=call,
            changes={"criterion": [None, key]},
        )
    return criterion


def criterion_update(*, criterion: Criterion, data: dict, actor: User) -> Criterion:
    """Change a criterion's wording; its key stays."""
    with transaction.atomic():
        locked = Criterion.objects.select_for_update().get(pk=criterion.pk)
        changes = {}
        for name in TEXT_FIELDS:
            value = (data.get(name) or "").strip()
            if getattr(locked, name) != value:
                changes[f"{locked.key}.{name}"] = [getattr(locked, name), value]
                setattr(locked, name, value)
        if changes:
            locked.save()
            audit_record(
                actor=actor,
                action="reviews.criterion_updated",
                obj=locked.call,
                changes=changes,
            )
    return locked


def criterion_delete(*, criterion: Criterion, actor: User) -> None:
    """Delete a criterion (and scores of unsubmitted drafts for it)."""
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=criterion.call_id)
        _refuse_if_reviewed(
            call,
            _("Es wurden schon Gutachten abgegeben; Kriterien können nicht mehr gelöscht werden."),
        )
        Score.objects.filter(criterion=criterion).delete()
        key = criterion.key
        Criterion.objects.filter(pk=criterion.pk).delete()
        _renumber(call)
        audit_record(
            actor=actor,
            action="reviews.criterion_deleted",
            obj=call,
            changes={"criterion": [key, None]},
        )


def _renumber(call: Call) -> list[Criterion]:
    criteria = list(Criterion.objects.filter(call=call).order_by("position", "id"))
    for number, item in enumerate(criteria, start=1):
        if item.position != number:
            item.position = number
            item.save(update_fields=["position"])
    return criteria


def criterion_move(*, criterion: Criterion, direction: str, actor: User) -> Criterion:
    """Move a criterion one place up or down; at either end nothing changes."""
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=criterion.call_id)
        criteria = _renumber(call)
        index = next(i for i, c in enumerate(criteria) if c.pk == criterion.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(criteria):
            moved, neighbour = criteria[index], criteria[other]
            moved.position, neighbour.position = neighbour.position, moved.position
            moved.save(update_fields=["position"])
            neighbour.save(update_fields=["position"])
            audit_record(
                actor=actor,
                action="reviews.criterion_moved",
                obj=call,
                changes={"criterion": moved.key, "direction": direction},
            )
        return criteria[index]


def criteria_add_defaults(*, call: Call, actor: User | None) -> list[Criterion]:
    """Give a call without criteria the five default ones; a call with criteria keeps
    its own (nothing is added)."""
    with transaction.atomic():
        Call.objects.select_for_update().get(pk=call.pk)
        if Criterion.objects.filter(call=call).exists():
            return []
        created = [
            Criterion.objects.create(call=call, position=position, **item)
            for position, item in enumerate(DEFAULT_CRITERIA, start=1)
        ]
        audit_record(
            actor=actor,
            action="reviews.criteria_defaults_added",
            obj=call,
            changes={"criteria": [None, [c.key for c in created]]},
        )
    return created
