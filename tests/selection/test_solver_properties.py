"""The solver against brute force and random search on many random instances."""

import dataclasses
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selection.solver import GroupBound, Rules, solve, to_json
from tests.selection.solver_reference import (
    broken,
    brute_force,
    by_id,
    cohorts,
    demo_like_rules,
    instances,
    rank_sum,
    reasons,
    rule_names,
    synthetic,
    value,
    without,
)

# Reproducible in CI, and kept small so each test stays well below two seconds.
EXAMPLES = settings(max_examples=40, deadline=None, derandomize=True, database=None)
# For the tests that solve several times per example.
FEWER_EXAMPLES = settings(max_examples=25, deadline=None, derandomize=True, database=None)


def reference_key(cohort, candidates, rules):
    return (value(cohort, rules), -rank_sum(cohort, candidates))


@EXAMPLES
@given(instances())
def test_solve_result_keeps_every_rule_and_is_infeasible_only_without_any_cohort(instance):
    candidates, rules = instance

    result = solve(candidates, rules)

    if result.status == "optimal":
        assert broken(by_id(candidates, result.selected), rules) == set()
    else:
        assert result.status == "infeasible"
        assert result.selected == ()
        assert result.conflicts
        assert brute_force(candidates, rules) is None


@EXAMPLES
@given(instances())
def test_solve_objective_equals_brute_force_with_scores_only(instance):
    candidates, rules = instance
    rules = dataclasses.replace(rules, diversity_weight=Decimal("0"))
    best = brute_force(candidates, rules)

    result = solve(candidates, rules)

    if best is None:
        assert result.status == "infeasible"
    else:
        cohort = by_id(candidates, result.selected)
        assert value(cohort, rules) == best[0][0]
        assert result.objective == sum(c.score for c in best[1])


@EXAMPLES
@given(instances(), st.sampled_from(["0.20", "0.35", "0.50", "1"]))
def test_solve_objective_equals_brute_force_with_diversity(instance, weight):
    candidates, rules = instance
    rules = dataclasses.replace(rules, diversity_weight=Decimal(weight))
    best = brute_force(candidates, rules)

    result = solve(candidates, rules)

    if best is None:
        assert result.status == "infeasible"
    else:
        assert value(by_id(candidates, result.selected), rules) == best[0][0]


@EXAMPLES
@given(instances())
def test_solve_breaks_ties_by_rank_like_brute_force(instance):
    candidates, rules = instance
    best = brute_force(candidates, rules)

    result = solve(candidates, rules)

    if best is not None:
        assert reference_key(by_id(candidates, result.selected), candidates, rules) == best[0]


@FEWER_EXAMPLES
@given(instances(), st.data())
def test_solve_gives_the_same_result_for_any_order_of_the_input(instance, data):
    candidates, rules = instance
    shuffled = data.draw(st.permutations(candidates))

    first, second = to_json(solve(candidates, rules)), to_json(solve(shuffled, rules))

    for timing in ("seconds", "solver_seconds"):
        first.pop(timing), second.pop(timing)
    assert first == second


@EXAMPLES
@given(instances())
def test_conflicts_are_a_minimal_set_of_rules_that_cannot_hold(instance):
    candidates, rules = instance

    result = solve(candidates, rules)

    if result.status == "infeasible":
        names = list(result.conflict_rules)
        assert set(names) <= set(rule_names(rules))
        assert len(result.conflicts) == len(names)
        assert next(cohorts(candidates, rules, names), None) is None
        for name in names:
            rest = [n for n in names if n != name]
            assert next(cohorts(candidates, rules, rest), None) is not None, name


def solved_ids(candidates, rules):
    """Solving again from scratch, for fields too large for brute force."""
    return set(solve(candidates, rules).selected)


def strong_outsiders(candidates, selected):
    lowest = min(c.score for c in by_id(candidates, selected))
    ranked = sorted(candidates, key=lambda c: (-c.score, c.id))
    return [c.id for c in ranked if c.score >= lowest and c.id not in selected][:20]


def best_ids(candidates, rules):
    best = brute_force(candidates, rules)
    return {c.id for c in best[1]}


def assert_why_out_holds(candidates, rules, result, best=best_ids):
    """Each reason holds as a counterfactual, checked by solving again (``best``): a
    reason said to decide alone brings the outsider in when switched off alone, and these
    are all such reasons; reasons said to decide together bring it in only all at once;
    a tie or better scores keep it out even with every rule and the weight switched off."""
    assert list(result.why_out) == strong_outsiders(candidates, result.selected)
    assert list(result.why_out_rules) == list(result.why_out)
    assert list(result.why_out_kinds) == list(result.why_out)
    every = reasons(rules)
    alone_cache = {}
    for cid, names in result.why_out_rules.items():
        kind = result.why_out_kinds[cid]
        alone = []
        for name in every:
            if name not in alone_cache:
                alone_cache[name] = best(candidates, without(rules, [name]))
            if cid in alone_cache[name]:
                alone.append(name)
        if kind == "alone":
            assert list(names) == alone
        else:
            assert alone == []
            brought_in = cid in best(
                candidates, without(rules, names if kind == "together" else every)
            )
            assert brought_in == (kind == "together"), (kind, names)
        if kind == "together":
            assert len(names) >= 2
            assert set(names) <= set(every)


@FEWER_EXAMPLES
@given(instances())
def test_why_out_reasons_hold_when_solved_again_without_them(instance):
    candidates, rules = instance

    result = solve(candidates, rules)

    if result.status == "optimal":
        assert_why_out_holds(candidates, rules, result)


@pytest.mark.parametrize("seed", range(3))
def test_why_out_on_demo_like_fields_holds_when_solved_again(seed):
    candidates = synthetic(400, seed)
    rules = demo_like_rules("0.20")

    result = solve(candidates, rules)

    assert result.status == "optimal"
    assert_why_out_holds(candidates, rules, result, best=solved_ids)


@FEWER_EXAMPLES
@given(instances())
def test_forcing_an_outsider_in_breaks_a_rule_or_lowers_the_objective(instance):
    candidates, rules = instance

    result = solve(candidates, rules)

    if result.status != "optimal":
        return
    current = reference_key(by_id(candidates, result.selected), candidates, rules)
    for cid in result.why_out:
        forced = solve(candidates, dataclasses.replace(rules, must_in=rules.must_in | {cid}))
        if forced.status == "optimal":
            cohort = by_id(candidates, forced.selected)
            assert reference_key(cohort, candidates, rules) < current
        else:
            assert forced.status == "infeasible"


def random_rules(rng: random.Random, candidates) -> Rules:
    return Rules(
        places=rng.randint(3, 6),
        max_per_land=rng.choice([None, 1, 2]),
        group_bounds=(
            GroupBound("size:small", "Kleine", minimum=rng.randint(0, 2)),
            GroupBound("region:east", "Ost", minimum=rng.randint(0, 2), maximum=rng.randint(2, 4)),
            GroupBound("urban:01", "Dicht", maximum=rng.choice([None, 1, 2])),
        ),
        cover_needs=frozenset(rng.sample(["auslaenderbehoerde", "jugendamt", "wohnen"], 2)),
        must_out=frozenset(rng.sample([c.id for c in candidates], 2)),
        diversity_weight=Decimal(rng.choice(["0", "0.20"])),
    )


@pytest.mark.parametrize("seed", range(6))
def test_no_random_feasible_cohort_beats_the_solver(seed):
    rng = random.Random(seed)
    candidates = synthetic(50, seed)
    rules = random_rules(rng, candidates)

    result = solve(candidates, rules)

    feasible = []
    for _ in range(3000):
        cohort = tuple(rng.sample(candidates, rules.places))
        if not broken(cohort, rules):
            feasible.append(value(cohort, rules))
    assert result.status == "optimal"
    assert feasible
    assert max(feasible) <= value(by_id(candidates, result.selected), rules)
