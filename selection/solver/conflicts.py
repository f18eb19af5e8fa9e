"""When the rules cannot all hold: a minimal set of rules in conflict, in German.

First each rule on its own is checked by counting (more places than applications, a
minimum larger than its group, a need nobody names). Otherwise a deletion filter runs over
the rule blocks: drop a block, and if the rest is still infeasible leave it out for good.
What remains is infeasible, and dropping any one of its blocks makes it feasible: a
minimal conflicting set (not necessarily the smallest one). All blocks of a kind are
first tried at once, which saves most of the checks. Blocks set by hand are tried
first and the number of places last, so the explanation keeps the rules people think of.
"""

from collections import Counter

from selection.solver.instance import (
    GROUP_MAX,
    GROUP_MIN,
    LAND,
    MUST_IN,
    MUST_OUT,
    NEED,
    PLACES,
    Block,
    Instance,
)
from selection.solver.milp import Model
from selection.solver.text import applications, counted, names, quoted

_REMOVAL_ORDER = (MUST_OUT, MUST_IN, NEED, GROUP_MAX, GROUP_MIN, LAND, PLACES)


def _infeasible_alone(inst: Instance, block: Block) -> bool:
    if block.kind == PLACES:
        return inst.n < inst.rules.places
    if block.kind == GROUP_MIN:
        return len(inst.group_members[block.key]) < inst.bounds[block.key].minimum
    if block.kind == NEED:
        return len(inst.need_members[block.key]) == 0
    return False


def _obvious_sets(inst: Instance):
    """Small conflicts between rules, mostly those set by hand, found by counting."""
    rules = inst.rules
    for bound in rules.group_bounds:
        if bound.minimum and bound.maximum is not None and bound.minimum > bound.maximum:
            yield [Block(GROUP_MIN, bound.group), Block(GROUP_MAX, bound.group)]
    for cid in sorted(rules.must_in & rules.must_out, key=inst.position.__getitem__):
        yield [Block(MUST_IN, cid), Block(MUST_OUT, cid)]
    must_in = sorted(rules.must_in, key=inst.position.__getitem__)
    if len(must_in) > rules.places:
        yield [Block(PLACES)] + [Block(MUST_IN, cid) for cid in must_in[: rules.places + 1]]
    if rules.max_per_land is not None:
        for code in inst.lands:
            in_land = [cid for cid in must_in if inst.candidates[inst.position[cid]].land == code]
            if len(in_land) > rules.max_per_land:
                blocks = [Block(MUST_IN, cid) for cid in in_land[: rules.max_per_land + 1]]
                yield [Block(LAND), *blocks]
    for bound in rules.group_bounds:
        if bound.maximum is None:
            continue
        in_group = [
            cid for cid in must_in if bound.group in inst.candidates[inst.position[cid]].groups
        ]
        if len(in_group) > bound.maximum:
            blocks = [Block(MUST_IN, cid) for cid in in_group[: bound.maximum + 1]]
            yield [Block(GROUP_MAX, bound.group), *blocks]


def obvious_conflict(inst: Instance) -> list[Block] | None:
    """A conflict that counting alone shows, without the solver."""
    for block in inst.blocks:
        if _infeasible_alone(inst, block):
            return [block]
    for blocks in _obvious_sets(inst):
        return blocks
    return None


def conflicting_blocks(inst: Instance, model: Model) -> list[Block]:
    """A minimal set of blocks that cannot hold together (the whole set must be infeasible)."""
    obvious = obvious_conflict(inst)
    if obvious is not None:
        return obvious
    active = list(inst.blocks)
    for kind in _REMOVAL_ORDER:
        of_kind = [b for b in active if b.kind == kind]
        if len(of_kind) > 1:
            # Usually no rule of a kind is needed for the conflict: one check drops them all.
            trial = [b for b in active if b.kind != kind]
            if not model.feasible(trial):
                active = trial
                continue
        for block in of_kind:
            trial = [b for b in active if b != block]
            if not model.feasible(trial):
                active = trial
    return active


def describe(inst: Instance, blocks: list[Block]) -> tuple[str, ...]:
    kinds = {block.kind for block in blocks}
    return tuple(_describe_one(inst, block, kinds) for block in blocks)


def _describe_one(inst: Instance, block: Block, kinds: set[str]) -> str:
    """The rule, with the fact that matters for this conflict."""
    rules = inst.rules
    if block.kind == PLACES:
        text = f"Genau {rules.places} Plätze"
        if inst.n < rules.places:
            text += f", aber nur {applications(inst.n)}"
        return text
    if block.kind == LAND:
        text = f"Höchstens {rules.max_per_land} je Land"
        if PLACES in kinds:
            per_land = Counter(c.land for c in inst.candidates)
            possible = sum(min(rules.max_per_land, count) for count in per_land.values())
            text += (
                f": Bewerbungen kommen aus {len(per_land)} Ländern, so sind höchstens "
                f"{possible} Plätze besetzbar"
            )
        return text
    if block.kind == GROUP_MIN:
        bound = inst.bounds[block.key]
        count = len(inst.group_members[block.key])
        text = counted("Mindestens", bound.minimum, bound.label)
        if count < bound.minimum:
            return f"{text}, aber nur {applications(count)} dieser Gruppe"
        if LAND in kinds:
            cap = rules.max_per_land
            per_land = Counter(inst.candidates[i].land for i in inst.group_members[block.key])
            possible = sum(min(cap, n) for n in per_land.values())
            if possible < bound.minimum:
                text += f", bei höchstens {cap} je Land aber nur {possible} möglich"
        return text
    if block.kind == GROUP_MAX:
        bound = inst.bounds[block.key]
        return counted("Höchstens", bound.maximum, bound.label)
    if block.kind == NEED:
        coverers = [inst.candidates[i].label for i in inst.need_members[block.key]]
        text = f"Bedarf {quoted(inst.need_label(block.key))} abdecken"
        if not coverers:
            return f"{text}, aber keine Bewerbung nennt ihn"
        if len(coverers) <= 3:
            verb = "nennt" if len(coverers) == 1 else "nennen"
            return f"{text} (nur {names(coverers)} {verb} ihn)"
        return text
    candidate = inst.candidates[inst.position[block.key]]
    label = candidate.label
    if LAND in kinds:
        label = f"{label} ({inst.land_label(candidate.land)})"
    if block.kind == MUST_IN:
        return f"{label} muss dabei sein"
    return f"{label} muss draußen bleiben"
