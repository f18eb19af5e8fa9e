"""Whether a decision keeps the call's rules, and where it does not, which manual
changes (each with its reason) stand behind the difference.

The decision is checked against the rules as they stand on the rules page: the run's
proposal keeps the rules it was solved with, but manual changes, or rules changed after
the run, can leave the decision outside them. A break is justified when at least one
outcome within the rule's reach was changed by hand, because that change carries the
office's written reason; an unjustified break blocks the release.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from selection.inputs import rules_for_call
from selection.models import Decision, Outcome, OutcomeChange, OutcomeKind
from selection.solver import Candidate, candidates_from_json


@dataclass(frozen=True)
class RuleBreak:
    rule: str  # the rule, as the rules list words it
    finding: str  # what the decision has instead
    reasons: tuple[str, ...]  # "Kommune: Begründung" of the manual changes behind it

    @property
    def justified(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class Compliance:
    places: int  # the places the rules give
    selected: int
    breaks: list[RuleBreak]

    @property
    def unjustified(self) -> list[RuleBreak]:
        return [b for b in self.breaks if not b.justified]


@dataclass(frozen=True)
class _Item:
    outcome: Outcome
    candidate: Candidate | None
    land: str

    @property
    def selected(self) -> bool:
        return self.outcome.kind == OutcomeKind.SELECTED

    @property
    def moved(self) -> bool:
        """Put into or taken out of the cohort by hand."""
        return self.selected != (self.outcome.proposed_kind == OutcomeKind.SELECTED)

    def reason(self) -> str:
        changes = list(self.outcome.changes.all())
        if not self.moved or not changes:
            return ""
        name = self.outcome.application.municipality.name
        return f"{name}: {changes[-1].reason}"


def decision_compliance(*, decision: Decision, outcomes: Iterable[Outcome]) -> Compliance:
    """Check ``outcomes`` (with ``application__municipality__land`` loaded and their
    ``changes`` prefetched) against the rules of the decision's call."""
    candidates = candidates_from_json(decision.run.inputs.get("candidates", []))
    by_id = {c.id: c for c in candidates}
    rules = rules_for_call(call=decision.call, candidates=candidates)
    items = [
        _Item(
            outcome=o,
            candidate=by_id.get(o.application_id),
            land=(
                by_id[o.application_id].land
                if o.application_id in by_id
                else o.application.municipality.land.code
            ),
        )
        for o in outcomes
    ]
    chosen = [i for i in items if i.selected]
    breaks = []

    def add(rule: str, finding: str, reach: Iterable[_Item]) -> None:
        reasons = tuple(text for i in reach if (text := i.reason()))
        breaks.append(RuleBreak(rule=rule, finding=finding, reasons=reasons))

    if len(chosen) > rules.places:
        add(
            _("Plätze: %(n)s") % {"n": rules.places},
            _selected_text(len(chosen)),
            items,
        )
    if rules.max_per_land is not None:
        per_land = Counter(i.land for i in chosen)
        for land, count in sorted(per_land.items()):
            if count > rules.max_per_land:
                add(
                    ngettext(
                        "Höchstens %(n)s Kommune je Land",
                        "Höchstens %(n)s Kommunen je Land",
                        rules.max_per_land,
                    )
                    % {"n": rules.max_per_land},
                    f"{rules.land_labels.get(land, land)}: {_selected_text(count)}",
                    [i for i in items if i.land == land],
                )
    for bound in rules.group_bounds:
        members = [i for i in items if i.candidate and bound.group in i.candidate.groups]
        count = sum(1 for i in members if i.selected)
        too_few = bound.minimum is not None and count < bound.minimum
        too_many = bound.maximum is not None and count > bound.maximum
        if too_few or too_many:
            rule = (
                _("%(group)s: mindestens %(n)s") % {"group": bound.label, "n": bound.minimum}
                if too_few
                else _("%(group)s: höchstens %(n)s") % {"group": bound.label, "n": bound.maximum}
            )
            add(rule, _selected_text(count), members)
    for need in sorted(rules.cover_needs):
        members = [i for i in items if i.candidate and need in i.candidate.needs]
        if not any(i.selected for i in members):
            label = rules.need_labels.get(need, need)
            add(
                _("Jeder genannte Schwerpunkt mindestens einmal: %(need)s") % {"need": label},
                _("Keine ausgewählte Kommune nennt diesen Schwerpunkt."),
                members,
            )
    for item in items:
        name = item.outcome.application.municipality.name
        if item.outcome.application_id in rules.must_in and not item.selected:
            add(
                _("%(name)s muss in die Auswahl") % {"name": name},
                _("nicht ausgewählt"),
                [item],
            )
        if item.outcome.application_id in rules.must_out and item.selected:
            add(
                _("%(name)s bleibt außerhalb der Auswahl") % {"name": name},
                _("ausgewählt"),
                [item],
            )
    return Compliance(places=rules.places, selected=len(chosen), breaks=breaks)


def _selected_text(count: int) -> str:
    return _("%(n)s ausgewählt") % {"n": count}


def outcomes_for_check(*, decision: Decision) -> list[Outcome]:
    """The decision's outcomes as ``decision_compliance`` reads them."""
    changes = OutcomeChange.objects.order_by("changed_at", "id")
    return list(
        decision.outcomes.select_related("application__municipality__land").prefetch_related(
            Prefetch("changes", queryset=changes)
        )
    )
