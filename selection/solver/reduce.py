"""Leave out candidates that can never be in the best cohort, before the solver sees them.

Candidate j *dominates* candidate i when j ranks higher (higher score, or the same score
and a lower id), j may be chosen (not excluded by hand), and j can stand in for i under
every rule: the same Land (when Länder matter), the same groups (those with a bound, or
all groups when diversity counts) and every need of i that has to be covered. If at least
``places`` candidates dominate i and i is not set by hand, no best cohort contains i: a
cohort with i leaves at least one of them out, and swapping i for it keeps every rule,
keeps the score or raises it and improves the tie-break.

Whether the rules can hold at all does not depend on scores, so for that question
(``for_feasibility``) j may stand in for i whatever their ranks, as long as j names a
strict superset of i's needs, or the same needs and comes earlier: swapping a left-out
candidate into a feasible cohort then always ends, and keeps every rule. Only rules decide
here, so Länder count only with a cap, and only groups with a bound. Both arguments hold
with any subset of the rules switched off, as the search for conflicts needs.
"""

import numpy as np

from selection.solver.instance import Instance

# Needs are compared as bit masks in int64.
_MAX_NEEDS = 62


def candidate_pool(instance: Instance, *, for_feasibility: bool = False) -> np.ndarray:
    """Positions (ascending, i.e. in rank order) worth giving to the solver."""
    rules = instance.rules
    n = instance.n
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    needs = sorted(rules.cover_needs)
    if len(needs) > _MAX_NEEDS:
        return np.arange(n)

    diverse = instance.weight_pct > 0 and not for_feasibility
    relevant_groups = None if diverse else {b.group for b in rules.group_bounds}
    lands_matter = diverse or rules.max_per_land is not None
    need_bit = {key: 1 << k for k, key in enumerate(needs)}

    classes: dict[tuple, int] = {}
    class_of = np.empty(n, dtype=np.int64)
    mask = np.zeros(n, dtype=np.int64)
    for i, c in enumerate(instance.candidates):
        groups = c.groups if relevant_groups is None else c.groups & relevant_groups
        key = (c.land if lands_matter else "", groups)
        class_of[i] = classes.setdefault(key, len(classes))
        mask[i] = sum(need_bit[k] for k in c.needs & rules.cover_needs)

    fixed = np.zeros(n, dtype=bool)
    for cid in rules.must_in | rules.must_out:
        fixed[instance.position[cid]] = True
    may_stand_in = np.ones(n, dtype=bool)
    for cid in rules.must_out:
        may_stand_in[instance.position[cid]] = False

    # Positions are in rank order; a stable sort by class keeps rank order inside a class.
    order = np.argsort(class_of, kind="stable")
    sorted_class = class_of[order]
    sorted_mask = mask[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_class)) + 1]
    sizes = np.diff(np.r_[starts, n])
    class_start = np.repeat(starts, sizes)
    class_last = np.repeat(starts + sizes - 1, sizes)

    dominators = np.zeros(n, dtype=np.int64)
    stand_in = may_stand_in[order]
    for value in np.unique(sorted_mask):
        hits = (stand_in & (sorted_mask == value)).astype(np.int64)
        running = np.cumsum(hits)
        before = running - hits  # earlier hits, in the whole array
        before -= before[class_start]  # minus those of earlier classes
        covers = (sorted_mask & ~value) == 0
        if for_feasibility:
            # Every hit of the class counts for a strict subset of needs, earlier ones for
            # the same needs.
            in_class = running[class_last] - (running - hits)[class_start]
            count = np.where(sorted_mask == value, before, in_class)
        else:
            count = before
        dominators += np.where(covers, count, 0)

    dropped = np.zeros(n, dtype=bool)
    dropped[order] = dominators >= rules.places
    dropped &= ~fixed
    return np.flatnonzero(~dropped)
