"""Why the cohort is what it is, in German: the rules that bind, what each member adds,
and why strong candidates stay out.

``binding``: the rules that hold with equality at the optimum (a Land at its cap, a group
exactly at its minimum or maximum, a need named by one member only, candidates set by
hand): the rules the cohort presses against.

``why_out`` (for outsiders scoring at least as high as the weakest member, the best
``WHY_OUT_LIMIT``) rests on single swaps, which are cheap to check and easy to verify:
take the outsider c into the cohort instead of a member j. A swap *would improve* the
cohort when it raises the objective, or keeps it and puts a higher-ranked candidate in.
Because the cohort is optimal, every improving swap breaks a rule; the explanation names
a smallest set of rules (greedily chosen) that together block all of them, with the facts
that make them block. When no swap raises the objective, the swaps that put c in for a
lower-ranked member (a higher score, or the same score and a smaller id) decide:

- one of them keeps every rule: it loses only represented groups and Länder, so the
  diversity weight keeps c out, and the text quotes that swap (with the weakest such
  member);
- all of them break a rule: the rules that block them are named as above, and the
  diversity weight is not cited;
- there are none: c has the lowest score in the cohort and a larger id, a tie settled by
  rank.

So "diversity" is never said of a swap that breaks a rule, and every named rule is broken
by a swap it is said to block.
"""

from collections import Counter
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
from selection.solver.model import SolverError
from selection.solver.text import counted, names, number, quoted

WHY_OUT_LIMIT = 20


def _label(inst: Instance, position: int) -> str:
    return inst.candidates[position].label


def _members(inst: Instance, cohort: tuple[int, ...], positions) -> list[int]:
    inside = set(cohort)
    return [int(i) for i in positions if int(i) in inside]


def binding(inst: Instance, cohort: tuple[int, ...]) -> tuple[str, ...]:
    rules = inst.rules
    lines = []
    for cid in sorted(rules.must_in, key=inst.position.__getitem__):
        lines.append(f"{_label(inst, inst.position[cid])} ist gesetzt (muss dabei sein)")
    if rules.max_per_land is not None:
        per_land = Counter(inst.candidates[i].land for i in cohort)
        for code in sorted(per_land):
            if per_land[code] == rules.max_per_land:
                lines.append(
                    f"Höchstens {rules.max_per_land} je Land: "
                    f"{inst.land_label(code)} hat {per_land[code]}"
                )
    for bound in rules.group_bounds:
        count = len(_members(inst, cohort, inst.group_members[bound.group]))
        if bound.minimum is not None and bound.minimum == bound.maximum == count:
            lines.append(counted("Genau", count, bound.label))
            continue
        if bound.minimum and count == bound.minimum:
            lines.append(f"{counted('Mindestens', count, bound.label)}: genau {count} gewählt")
        if bound.maximum is not None and count == bound.maximum:
            lines.append(f"{counted('Höchstens', count, bound.label)}: genau {count} gewählt")
    for key in sorted(rules.cover_needs, key=inst.need_label):
        coverers = _members(inst, cohort, inst.need_members[key])
        if len(coverers) == 1:
            lines.append(
                f"Bedarf {quoted(inst.need_label(key))} ist nur durch "
                f"{_label(inst, coverers[0])} abgedeckt"
            )
    weakest = max(cohort)
    for cid in sorted(rules.must_out, key=inst.position.__getitem__):
        if inst.position[cid] < weakest:
            lines.append(f"{_label(inst, inst.position[cid])} ist ausgeschlossen")
    return tuple(lines)


def adds(inst: Instance, cohort: tuple[int, ...]) -> dict[int, tuple[str, ...]]:
    """Per member: its Land, groups and needs, marked where it is the only one."""
    members = [inst.candidates[i] for i in cohort]
    lands = Counter(c.land for c in members)
    groups = Counter(g for c in members for g in c.groups)
    needs = Counter(k for c in members for k in c.needs)

    def mark(text: str, count: int) -> str:
        return f"{text} (als einzige)" if count == 1 else text

    result = {}
    for c in members:
        items = [mark(f"Land {inst.land_label(c.land)}", lands[c.land])]
        for key in sorted(c.groups, key=inst.group_label):
            items.append(mark(inst.group_label(key), groups[key]))
        for key in sorted(c.needs, key=inst.need_label):
            items.append(mark(f"Bedarf {quoted(inst.need_label(key))}", needs[key]))
        result[c.id] = tuple(items)
    return result


def strong_outsiders(inst: Instance, cohort: tuple[int, ...]) -> list[int]:
    """Outsiders scoring at least as high as the weakest member, best first, capped."""
    lowest = min(int(inst.cents[i]) for i in cohort)
    inside = set(cohort)
    found = []
    for i in range(inst.n):  # rank order: scores only fall from here on
        if int(inst.cents[i]) < lowest or len(found) == WHY_OUT_LIMIT:
            break
        if i not in inside:
            found.append(i)
    return found


def improving_swaps(inst: Instance, cohort: tuple[int, ...], c: int) -> dict[int, list[Block]]:
    """The members j whose swap for c would improve the cohort, with the rules it breaks."""
    value = inst.value(cohort)
    swaps = {}
    for j in cohort:
        swapped = _swap(cohort, c, j)
        gain = inst.value(swapped) - value
        if gain > 0 or (gain == 0 and c < j):
            swaps[j] = inst.violated(swapped)
    return swaps


def ranked_swaps(inst: Instance, cohort: tuple[int, ...], c: int) -> dict[int, list[Block]]:
    """The members j ranked below c (so the swap raises the plain score or wins the tie),
    with the rules the swap of c for j breaks."""
    return {j: inst.violated(_swap(cohort, c, j)) for j in cohort if c < j}


def _swap(cohort: tuple[int, ...], c: int, j: int) -> tuple[int, ...]:
    return tuple(sorted((set(cohort) - {j}) | {c}))


@dataclass(frozen=True)
class Reason:
    text: str  # German
    rules: tuple[str, ...]  # block names, or "diversity" / "tie"


def why_out(inst: Instance, cohort: tuple[int, ...]) -> dict[int, Reason]:
    return {
        inst.candidates[c].id: _why_out_one(inst, cohort, c) for c in strong_outsiders(inst, cohort)
    }


def _why_out_one(inst: Instance, cohort: tuple[int, ...], c: int) -> Reason:
    cid = inst.candidates[c].id
    if cid in inst.rules.must_out:
        return Reason("Von Hand ausgeschlossen (muss draußen bleiben).", (f"{MUST_OUT}:{cid}",))
    swaps = improving_swaps(inst, cohort, c)
    if swaps:
        if not all(swaps.values()):
            raise SolverError("A swap would improve the cohort: it is not optimal.")
        return _rules_block(inst, cohort, c, swaps)
    ranked = ranked_swaps(inst, cohort, c)
    if not ranked:
        return _tie(inst, cohort)
    keeping = [j for j, broken in ranked.items() if not broken]
    if keeping:
        # This swap keeps every rule and raises the plain score (or wins the tie), yet
        # does not improve the objective: only the lost diversity can stop it.
        return _diversity(inst, cohort, c, max(keeping))
    return _rules_block(inst, cohort, c, ranked)


def _rules_block(
    inst: Instance, cohort: tuple[int, ...], c: int, swaps: dict[int, list[Block]]
) -> Reason:
    blocks = _cover(inst, swaps)
    facts = "; ".join(_blocked(inst, cohort, c, block) for block in blocks)
    return Reason(
        f"Jeder Tausch, der die Auswahl verbessern würde, bräche eine Regel: {facts}.",
        tuple(block.name for block in blocks),
    )


def _cover(inst: Instance, swaps: dict[int, list[Block]]) -> list[Block]:
    """A small set of rules that together block every improving swap (greedy)."""
    open_swaps = set(swaps)
    chosen = []
    order = {block: k for k, block in enumerate(inst.blocks)}
    while open_swaps:
        counts = Counter(block for j in open_swaps for block in swaps[j])
        block = min(counts, key=lambda b: (-counts[b], order[b]))
        chosen.append(block)
        open_swaps = {j for j in open_swaps if block not in swaps[j]}
    return chosen


def _blocked(inst: Instance, cohort: tuple[int, ...], c: int, block: Block) -> str:
    """Why the block stops c from coming in, with the facts of this cohort."""
    candidate = inst.candidates[c]
    rules = inst.rules
    if block.kind == LAND:
        same = [i for i in cohort if inst.candidates[i].land == candidate.land]
        return (
            f"Höchstens {rules.max_per_land} je Land: {inst.land_label(candidate.land)} "
            f"hat schon {len(same)} ({names(_label(inst, i) for i in same)})"
        )
    if block.kind == GROUP_MIN:
        bound = inst.bounds[block.key]
        return (
            f"{counted('Mindestens', bound.minimum, bound.label)}: genau {bound.minimum} gewählt, "
            f"{candidate.label} zählt nicht dazu"
        )
    if block.kind == GROUP_MAX:
        bound = inst.bounds[block.key]
        return (
            f"{counted('Höchstens', bound.maximum, bound.label)}: schon {bound.maximum} gewählt, "
            f"{candidate.label} käme hinzu"
        )
    if block.kind == NEED:
        coverers = _members(inst, cohort, inst.need_members[block.key])
        return (
            f"Bedarf {quoted(inst.need_label(block.key))} deckt nur {_label(inst, coverers[0])} ab"
        )
    if block.kind == MUST_IN:
        return f"{_label(inst, inst.position[block.key])} ist gesetzt"
    raise SolverError(f"A swap cannot break {block}.")


def _tie(inst: Instance, cohort: tuple[int, ...]) -> Reason:
    """c is ranked below every member: it has the weakest member's score and a larger id."""
    member = inst.candidates[max(cohort)]
    text = (
        f"Gleiche Punktzahl wie {member.label} ({number(member.score)}); bei Gleichstand "
        "geht die Bewerbung mit der kleineren Nummer vor."
    )
    return Reason(text, ("tie",))


def _diversity(inst: Instance, cohort: tuple[int, ...], c: int, j: int) -> Reason:
    """The swap of c for j keeps every rule; it loses groups or Länder worth more."""
    candidate, member = inst.candidates[c], inst.candidates[j]
    swapped = _swap(cohort, c, j)
    lost = inst.represented(cohort) - inst.represented(swapped)
    if not lost:
        raise SolverError("A swap would keep every rule and lose nothing: not optimal.")
    lost_labels = [_represented_label(inst, key) for key in sorted(lost)]
    lead = candidate.score - member.score
    weight = number(inst.rules.diversity_weight)
    text = (
        f"Kein Tausch würde die Auswahl verbessern: mit {candidate.label} statt {member.label} "
        f"{'wäre' if len(lost_labels) == 1 else 'wären'} {names(lost_labels)} nicht mehr vertreten"
    )
    if lead > Decimal(0):
        text += (
            f"; bei einem Vielfaltsgewicht von {weight} zählt das mehr als "
            f"{number(lead)} Punkte Vorsprung."
        )
    else:
        text += f"; bei einem Vielfaltsgewicht von {weight} gibt das den Ausschlag."
    return Reason(text, ("diversity",))


def _represented_label(inst: Instance, key: str) -> str:
    if key.startswith("land:"):
        return f"Land {inst.land_label(key.removeprefix('land:'))}"
    return inst.group_label(key)
