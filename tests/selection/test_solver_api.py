"""The solver's contract: input checks, storage as JSON, and a field of realistic size."""

import json
from decimal import Decimal

import pytest

from selection.solver import (
    Candidate,
    GroupBound,
    Rules,
    candidates_from_json,
    candidates_to_json,
    from_json,
    rules_from_json,
    rules_to_json,
    solve,
    to_json,
)
from tests.selection.solver_reference import broken, by_id, demo_like_rules, synthetic


def candidate(cid, score="3.00", **kwargs):
    return Candidate(id=cid, label=f"Kommune {cid}", score=Decimal(score), land="05", **kwargs)


@pytest.mark.parametrize(
    ("candidates", "rules", "message"),
    [
        ([candidate(1), candidate(1)], Rules(places=1), "unique"),
        ([candidate(1, "3.005")], Rules(places=1), "two places"),
        ([candidate(1, "-1.00")], Rules(places=1), "two places"),
        ([candidate(1)], Rules(places=0), "at least 1"),
        ([candidate(1)], Rules(places=1, diversity_weight=Decimal("1.5")), "between 0 and 1"),
        ([candidate(1)], Rules(places=1, diversity_weight=Decimal("0.125")), "two places"),
        ([candidate(1)], Rules(places=1, must_in=frozenset({7})), "Unknown candidate ids"),
        ([candidate(1)], Rules(places=1, max_per_land=-1), "must not be negative"),
        (
            [candidate(1)],
            Rules(places=1, group_bounds=(GroupBound("size:small", "Kleine", minimum=-1),)),
            "must not be negative",
        ),
        (
            [candidate(1)],
            Rules(places=1, group_bounds=(GroupBound("eccar:yes", "E"),) * 2),
            "one bound only",
        ),
    ],
)
def test_solve_refuses_malformed_input(candidates, rules, message):
    with pytest.raises(ValueError, match=message):
        solve(candidates, rules)


def test_top_by_score_breaks_ties_by_lower_id():
    field = [candidate(4, "4.00"), candidate(2, "4.00"), candidate(3, "5.00"), candidate(1, "1.00")]

    result = solve(field, Rules(places=2))

    assert (result.top_by_score, result.top_objective) == ((3, 2), Decimal("9.00"))
    assert str(result.objective) == "9.00"


def test_result_survives_json_unchanged():
    field = [
        candidate(1, "5.00", groups=frozenset({"size:small"}), needs=frozenset({"wohnen"})),
        candidate(2, "4.50", groups=frozenset({"size:small"})),
        candidate(3, "4.00", groups=frozenset({"size:kreis"})),
    ]
    rules = Rules(
        places=2,
        group_bounds=(GroupBound("size:kreis", "Landkreise", minimum=1),),
        cover_needs=frozenset({"wohnen"}),
    )
    result = solve(field, rules)

    stored = json.loads(json.dumps(to_json(result)))

    assert from_json(stored) == result
    assert stored["why_out"] == {"2": result.why_out[2]}


def test_infeasible_result_survives_json_unchanged():
    result = solve([candidate(1)], Rules(places=2))

    assert from_json(json.loads(json.dumps(to_json(result)))) == result


def test_inputs_survive_json_unchanged():
    field = synthetic(30, seed=7)
    rules = demo_like_rules(
        must_in=frozenset({3}), must_out=frozenset({4}), land_labels={"05": "NRW"}
    )

    stored = json.loads(json.dumps({"c": candidates_to_json(field), "r": rules_to_json(rules)}))

    assert candidates_from_json(stored["c"]) == field
    assert rules_from_json(stored["r"]) == rules


@pytest.mark.parametrize("weight", ["0", "0.20"])
def test_two_thousand_candidates_are_solved_to_proven_optimality(weight):
    field = synthetic(2000, seed=11)
    rules = demo_like_rules(weight)

    result = solve(field, rules)

    assert result.status == "optimal"
    assert len(result.selected) == 10
    assert broken(by_id(field, result.selected), rules) == set()
    assert result.objective <= result.top_objective
    assert len(result.why_out) == 20
    assert 0 < result.pool_size < 2000
