"""The entry points: choose the cohort and prove it optimal (``choose``, fast), then
explain it by solving again (``explain``, up to one re-solve per rule and per strong
outsider: seconds to a minute at the scale of the whole register, so the platform runs it
in the background). ``solve`` does both at once, for scripts and tests."""

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from selection.solver import conflicts, why_out
from selection.solver import explain as explain_
from selection.solver.instance import Instance
from selection.solver.milp import Model
from selection.solver.model import (
    EXPLANATION_VERSION,
    STATUS_INFEASIBLE,
    STATUS_OPTIMAL,
    Candidate,
    Result,
    Rules,
    validate,
)
from selection.solver.reduce import candidate_pool
from selection.solver.whatif import WhatIf

_ZERO = Decimal("0.00")
# ``Result.explanation_version`` of a cohort that ``explain`` has not yet been asked about.
NOT_EXPLAINED = 0

# Called with (checks done, checks in all) while ``explain`` works.
Progress = Callable[[int, int], None]


def _total(candidates: Sequence[Candidate]) -> Decimal:
    return sum((c.score for c in candidates), _ZERO).quantize(_ZERO)


def solve(candidates: Sequence[Candidate], rules: Rules) -> Result:
    """The best cohort of ``rules.places`` candidates under the rules, with a proof of
    optimality from HiGHS and German explanations; or, if the rules cannot all hold, a
    minimal set of rules in conflict. Raises ValueError on malformed input and
    SolverError if HiGHS cannot prove an answer."""
    return explain(candidates, rules, choose(candidates, rules))


def choose(candidates: Sequence[Candidate], rules: Rules) -> Result:
    """Like ``solve``, but without the explanations that need solving again: the cohort,
    its proof, the rules at equality and what each member adds (or the conflict)."""
    start = time.perf_counter()
    validate(candidates, rules)
    inst = Instance(candidates, rules)
    top = inst.candidates[: rules.places]

    solution, pool_size, solver_seconds = None, 0, 0.0
    blocks = conflicts.obvious_conflict(inst)
    if blocks is None:
        pool = candidate_pool(inst)
        pool_size = len(pool)
        model = Model(inst, pool)
        solver_start = time.perf_counter()
        solution = model.optimise()
        solver_seconds = time.perf_counter() - solver_start

    common = {
        "top_by_score": tuple(c.id for c in top),
        "top_objective": _total(top),
        "pool_size": pool_size,
        "solver_seconds": solver_seconds,
    }
    if solution is None:
        if blocks is None:
            pool = candidate_pool(inst, for_feasibility=True)
            model = Model(inst, pool, with_diversity=False)
            blocks = conflicts.conflicting_blocks(inst, model)
        return Result(
            status=STATUS_INFEASIBLE,
            explanation_version=NOT_EXPLAINED,
            selected=(),
            objective=_ZERO,
            conflicts=conflicts.describe(inst, blocks),
            conflict_rules=tuple(block.name for block in blocks),
            seconds=time.perf_counter() - start,
            **common,
        )
    cohort = solution.cohort
    return Result(
        status=STATUS_OPTIMAL,
        selected=tuple(inst.candidates[i].id for i in cohort),
        objective=_total([inst.candidates[i] for i in cohort]),
        binding=explain_.binding(inst, cohort),
        adds=explain_.adds(inst, cohort),
        represented=len(inst.represented(cohort)),
        seconds=time.perf_counter() - start,
        explanation_version=NOT_EXPLAINED,
        **common,
    )


def explain(
    candidates: Sequence[Candidate],
    rules: Rules,
    chosen: Result,
    *,
    progress: Progress | None = None,
) -> Result:
    """``chosen`` (from ``choose`` on the same input) with the explanations checked by
    solving again: which rules decide, which only hold at their limit, the best sum of
    scores keeping every rule, and why each strong outsider stays out.

    One check is one reason switched off (each rule, and the weight) or one outsider;
    ``progress`` hears after each. A conflict needs no more explaining."""
    if chosen.status != STATUS_OPTIMAL:
        return replace(chosen, explanation_version=EXPLANATION_VERSION)
    start = time.perf_counter()
    validate(candidates, rules)
    inst = Instance(candidates, rules)
    cohort = tuple(sorted(inst.position[cid] for cid in chosen.selected))
    whatif = WhatIf(inst, candidate_pool(inst), cohort)
    outsiders = why_out.strong_outsiders(inst, cohort)
    total = len(whatif.reasons) + len(outsiders)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    for reason in whatif.reasons:  # the answers are kept for rule_effects and why_out
        whatif.cohort_without({reason})
        tick()
    effects = explain_.rule_effects(inst, cohort, whatif)
    reasons = {}
    for c in outsiders:
        reasons[inst.candidates[c].id] = why_out.reason(inst, cohort, whatif, c)
        tick()
    return replace(
        chosen,
        why_out={cid: reason.text for cid, reason in reasons.items()},
        why_out_rules={cid: reason.rules for cid, reason in reasons.items()},
        seconds=chosen.seconds + time.perf_counter() - start,
        explanation_version=EXPLANATION_VERSION,
        decisive=effects.decisive,
        decisive_rules=effects.decisive_rules,
        at_limit=effects.at_limit,
        diversity_change=effects.diversity_change,
        rule_abiding_objective=_total([inst.candidates[i] for i in effects.rule_abiding_positions]),
        why_out_kinds={cid: reason.kind for cid, reason in reasons.items()},
        solves=whatif.solves,
    )
