"""The mixed-integer program, built as sparse matrices and solved by HiGHS.

Variables: ``x_i`` (candidate i selected) for every candidate in rank order, then, when the
diversity weight is above 0, ``y_k`` (group or Land k represented) with
``y_k <= sum of x_i over the members of k``.

Everything in the objective is an integer: scores are counted in cents, the weight in
hundredths, so the value of a cohort is an integer number of 1/10000 score points (``R``).
The tie-break adds ``T = sum of (n - rank_i) x_i`` and the solver maximises ``M * R + T``
with ``M = places * n + 1``. Two cohorts of the same size differ in ``T`` by less than
``places * n``, so ``T / M`` is a perturbation below one unit of ``R``: it cannot overturn
a real difference (at least one unit, i.e. 0.0001 score points), and among cohorts of
equal ``R`` it prefers the one with the smallest sum of ranks (higher score, then lower
id). All coefficients are integers far below 2**53, so doubles hold them exactly, and the
objective being integral, a proven gap below one unit proves the optimum exactly.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

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
from selection.solver.model import SolverError

# HiGHS status codes as scipy reports them.
_OPTIMAL = 0
_INFEASIBLE = 2
# mip_rel_gap 0: stop only at a proven optimum. HiGHS's presolve spends seconds looking
# for dominated columns among thousands of near-identical binaries (5 s of 6 on the
# whole register); reduce.py drops the provably useless candidates itself, in milliseconds.
_OPTIONS = {"mip_rel_gap": 0.0, "presolve": False, "disp": False}
_RELAXATION_FIRST = 500  # pool size from which conflict checks try the relaxation first


@dataclass(frozen=True)
class Solution:
    cohort: tuple[int, ...]  # positions in rank order
    value: int  # R, see the module docstring


def _incidence(rows: list[np.ndarray], n: int) -> sparse.csr_array:
    """One sparse row per position array."""
    lengths = [len(r) for r in rows]
    cols = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    row_ids = np.repeat(np.arange(len(rows)), lengths)
    data = np.ones(len(cols))
    return sparse.csr_array((data, (row_ids, cols)), shape=(len(rows), n))


class Model:
    """The program over a pool of candidates (positions in rank order).

    Blocks can be switched off, for the search for conflicting rules; that search needs no
    objective, so it builds the model ``with_diversity=False`` (no y variables).
    """

    def __init__(self, instance: Instance, pool: np.ndarray, *, with_diversity: bool = True):
        self.instance = instance
        self.pool = pool
        self.n = n = len(pool)
        self.column = np.full(instance.n, -1, dtype=np.int64)  # position -> column or -1
        self.column[pool] = np.arange(n)
        land_of = instance.land_of[pool]
        self.land_matrix = _incidence(
            [np.flatnonzero(land_of == k) for k in range(len(instance.lands))], n
        )
        self.group_rows = {key: k for k, key in enumerate(instance.groups)}
        self.group_matrix = _incidence(
            [self._columns(instance.group_members[g]) for g in instance.groups], n
        )
        self.diverse = with_diversity and instance.weight_pct > 0
        # One indicator per group and per Land.
        self.indicators = sparse.vstack([self.group_matrix, self.land_matrix]).tocsr()
        self.n_vars = n + (self.indicators.shape[0] if self.diverse else 0)

    def _columns(self, positions: np.ndarray) -> np.ndarray:
        """The columns of those positions that are in the pool."""
        cols = self.column[positions]
        return cols[cols >= 0]

    def _constraints(self, blocks: Iterable[Block]) -> list[LinearConstraint]:
        inst = self.instance
        n = self.n
        rules = inst.rules
        mats, lower, upper = [], [], []

        def add(matrix, lo, hi):
            mats.append(sparse.csr_array(matrix))
            count = matrix.shape[0]
            lower.append(np.full(count, lo, dtype=float))
            upper.append(np.full(count, hi, dtype=float))

        for block in blocks:
            if block.kind == PLACES:
                add(np.ones((1, n)), rules.places, rules.places)
            elif block.kind == LAND:
                add(self.land_matrix, -np.inf, rules.max_per_land)
            elif block.kind == GROUP_MIN:
                row = self.group_matrix[[self.group_rows[block.key]]]
                add(row, inst.bounds[block.key].minimum, np.inf)
            elif block.kind == GROUP_MAX:
                row = self.group_matrix[[self.group_rows[block.key]]]
                add(row, -np.inf, inst.bounds[block.key].maximum)
            elif block.kind == NEED:
                add(_incidence([self._columns(inst.need_members[block.key])], n), 1, np.inf)
        constraints = []
        if mats:
            matrix = sparse.hstack(
                [
                    sparse.vstack(mats),
                    sparse.csr_array((sum(m.shape[0] for m in mats), self.n_vars - n)),
                ]
            ).tocsr()
            constraints.append(
                LinearConstraint(matrix, np.concatenate(lower), np.concatenate(upper))
            )
        if self.diverse:
            k = self.indicators.shape[0]
            link = sparse.hstack([-self.indicators, sparse.eye_array(k)]).tocsr()
            constraints.append(LinearConstraint(link, -np.inf, 0))
        return constraints

    def _bounds(self, blocks: Iterable[Block]) -> Bounds:
        lower = np.zeros(self.n_vars)
        upper = np.ones(self.n_vars)
        for block in blocks:
            if block.kind == MUST_IN:
                lower[self.column[self.instance.position[block.key]]] = 1
            elif block.kind == MUST_OUT:
                upper[self.column[self.instance.position[block.key]]] = 0
        return Bounds(lower, upper)

    def optimise(self, blocks: Iterable[Block] | None = None) -> Solution | None:
        """The best cohort under the blocks (all rules by default), or None if there is
        none. A model built ``with_diversity=False`` optimises the scores alone, as with
        a diversity weight of 0."""
        inst = self.instance
        blocks = inst.blocks if blocks is None else tuple(blocks)
        n = self.n
        weight_pct = inst.weight_pct if self.diverse else 0
        big = inst.rules.places * inst.n + 1
        cost = np.zeros(self.n_vars)
        cost[:n] = big * (100 - weight_pct) * inst.cents[self.pool] + (inst.n - self.pool)
        if self.diverse:
            cost[n:] = big * inst.diversity_unit
        res = milp(
            -cost,  # milp minimises
            integrality=np.ones(self.n_vars),
            bounds=self._bounds(blocks),
            constraints=self._constraints(blocks),
            options=_OPTIONS,
        )
        if res.status == _INFEASIBLE:
            return None
        if res.status != _OPTIMAL:
            raise SolverError(f"HiGHS stopped without proof: {res.message}")
        # The objective is integral: a gap below one unit is an exact proof.
        if res.mip_dual_bound is None or res.fun - res.mip_dual_bound >= 1:
            raise SolverError("HiGHS reported optimal with an open gap.")
        cohort = tuple(int(i) for i in self.pool[res.x[:n] > 0.5])
        broken = inst.violated(cohort, blocks)
        if broken:
            raise SolverError(f"HiGHS returned a cohort that breaks {broken}.")
        return Solution(cohort=cohort, value=inst.value(cohort, weight_pct=weight_pct))

    def feasible(self, blocks: Iterable[Block]) -> bool:
        """Whether some cohort satisfies these blocks (objective ignored).

        On a large pool the linear relaxation answers "no" much faster when counting alone
        rules a cohort out, which is how rules usually clash; only when it says "maybe" does
        branching run. On a small pool one call to HiGHS costs less than two.
        """
        blocks = tuple(blocks)
        problem = {
            "c": np.zeros(self.n_vars),
            "bounds": self._bounds(blocks),
            "constraints": self._constraints(blocks),
            "options": _OPTIONS,
        }
        passes = [np.ones(self.n_vars)]
        if self.n >= _RELAXATION_FIRST:
            passes.insert(0, np.zeros(self.n_vars))
        for integrality in passes:
            res = milp(integrality=integrality, **problem)
            if res.status == _INFEASIBLE:
                return False
            if res.status != _OPTIMAL:
                raise SolverError(f"HiGHS stopped without an answer: {res.message}")
        return True
