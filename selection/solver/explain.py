"""Why the cohort is what it is, in German: which rules decide it, which only hold at
their limit, what each member adds, and what the rules and the diversity weight cost.

Every "decides" is checked by solving again (whatif.py), not read off the constraints:

``decisive``: the rules whose removal changes the cohort, each with the change
("without it Bielefeld would come in instead of Jena"). A rule can decide without
holding with equality (whole numbers leave slack that still matters), and a rule can hold
with equality and decide nothing.

``at_limit``: the rules that hold with equality at the optimum (a Land at its cap, a
group exactly at its minimum or maximum, a need named by one member only, candidates set
by hand) but whose removal leaves the cohort as it is.

``diversity_change``: what a diversity weight of 0 would change, and the best sum of
scores that keeps every rule (``rule_abiding_objective``), from which the run page splits
the gap to the plain top into the price of the rules and the price of the weight.

Why single strong outsiders stay out: why_out.py.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from selection.solver.instance import (
    GROUP_MAX,
    GROUP_MIN,
    LAND,
    MUST_IN,
    MUST_OUT,
    NEED,
    Block,
    Instance,
)
from selection.solver.text import counted, names, number, quoted
from selection.solver.whatif import DIVERSITY, WhatIf


def label(inst: Instance, position: int) -> str:
    return inst.candidates[position].label


def members(inst: Instance, cohort: Iterable[int], positions) -> list[int]:
    inside = set(cohort)
    return [int(i) for i in positions if int(i) in inside]


def at_equality(inst: Instance, cohort: tuple[int, ...]) -> list[tuple[str, str]]:
    """The rules that hold with equality, as (block name, German line)."""
    rules = inst.rules
    lines = []
    for cid in sorted(rules.must_in, key=inst.position.__getitem__):
        line = f"{label(inst, inst.position[cid])} ist gesetzt (muss dabei sein)"
        lines.append((f"{MUST_IN}:{cid}", line))
    if rules.max_per_land is not None:
        per_land = Counter(inst.candidates[i].land for i in cohort)
        for code in sorted(per_land):
            if per_land[code] == rules.max_per_land:
                line = (
                    f"Höchstens {rules.max_per_land} je Land: "
                    f"{inst.land_label(code)} hat {per_land[code]}"
                )
                lines.append((LAND, line))
    for bound in rules.group_bounds:
        count = len(members(inst, cohort, inst.group_members[bound.group]))
        if bound.minimum is not None and bound.minimum == bound.maximum == count:
            line = counted("Genau", count, bound.label)
            lines.append((f"{GROUP_MIN}:{bound.group}", line))
            continue
        if bound.minimum and count == bound.minimum:
            line = f"{counted('Mindestens', count, bound.label)}: genau {count} gewählt"
            lines.append((f"{GROUP_MIN}:{bound.group}", line))
        if bound.maximum is not None and count == bound.maximum:
            line = f"{counted('Höchstens', count, bound.label)}: genau {count} gewählt"
            lines.append((f"{GROUP_MAX}:{bound.group}", line))
    for key in sorted(rules.cover_needs, key=inst.need_label):
        coverers = members(inst, cohort, inst.need_members[key])
        if len(coverers) == 1:
            line = (
                f"Bedarf {quoted(inst.need_label(key))} ist nur durch "
                f"{label(inst, coverers[0])} abgedeckt"
            )
            lines.append((f"{NEED}:{key}", line))
    weakest = max(cohort)
    for cid in sorted(rules.must_out, key=inst.position.__getitem__):
        if inst.position[cid] < weakest:
            line = f"{label(inst, inst.position[cid])} ist ausgeschlossen"
            lines.append((f"{MUST_OUT}:{cid}", line))
    return lines


def binding(inst: Instance, cohort: tuple[int, ...]) -> tuple[str, ...]:
    """Every rule that holds with equality (decisive or not), one line each."""
    return tuple(line for _, line in at_equality(inst, cohort))


def rule_text(inst: Instance, block: Block) -> str:
    """The rule itself, without the facts of a cohort."""
    rules = inst.rules
    if block.kind == LAND:
        return f"Höchstens {rules.max_per_land} je Land"
    if block.kind == GROUP_MIN:
        bound = inst.bounds[block.key]
        if bound.minimum == bound.maximum:
            return counted("Genau", bound.minimum, bound.label) + " (Untergrenze)"
        return counted("Mindestens", bound.minimum, bound.label)
    if block.kind == GROUP_MAX:
        bound = inst.bounds[block.key]
        if bound.minimum == bound.maximum:
            return counted("Genau", bound.maximum, bound.label) + " (Obergrenze)"
        return counted("Höchstens", bound.maximum, bound.label)
    if block.kind == NEED:
        return f"Bedarf {quoted(inst.need_label(block.key))} abgedeckt"
    if block.kind == MUST_IN:
        return f"{label(inst, inst.position[block.key])} ist gesetzt"
    return f"{label(inst, inst.position[block.key])} ist ausgeschlossen"


def change(inst: Instance, cohort: Iterable[int], other: Iterable[int]) -> str:
    """ "käme Bielefeld statt Jena", "kämen A und B statt C und D"."""
    came = names(label(inst, i) for i in sorted(set(other) - set(cohort)))
    left = names(label(inst, i) for i in sorted(set(cohort) - set(other)))
    verb = "käme" if len(set(other) - set(cohort)) == 1 else "kämen"
    return f"{verb} {came} statt {left}"


@dataclass(frozen=True)
class RuleEffects:
    decisive: tuple[str, ...]  # German, one line per rule whose removal changes the cohort
    decisive_rules: tuple[str, ...]  # their block names
    at_limit: tuple[str, ...]  # German: rules at equality whose removal changes nothing
    diversity_change: str  # German, "" when the weight is 0 or changes nothing
    rule_abiding_positions: frozenset[int]  # the best cohort by scores under every rule


def rule_effects(inst: Instance, cohort: tuple[int, ...], whatif: WhatIf) -> RuleEffects:
    """One re-solve per rule (and one with weight 0)."""
    current = set(cohort)
    decisive, decisive_rules = [], []
    for block in inst.blocks:
        if block.name not in whatif.reasons:
            continue
        other = whatif.cohort_without({block.name})
        if other != current:
            decisive.append(
                f"{rule_text(inst, block)}: ohne sie {change(inst, cohort, other)} in die Auswahl"
            )
            decisive_rules.append(block.name)
    at_limit = tuple(line for name, line in at_equality(inst, cohort) if name not in decisive_rules)
    diversity_change = ""
    rule_abiding = frozenset(cohort)
    if DIVERSITY in whatif.reasons:
        rule_abiding = whatif.cohort_without({DIVERSITY})
        if rule_abiding != current:
            diversity_change = (
                f"Mit einem Vielfaltsgewicht von 0 statt {number(inst.rules.diversity_weight)} "
                f"{change(inst, cohort, rule_abiding)} in die Auswahl"
            )
    return RuleEffects(
        decisive=tuple(decisive),
        decisive_rules=tuple(decisive_rules),
        at_limit=at_limit,
        diversity_change=diversity_change,
        rule_abiding_positions=rule_abiding,
    )


def adds(inst: Instance, cohort: tuple[int, ...]) -> dict[int, tuple[str, ...]]:
    """Per member: its Land, groups and needs, marked where it is the only one."""
    members_ = [inst.candidates[i] for i in cohort]
    lands = Counter(c.land for c in members_)
    groups = Counter(g for c in members_ for g in c.groups)
    needs = Counter(k for c in members_ for k in c.needs)

    def mark(text: str, count: int) -> str:
        return f"{text} (als einzige)" if count == 1 else text

    result = {}
    for c in members_:
        items = [mark(f"Land {inst.land_label(c.land)}", lands[c.land])]
        for key in sorted(c.groups, key=inst.group_label):
            items.append(mark(inst.group_label(key), groups[key]))
        for key in sorted(c.needs, key=inst.need_label):
            items.append(mark(f"Bedarf {quoted(inst.need_label(key))}", needs[key]))
        result[c.id] = tuple(items)
    return result


def represented_label(inst: Instance, key: str) -> str:
    if key.startswith("land:"):
        return f"Land {inst.land_label(key.removeprefix('land:'))}"
    return inst.group_label(key)


def lost_labels(inst: Instance, cohort: Iterable[int], other: Iterable[int]) -> list[str]:
    """The groups and Länder the cohort represents and ``other`` does not."""
    lost = inst.represented(cohort) - inst.represented(other)
    return [represented_label(inst, key) for key in sorted(lost)]


def score_sum(inst: Instance, positions: Iterable[int]) -> Decimal:
    return sum((inst.candidates[i].score for i in positions), Decimal("0.00"))
