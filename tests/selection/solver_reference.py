"""A slow, obviously correct reference for the solver's tests: rules checked and cohorts
valued by plain Python over all combinations, independent of the solver's code; and
generators of random instances."""

import dataclasses
import itertools
import random
from decimal import Decimal

from hypothesis import strategies as st

from selection.solver import Candidate, GroupBound, Rules

LANDS = ("01", "05", "09", "14")
GROUPS = ("size:small", "size:large", "region:east", "eccar:yes")
NEEDS = ("auslaenderbehoerde", "jugendamt", "wohnen")
SCORE_CHOICES = tuple(Decimal(s) for s in ("1.00", "2.50", "3.75", "4.00", "4.20", "5.00"))


def rule_names(rules: Rules) -> list[str]:
    """Every rule of ``rules`` by the names the solver reports."""
    names = ["places"]
    if rules.max_per_land is not None:
        names.append("land")
    for bound in rules.group_bounds:
        if bound.minimum:
            names.append(f"group_min:{bound.group}")
        if bound.maximum is not None:
            names.append(f"group_max:{bound.group}")
    names += [f"need:{key}" for key in rules.cover_needs]
    names += [f"must_in:{cid}" for cid in rules.must_in]
    names += [f"must_out:{cid}" for cid in rules.must_out]
    return names


def broken(cohort, rules: Rules, names=None) -> set[str]:
    """The rules (by name) that the cohort (a collection of Candidates) breaks."""
    names = rule_names(rules) if names is None else names
    ids = {c.id for c in cohort}
    bounds = {b.group: b for b in rules.group_bounds}
    result = set()
    for name in names:
        kind, _, key = name.partition(":")
        if kind == "places":
            ok = len(cohort) == rules.places
        elif kind == "land":
            ok = all(
                sum(1 for c in cohort if c.land == land) <= rules.max_per_land
                for land in {c.land for c in cohort}
            )
        elif kind == "group_min":
            ok = sum(1 for c in cohort if key in c.groups) >= bounds[key].minimum
        elif kind == "group_max":
            ok = sum(1 for c in cohort if key in c.groups) <= bounds[key].maximum
        elif kind == "need":
            ok = any(key in c.needs for c in cohort)
        elif kind == "must_in":
            ok = int(key) in ids
        else:
            ok = int(key) not in ids
        if not ok:
            result.add(name)
    return result


def value(cohort, rules: Rules) -> Decimal:
    """(1 - w) * sum of scores + w * 5 * (groups and Länder represented)."""
    weight = rules.diversity_weight
    represented = {g for c in cohort for g in c.groups} | {f"land:{c.land}" for c in cohort}
    return (1 - weight) * sum(c.score for c in cohort) + weight * 5 * len(represented)


def rank_sum(cohort, candidates) -> int:
    ranked = sorted(candidates, key=lambda c: (-c.score, c.id))
    rank = {c.id: k for k, c in enumerate(ranked)}
    return sum(rank[c.id] for c in cohort)


def cohorts(candidates, rules: Rules, names=None):
    """All cohorts keeping the named rules (of any size if "places" is not among them)."""
    names = rule_names(rules) if names is None else names
    sizes = [rules.places] if "places" in names else range(len(candidates) + 1)
    for size in sizes:
        for cohort in itertools.combinations(candidates, size):
            if not broken(cohort, rules, names):
                yield cohort


def brute_force(candidates, rules: Rules):
    """The best feasible cohort by (value, then smaller rank sum), or None."""
    best = None
    for cohort in cohorts(candidates, rules):
        key = (value(cohort, rules), -rank_sum(cohort, candidates))
        if best is None or key > best[0]:
            best = (key, cohort)
    return best


def by_id(candidates, ids):
    index = {c.id: c for c in candidates}
    return tuple(index[i] for i in ids)


@st.composite
def instances(draw, max_candidates=12, max_places=4):
    """Small random instances with random rules, for comparison with brute force."""
    # Mostly instances with room to choose, now and then tiny or empty ones.
    n = draw(st.sampled_from([0, 1, 2, 3] + list(range(4, max_candidates + 1)) * 3))
    ids = draw(st.lists(st.integers(1, 999), min_size=n, max_size=n, unique=True))
    candidates = []
    for cid in ids:
        score = draw(
            st.one_of(
                st.sampled_from(SCORE_CHOICES),
                st.integers(0, 500).map(lambda v: Decimal(v).scaleb(-2)),
            )
        )
        candidates.append(
            Candidate(
                id=cid,
                label=f"Kommune {cid}",
                score=score,
                land=draw(st.sampled_from(LANDS)),
                groups=frozenset(draw(st.sets(st.sampled_from(GROUPS), max_size=3))),
                needs=frozenset(draw(st.sets(st.sampled_from(NEEDS), max_size=2))),
            )
        )
    bounds = []
    for group in draw(st.lists(st.sampled_from(GROUPS), unique=True, max_size=3)):
        minimum = draw(st.none() | st.integers(0, 3))
        maximum = draw(st.none() | st.integers(0, 4))
        bounds.append(GroupBound(group, f"Gruppe {group}", minimum, maximum))
    pick = st.sampled_from(ids) if ids else st.nothing()
    rules = Rules(
        places=draw(st.integers(1, max_places)),
        max_per_land=draw(st.none() | st.integers(1, 3)),
        group_bounds=tuple(bounds),
        cover_needs=frozenset(draw(st.sets(st.sampled_from(NEEDS), max_size=3))),
        must_in=frozenset(draw(st.sets(pick, max_size=2))) if ids else frozenset(),
        must_out=frozenset(draw(st.sets(pick, max_size=2))) if ids else frozenset(),
        diversity_weight=draw(st.sampled_from([Decimal(w) for w in ("0", "0.20", "0.50", "1")])),
    )
    return candidates, rules


def synthetic(count: int, seed: int):
    """A larger random field: ``count`` candidates over all 16 Länder."""
    rng = random.Random(seed)
    lands = [f"{k:02d}" for k in range(1, 17)]
    candidates = []
    for cid in range(1, count + 1):
        land = rng.choice(lands)
        groups = {
            rng.choice(["size:small"] * 8 + ["size:medium"] * 3 + ["size:large", "size:kreis"]),
            "region:east" if land >= "11" else "region:west",
            f"urban:0{rng.randint(1, 3)}",
            "eccar:yes" if rng.random() < 0.05 else "eccar:no",
        }
        candidates.append(
            Candidate(
                id=cid,
                label=f"Kommune {cid}",
                score=Decimal(rng.randint(0, 500)).scaleb(-2),
                land=land,
                groups=frozenset(groups),
                needs=frozenset(rng.sample(NEEDS + ("personal", "schule"), rng.randint(1, 2))),
            )
        )
    return candidates


def demo_like_rules(weight: str = "0.20", **changes) -> Rules:
    rules = Rules(
        places=10,
        max_per_land=2,
        group_bounds=(
            GroupBound("size:small", "Kommunen unter 20.000 Einwohner*innen", minimum=2),
            GroupBound("size:medium", "Kommunen mit 20.000 bis 100.000 Einwohner*innen", 2),
            GroupBound("size:large", "Kommunen über 100.000 Einwohner*innen", minimum=2),
            GroupBound("size:kreis", "Landkreise", minimum=1),
            GroupBound("region:east", "Kommunen in Ostdeutschland und Berlin", minimum=3),
            GroupBound("urban:01", "dicht besiedelte Kommunen", minimum=1),
        ),
        cover_needs=frozenset(NEEDS + ("personal", "schule")),
        diversity_weight=Decimal(weight),
    )
    return dataclasses.replace(rules, **changes)


def without(rules: Rules, names) -> Rules:
    """``rules`` with the named rules switched off; "diversity" sets the weight to 0."""
    for name in names:
        kind, _, key = name.partition(":")
        if kind == "diversity":
            rules = dataclasses.replace(rules, diversity_weight=Decimal("0"))
        elif kind == "land":
            rules = dataclasses.replace(rules, max_per_land=None)
        elif kind in ("group_min", "group_max"):
            side = "minimum" if kind == "group_min" else "maximum"
            bounds = tuple(
                dataclasses.replace(b, **{side: None}) if b.group == key else b
                for b in rules.group_bounds
            )
            rules = dataclasses.replace(rules, group_bounds=bounds)
        elif kind == "need":
            rules = dataclasses.replace(rules, cover_needs=rules.cover_needs - {key})
        elif kind == "must_in":
            rules = dataclasses.replace(rules, must_in=rules.must_in - {int(key)})
        elif kind == "must_out":
            rules = dataclasses.replace(rules, must_out=rules.must_out - {int(key)})
        else:
            raise ValueError(f"{name} cannot be switched off.")
    return rules


def reasons(rules: Rules) -> list[str]:
    """What can be switched off: every rule but the number of places, and the weight."""
    names = [name for name in rule_names(rules) if name != "places"]
    return names + (["diversity"] if rules.diversity_weight > 0 else [])
