"""The selection assistant's solver: the best cohort under the office's rules, proven.

Pure Python with scipy; no Django. ``solve(candidates, rules)`` returns a ``Result``;
``choose`` finds and proves the cohort alone and ``explain`` adds the explanations that
need solving again, so that the platform can do the second part in the background.

The model. Choose exactly ``places`` candidates (x_i in {0, 1}) subject to: at most
``max_per_land`` per Land; each group's minimum and maximum; every need in ``cover_needs``
named by at least one chosen candidate; ``must_in`` chosen, ``must_out`` not. Maximise

    (1 - w) * sum of score_i * x_i  +  w * K * D

where w is ``rules.diversity_weight`` (0..1, two places), D the number of distinct groups
and Länder the cohort represents (binary y_k <= sum of x_i over the members of k), and
K = 5, the highest review score. So one more group or Land represented is worth
K * w / (1 - w) score points: at w = 0.2 it outweighs 1.25 points of scores, at w = 0 the
cohort is chosen by scores alone, at w = 1 by diversity alone. ``Result.objective`` is
always the plain sum of the chosen scores, comparable with ``Result.top_objective``, the
sum of the plain top ``places`` by score.

Exactness. Scores are multiples of 0.01 and the weight of 0.01, so the objective is an
integer in units of 1/10000 point; HiGHS (``scipy.optimize.milp``) runs with
``mip_rel_gap=0`` and the result is "optimal" only when HiGHS reports optimal with a gap
below one unit, which on an integral objective is a proof. The returned cohort is checked
against every rule again in plain Python.

Ties. Among cohorts with the same objective the one with the smallest sum of ranks wins
(rank: higher score first, then lower id), so no member can be swapped for a higher-ranked
outsider without losing objective or breaking a rule. This is a rank-based perturbation
below one unit of the objective, which therefore cannot overturn a real difference
(milp.py gives the bound); a strictly lexicographic order would need weights 2^-rank,
which no solver can represent for thousands of candidates. Should rank sums tie as well
(possible only between cohorts at least two swaps apart), the fixed order of the model decides: it
is built in rank order, so any order of the same input gives the same cohort.

Explanations (German), each "decides" checked by solving again (whatif.py): explain.py says
which rules change the cohort when removed and which only hold at their limit, what each
member adds and what a diversity weight of 0 would change (the best sum of scores keeping
every rule, ``Result.rule_abiding_objective``, splits the gap to the plain top into the
price of the rules and the price of the weight); why_out.py says why strong outsiders stay
out; conflicts.py names a minimal set of rules that cannot hold.

Performance. Candidates that at least ``places`` better-ranked candidates can stand in
for under every rule are left out before solving (reduce.py); at the scale of the whole
register (11,405 candidates) the optimum is proven in a fraction of a second, see
benchmarks/README.md.
"""

from selection.solver.cohort import NOT_EXPLAINED, choose, explain, solve
from selection.solver.model import (
    EXPLANATION_VERSION,
    STATUS_INFEASIBLE,
    STATUS_OPTIMAL,
    Candidate,
    GroupBound,
    Result,
    Rules,
    SolverError,
)
from selection.solver.serialize import (
    candidates_from_json,
    candidates_to_json,
    from_json,
    rules_from_json,
    rules_to_json,
    to_json,
)

__all__ = [
    "EXPLANATION_VERSION",
    "NOT_EXPLAINED",
    "STATUS_INFEASIBLE",
    "STATUS_OPTIMAL",
    "Candidate",
    "GroupBound",
    "Result",
    "Rules",
    "SolverError",
    "candidates_from_json",
    "choose",
    "candidates_to_json",
    "explain",
    "from_json",
    "rules_from_json",
    "rules_to_json",
    "solve",
    "to_json",
]
