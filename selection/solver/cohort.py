"""The entry point: choose the cohort, prove it optimal, explain it."""

import time
from collections.abc import Sequence
from decimal import Decimal

from selection.solver import conflicts, explain, why_out
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


def _total(candidates: Sequence[Candidate]) -> Decimal:
    return sum((c.score for c in candidates), _ZERO).quantize(_ZERO)


def solve(candidates: Sequence[Candidate], rules: Rules) -> Result:
    """The best cohort of ``rules.places`` candidates under the rules, with a proof of
    optimality from HiGHS and German explanations; or, if the rules cannot all hold, a
    minimal set of rules in conflict. Raises ValueError on malformed input and
    SolverError if HiGHS cannot prove an answer."""
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
            selected=(),
            objective=_ZERO,
            conflicts=conflicts.describe(inst, blocks),
            conflict_rules=tuple(block.name for block in blocks),
            seconds=time.perf_counter() - start,
            **common,
        )
    cohort = solution.cohort
    whatif = WhatIf(inst, pool, cohort)
    effects = explain.rule_effects(inst, cohort, whatif)
    reasons = why_out.why_out(inst, cohort, whatif)
    return Result(
        status=STATUS_OPTIMAL,
        selected=tuple(inst.candidates[i].id for i in cohort),
        objective=_total([inst.candidates[i] for i in cohort]),
        binding=explain.binding(inst, cohort),
        why_out={cid: reason.text for cid, reason in reasons.items()},
        why_out_rules={cid: reason.rules for cid, reason in reasons.items()},
        adds=explain.adds(inst, cohort),
        represented=len(inst.represented(cohort)),
        seconds=time.perf_counter() - start,
        explanation_version=EXPLANATION_VERSION,
        decisive=effects.decisive,
        decisive_rules=effects.decisive_rules,
        at_limit=effects.at_limit,
        diversity_change=effects.diversity_change,
        rule_abiding_objective=_total([inst.candidates[i] for i in effects.rule_abiding_positions]),
        why_out_kinds={cid: reason.kind for cid, reason in reasons.items()},
        solves=whatif.solves,
        **common,
    )
