"""The rules compiled against the candidates: index arrays and rule blocks.

Candidates are put into rank order first (higher score, then lower id), so the model the
solver sees, and therefore its answer, does not depend on the order of the input.

The rules are cut into *blocks*, the units in which they are explained: the number of
places, the cap per Land, each minimum and each maximum of a group, each need, each
candidate that must be in or out. Counting a cohort against a block is the one truth
that the model, the checks and the explanations all share.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from selection.solver.model import Candidate, Rules

# The diversity scale K: one more group or Land represented is worth K score points,
# times weight / (1 - weight) (see the package docstring).
DIVERSITY_SCALE = 5

PLACES = "places"
LAND = "land"
GROUP_MIN = "group_min"
GROUP_MAX = "group_max"
NEED = "need"
MUST_IN = "must_in"
MUST_OUT = "must_out"


@dataclass(frozen=True)
class Block:
    kind: str
    key: str | int | None = None

    @property
    def name(self) -> str:
        """A stable name for storage and tests: "land", "group_min:size:small", "must_in:7"."""
        return self.kind if self.key is None else f"{self.kind}:{self.key}"


def rank_key(candidate: Candidate) -> tuple[Decimal, int]:
    return (-candidate.score, candidate.id)


def cents(score: Decimal) -> int:
    return int(score * 100)


class Instance:
    """Candidates in rank order with their memberships as position arrays."""

    def __init__(self, candidates: Sequence[Candidate], rules: Rules):
        self.rules = rules
        self.candidates: tuple[Candidate, ...] = tuple(sorted(candidates, key=rank_key))
        self.n = len(self.candidates)
        self.position = {c.id: i for i, c in enumerate(self.candidates)}
        self.cents = np.array([cents(c.score) for c in self.candidates], dtype=np.int64)
        self.weight_pct = int(rules.diversity_weight * 100)

        self.lands = sorted({c.land for c in self.candidates})
        land_index = {code: k for k, code in enumerate(self.lands)}
        self.land_of = np.array([land_index[c.land] for c in self.candidates], dtype=np.int64)

        members: dict[str, list[int]] = {}
        for i, c in enumerate(self.candidates):
            for key in c.groups:
                members.setdefault(key, []).append(i)
        bounded = {b.group for b in rules.group_bounds}
        self.groups = sorted(members.keys() | bounded)
        self.group_members = {
            key: np.array(members.get(key, ()), dtype=np.int64) for key in self.groups
        }

        need_members: dict[str, list[int]] = {key: [] for key in rules.cover_needs}
        for i, c in enumerate(self.candidates):
            for key in c.needs & rules.cover_needs:
                need_members[key].append(i)
        self.need_members = {k: np.array(v, dtype=np.int64) for k, v in need_members.items()}

        self.bounds = {b.group: b for b in rules.group_bounds}
        self.blocks = tuple(self._blocks())

    def _blocks(self) -> Iterable[Block]:
        rules = self.rules
        yield Block(PLACES)
        if rules.max_per_land is not None:
            yield Block(LAND)
        for bound in rules.group_bounds:  # in the office's order, for the explanations
            if bound.minimum:
                yield Block(GROUP_MIN, bound.group)
            if bound.maximum is not None:
                yield Block(GROUP_MAX, bound.group)
        for key in sorted(rules.cover_needs):
            yield Block(NEED, key)
        for cid in sorted(rules.must_in):
            yield Block(MUST_IN, cid)
        for cid in sorted(rules.must_out):
            yield Block(MUST_OUT, cid)

    # Labels -------------------------------------------------------------------------

    def land_label(self, code: str) -> str:
        return self.rules.land_labels.get(code, code)

    def group_label(self, key: str) -> str:
        if key in self.bounds:
            return self.bounds[key].label
        return self.rules.group_labels.get(key, key)

    def need_label(self, key: str) -> str:
        return self.rules.need_labels.get(key, key)

    def names(self, positions: Iterable[int]) -> str:
        return ", ".join(self.candidates[i].label for i in sorted(positions))

    # Counting a cohort (positions) against the rules --------------------------------

    def violated(self, cohort: Sequence[int], blocks: Iterable[Block] | None = None) -> list[Block]:
        """The blocks the cohort breaks."""
        chosen = np.zeros(self.n, dtype=bool)
        chosen[list(cohort)] = True
        land_counts = np.bincount(self.land_of[chosen], minlength=len(self.lands))
        broken = []
        for block in self.blocks if blocks is None else blocks:
            if not self._holds(block, chosen, land_counts):
                broken.append(block)
        return broken

    def _holds(self, block: Block, chosen: np.ndarray, land_counts: np.ndarray) -> bool:
        rules = self.rules
        if block.kind == PLACES:
            return int(chosen.sum()) == rules.places
        if block.kind == LAND:
            return int(land_counts.max(initial=0)) <= rules.max_per_land
        if block.kind == GROUP_MIN:
            count = int(chosen[self.group_members[block.key]].sum())
            return count >= self.bounds[block.key].minimum
        if block.kind == GROUP_MAX:
            count = int(chosen[self.group_members[block.key]].sum())
            return count <= self.bounds[block.key].maximum
        if block.kind == NEED:
            return bool(chosen[self.need_members[block.key]].any())
        if block.kind == MUST_IN:
            return bool(chosen[self.position[block.key]])
        return not chosen[self.position[block.key]]

    def represented(self, cohort: Iterable[int]) -> set[str]:
        """The groups and Länder (prefixed ``land:``) the cohort represents."""
        keys: set[str] = set()
        for i in cohort:
            c = self.candidates[i]
            keys.update(c.groups)
            keys.add(f"land:{c.land}")
        return keys

    def value(self, cohort: Sequence[int], *, weight_pct: int | None = None) -> int:
        """The objective in integer units of 1/10000 score point (see the package docs);
        ``weight_pct`` another diversity weight in hundredths than the rules'."""
        weight = self.weight_pct if weight_pct is None else weight_pct
        score = int(self.cents[list(cohort)].sum())
        diversity = weight * DIVERSITY_SCALE * 100 * len(self.represented(cohort))
        return (100 - weight) * score + diversity

    @property
    def diversity_unit(self) -> int:
        return self.weight_pct * DIVERSITY_SCALE * 100
