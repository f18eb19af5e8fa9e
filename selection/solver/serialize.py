"""Runs as JSON, so a decision can be stored with its inputs and reproduced later.

Decimals travel as strings ("4.85"), ids as JSON object keys become strings and come back
as ints; mappings keep their order (rank order).
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from selection.solver.model import Candidate, GroupBound, Result, Rules


def to_json(result: Result) -> dict[str, Any]:
    return {
        "status": result.status,
        "selected": list(result.selected),
        "objective": str(result.objective),
        "top_by_score": list(result.top_by_score),
        "top_objective": str(result.top_objective),
        "binding": list(result.binding),
        "why_out": {str(cid): text for cid, text in result.why_out.items()},
        "adds": {str(cid): list(items) for cid, items in result.adds.items()},
        "conflicts": list(result.conflicts),
        "seconds": result.seconds,
        "represented": result.represented,
        "why_out_rules": {str(cid): list(names) for cid, names in result.why_out_rules.items()},
        "conflict_rules": list(result.conflict_rules),
        "pool_size": result.pool_size,
        "solver_seconds": result.solver_seconds,
        "explanation_version": result.explanation_version,
        "decisive": list(result.decisive),
        "decisive_rules": list(result.decisive_rules),
        "at_limit": list(result.at_limit),
        "diversity_change": result.diversity_change,
        "rule_abiding_objective": (
            None if result.rule_abiding_objective is None else str(result.rule_abiding_objective)
        ),
        "why_out_kinds": {str(cid): kind for cid, kind in result.why_out_kinds.items()},
        "solves": result.solves,
    }


def from_json(data: Mapping[str, Any]) -> Result:
    return Result(
        status=data["status"],
        selected=tuple(data["selected"]),
        objective=Decimal(data["objective"]),
        top_by_score=tuple(data["top_by_score"]),
        top_objective=Decimal(data["top_objective"]),
        binding=tuple(data.get("binding", ())),
        why_out={int(cid): text for cid, text in data.get("why_out", {}).items()},
        adds={int(cid): tuple(items) for cid, items in data.get("adds", {}).items()},
        conflicts=tuple(data.get("conflicts", ())),
        seconds=float(data.get("seconds", 0.0)),
        represented=int(data.get("represented", 0)),
        why_out_rules={
            int(cid): tuple(names) for cid, names in data.get("why_out_rules", {}).items()
        },
        conflict_rules=tuple(data.get("conflict_rules", ())),
        pool_size=int(data.get("pool_size", 0)),
        solver_seconds=float(data.get("solver_seconds", 0.0)),
        # Runs stored before version 2 lack the fields below and read as version 1.
        explanation_version=int(data.get("explanation_version", 1)),
        decisive=tuple(data.get("decisive", ())),
        decisive_rules=tuple(data.get("decisive_rules", ())),
        at_limit=tuple(data.get("at_limit", ())),
        diversity_change=data.get("diversity_change", ""),
        rule_abiding_objective=(
            None
            if data.get("rule_abiding_objective") is None
            else Decimal(data["rule_abiding_objective"])
        ),
        why_out_kinds={int(cid): kind for cid, kind in data.get("why_out_kinds", {}).items()},
        solves=int(data.get("solves", 0)),
    )


def candidates_to_json(candidates: Sequence[Candidate]) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "label": c.label,
            "score": str(c.score),
            "land": c.land,
            "groups": sorted(c.groups),
            "needs": sorted(c.needs),
        }
        for c in candidates
    ]


def candidates_from_json(data: Sequence[Mapping[str, Any]]) -> list[Candidate]:
    return [
        Candidate(
            id=int(item["id"]),
            label=item["label"],
            score=Decimal(item["score"]),
            land=item["land"],
            groups=frozenset(item.get("groups", ())),
            needs=frozenset(item.get("needs", ())),
        )
        for item in data
    ]


def rules_to_json(rules: Rules) -> dict[str, Any]:
    return {
        "places": rules.places,
        "max_per_land": rules.max_per_land,
        "group_bounds": [
            {"group": b.group, "label": b.label, "minimum": b.minimum, "maximum": b.maximum}
            for b in rules.group_bounds
        ],
        "cover_needs": sorted(rules.cover_needs),
        "need_labels": dict(rules.need_labels),
        "land_labels": dict(rules.land_labels),
        "must_in": sorted(rules.must_in),
        "must_out": sorted(rules.must_out),
        "diversity_weight": str(rules.diversity_weight),
        "group_labels": dict(rules.group_labels),
    }


def rules_from_json(data: Mapping[str, Any]) -> Rules:
    return Rules(
        places=int(data["places"]),
        max_per_land=data.get("max_per_land"),
        group_bounds=tuple(GroupBound(**b) for b in data.get("group_bounds", ())),
        cover_needs=frozenset(data.get("cover_needs", ())),
        need_labels=dict(data.get("need_labels", {})),
        land_labels=dict(data.get("land_labels", {})),
        must_in=frozenset(int(i) for i in data.get("must_in", ())),
        must_out=frozenset(int(i) for i in data.get("must_out", ())),
        diversity_weight=Decimal(data.get("diversity_weight", "0")),
        group_labels=dict(data.get("group_labels", {})),
    )
