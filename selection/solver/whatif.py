"""What the solver would choose without some of the rules, or with a diversity weight of 0.

The explanations rest on these re-solves, so that each statement of the form "without
this rule X would be in" has been checked by solving again, not inferred from swaps.

A *reason* is the stable name of a rule block (``"land"``, ``"group_min:size:small"``,
``"must_out:7"``; the number of places is never one) or ``DIVERSITY`` for the diversity
weight. ``cohort_without(reasons)`` solves with those rules switched off (and, if
``DIVERSITY`` is among them, by scores alone) and remembers the answer, so each set of
reasons costs one call to HiGHS at most.

The pool of the full rules serves every re-solve: the dominance argument of reduce.py holds
with any subset of the rules switched off, and a candidate that can be left out when
diversity counts can be left out when it does not (its stand-ins share its Land and all
its groups).
"""

from collections.abc import Iterable

import numpy as np

from selection.solver.instance import PLACES, Instance
from selection.solver.milp import Model
from selection.solver.model import SolverError

DIVERSITY = "diversity"


class WhatIf:
    def __init__(self, instance: Instance, pool: np.ndarray, cohort: Iterable[int]):
        self.instance = instance
        self.pool = pool
        self.cohort = frozenset(cohort)
        self._models: dict[bool, Model] = {}
        self._known: dict[frozenset[str], frozenset[int]] = {frozenset(): self.cohort}
        self.solves = 0

    @property
    def reasons(self) -> tuple[str, ...]:
        """Every rule that can be switched off, in the office's order, then the weight."""
        names = tuple(block.name for block in self.instance.blocks if block.kind != PLACES)
        return names + ((DIVERSITY,) if self.instance.weight_pct > 0 else ())

    def cohort_without(self, reasons: Iterable[str]) -> frozenset[int]:
        """The positions of the best cohort with these reasons switched off."""
        reasons = frozenset(reasons)
        if reasons not in self._known:
            cohort = self._known_answer(reasons)
            if cohort is None:
                diverse = DIVERSITY not in reasons and self.instance.weight_pct > 0
                blocks = [b for b in self.instance.blocks if b.name not in reasons]
                solution = self._model(diverse).optimise(blocks)
                self.solves += 1
                if solution is None:  # fewer rules than a feasible set: cannot happen
                    raise SolverError(f"Without {sorted(reasons)} no cohort is left.")
                cohort = frozenset(solution.cohort)
            self._known[reasons] = cohort
        return self._known[reasons]

    def _known_answer(self, reasons: frozenset[str]) -> frozenset[int] | None:
        """The answer without more reasons switched off (and the same weight), if it keeps
        the rules switched on again: the best cohort under fewer rules that keeps more is
        also the best under more."""
        for known, cohort in self._known.items():
            if not reasons < known or (DIVERSITY in known) != (DIVERSITY in reasons):
                continue
            back_on = [b for b in self.instance.blocks if b.name in known - reasons]
            if not self.instance.violated(sorted(cohort), back_on):
                return cohort
        return None

    def brings_in(self, position: int, reasons: Iterable[str]) -> bool:
        return position in self.cohort_without(reasons)

    def _model(self, diverse: bool) -> Model:
        if diverse not in self._models:
            self._models[diverse] = Model(self.instance, self.pool, with_diversity=diverse)
        return self._models[diverse]
