"""The solver's input and output: plain, frozen values without Django."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

SCORE_STEP = Decimal("0.01")
WEIGHT_STEP = Decimal("0.01")
STATUS_OPTIMAL = "optimal"
STATUS_INFEASIBLE = "infeasible"
# Version 2: reasons checked by re-solving, decisive rules apart from those at their limit,
# the best sum of scores under every rule. Runs stored before (version 1) lack them.
EXPLANATION_VERSION = 2


class SolverError(Exception):
    """The solver could not prove a result (a limit was hit or the numbers disagree)."""


@dataclass(frozen=True)
class Candidate:
    id: int  # the application's id
    label: str  # municipality name, for explanations
    score: Decimal  # mean overall review score 0..5, two places
    land: str  # two-digit Land code, e.g. "16"
    groups: frozenset[str] = frozenset()  # e.g. {"size:small", "region:east"}
    needs: frozenset[str] = frozenset()  # priority areas named in the application


@dataclass(frozen=True)
class GroupBound:
    group: str  # a group key as in Candidate.groups
    label: str  # German plural, e.g. "Kommunen unter 20.000 Einwohner*innen"
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Rules:
    places: int
    max_per_land: int | None = None
    group_bounds: tuple[GroupBound, ...] = ()
    cover_needs: frozenset[str] = frozenset()
    need_labels: Mapping[str, str] = field(default_factory=dict)
    land_labels: Mapping[str, str] = field(default_factory=dict)
    must_in: frozenset[int] = frozenset()
    must_out: frozenset[int] = frozenset()
    diversity_weight: Decimal = Decimal("0")  # 0..1, 0 = scores only
    # German labels for groups without a bound (a bound's own label wins).
    group_labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    status: str  # STATUS_OPTIMAL or STATUS_INFEASIBLE
    selected: tuple[int, ...]  # candidate ids, best score first
    objective: Decimal  # sum of the scores of the selected
    top_by_score: tuple[int, ...]  # the plain top-N by score, ties by lower id
    top_objective: Decimal  # its sum of scores
    binding: tuple[str, ...] = ()  # German: every rule that holds with equality
    why_out: Mapping[int, str] = field(default_factory=dict)  # German, per strong outsider
    adds: Mapping[int, tuple[str, ...]] = field(default_factory=dict)  # German, per selected
    conflicts: tuple[str, ...] = ()  # German: a minimal set of rules that cannot all hold
    seconds: float = 0.0
    # Groups and Länder the cohort represents (the diversity part of the objective).
    represented: int = 0
    # The rules behind why_out and conflicts as stable names ("land", "need:wohnen",
    # "group_min:size:small", "must_in:7"; why_out also "diversity" and "tie").
    why_out_rules: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    conflict_rules: tuple[str, ...] = ()
    pool_size: int = 0  # candidates left for the solver after the dominance reduction
    solver_seconds: float = 0.0  # time HiGHS took to find and prove the optimum
    # 1: stored before the reasons were checked by re-solving (the fields below are empty).
    explanation_version: int = 1
    # German: the rules whose removal changes the cohort, with the change, and their names.
    decisive: tuple[str, ...] = ()
    decisive_rules: tuple[str, ...] = ()
    # German: the rules that hold with equality but whose removal changes nothing.
    at_limit: tuple[str, ...] = ()
    # German: what a diversity weight of 0 would change ("" if nothing or the weight is 0).
    diversity_change: str = ""
    # The best sum of scores of a cohort keeping every rule, chosen by scores alone.
    rule_abiding_objective: Decimal | None = None
    # Per outsider, how its listed reasons decide: "alone", "together", "tie", "places".
    why_out_kinds: Mapping[int, str] = field(default_factory=dict)
    solves: int = 0  # re-solves behind the explanations

    @property
    def price_of_rules(self) -> Decimal | None:
        """The plain top by score against the best cohort by score that keeps every rule."""
        if self.rule_abiding_objective is None:
            return None
        return self.top_objective - self.rule_abiding_objective

    @property
    def price_of_diversity(self) -> Decimal | None:
        """The best cohort by score keeping every rule against the chosen one."""
        if self.rule_abiding_objective is None:
            return None
        return self.rule_abiding_objective - self.objective


def validate(candidates, rules: Rules) -> None:
    """Reject input the office's forms can never produce, with a plain message."""
    ids = [c.id for c in candidates]
    if len(set(ids)) != len(ids):
        raise ValueError("Candidate ids must be unique.")
    for c in candidates:
        if c.score < 0 or c.score != c.score.quantize(SCORE_STEP):
            raise ValueError(f"Score of candidate {c.id} must be >= 0 with two places.")
    if rules.places < 1:
        raise ValueError("places must be at least 1.")
    if rules.max_per_land is not None and rules.max_per_land < 0:
        raise ValueError("max_per_land must not be negative.")
    for bound in rules.group_bounds:
        for value in (bound.minimum, bound.maximum):
            if value is not None and value < 0:
                raise ValueError(f"Bounds of group {bound.group} must not be negative.")
    if len({b.group for b in rules.group_bounds}) != len(rules.group_bounds):
        raise ValueError("Each group may have one bound only.")
    unknown = (rules.must_in | rules.must_out) - set(ids)
    if unknown:
        raise ValueError(f"Unknown candidate ids in must_in/must_out: {sorted(unknown)}")
    weight = rules.diversity_weight
    if not Decimal(0) <= weight <= Decimal(1) or weight != weight.quantize(WEIGHT_STEP):
        raise ValueError("diversity_weight must lie between 0 and 1 with two places.")
