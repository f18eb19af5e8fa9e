"""The solver against brute force and random search on many random instances."""

import dataclasses
import random
import re
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
    rule_names,
    synthetic,
    value,
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


def strong_outsiders(candidates, selected):
    lowest = min(c.score for c in by_id(candidates, selected))
    ranked = sorted(candidates, key=lambda c: (-c.score, c.id))
    return [c.id for c in ranked if c.score >= lowest and c.id not in selected][:20]


def ranked_before(first, second) -> bool:
    return (-first.score, first.id) < (-second.score, second.id)


def assert_why_out_holds(candidates, rules, result):
    """Each reason is borne out by the swaps: "tie" and "diversity" only where no swap
    improves, "diversity" only with a rule-keeping swap that raises the plain score, and
    named rules only where they really break the swaps they block."""
    assert list(result.why_out) == strong_outsiders(candidates, result.selected)
    assert list(result.why_out_rules) == list(result.why_out)
    cohort = by_id(candidates, result.selected)
    current = reference_key(cohort, candidates, rules)
    for cid, names in result.why_out_rules.items():
        if names == (f"must_out:{cid}",):
            assert cid in rules.must_out
            continue
        outsider = by_id(candidates, [cid])[0]
        improving, ranked = [], []
        for member in cohort:
            swapped = tuple(c for c in cohort if c != member) + (outsider,)
            if reference_key(swapped, candidates, rules) > current:
                improving.append(swapped)
            if ranked_before(outsider, member):
                ranked.append(swapped)
        if names == ("tie",):
            assert improving == []
            assert ranked == []
        elif names == ("diversity",):
            # Some swap that raises the plain score (or wins the tie) keeps every rule and
            # still does not improve: only the diversity term can reject it.
            assert improving == []
            assert rules.diversity_weight > 0
            assert any(not broken(swapped, rules) for swapped in ranked)
            # The swap the text quotes is such a swap.
            quoted = re.search(r"mit Kommune (\d+) statt Kommune (\d+) wär", result.why_out[cid])
            assert int(quoted[1]) == cid
            member = by_id(candidates, [int(quoted[2])])[0]
            assert member in cohort
            assert ranked_before(outsider, member)
            assert not broken(tuple(c for c in cohort if c != member) + (outsider,), rules)
        else:
            # The rules block the improving swaps, or, when there are none, every swap
            # that raises the plain score: each of those swaps breaks a named rule and
            # each named rule is broken by one of them.
            blocked = improving or ranked
            assert blocked
            assert set(names) <= set(rule_names(rules))
            for swapped in blocked:
                assert broken(swapped, rules) & set(names)
            for name in names:
                assert any(name in broken(swapped, rules) for swapped in blocked), name


@EXAMPLES
@given(instances())
def test_why_out_names_strong_outsiders_and_rules_that_block_every_better_swap(instance):
    candidates, rules = instance

    result = solve(candidates, rules)

    if result.status == "optimal":
        assert_why_out_holds(candidates, rules, result)


@pytest.mark.parametrize("seed", range(3))
def test_why_out_on_demo_like_fields_cites_diversity_only_for_rule_keeping_swaps(seed):
    candidates = synthetic(400, seed)
    rules = demo_like_rules("0.20")

    result = solve(candidates, rules)

    assert result.status == "optimal"
    assert_why_out_holds(candidates, rules, result)


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
