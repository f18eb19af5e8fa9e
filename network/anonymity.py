"""Member counts that are safe to show outside the network.

Every page and export that shows a number of members to someone who is neither a
member nor a network coordinator goes through ``suppress``; nothing else counts
members for them.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from network.models import ANONYMITY_THRESHOLD


@dataclass(frozen=True)
class SuppressedCounts:
    """What may be shown: ``shown[key]`` is a count of at least the threshold, or None
    where the count is hidden; ``total`` is the sum of all groups, or None where it
    would let someone work out a hidden count. Hidden values are not kept here, so no
    template can print them by mistake."""

    shown: dict
    total: int | None

    def get(self, key) -> int | None:
        return self.shown.get(key)

    @property
    def hidden_count(self) -> int:
        return sum(1 for value in self.shown.values() if value is None)


def suppress(
    counts: Mapping[Hashable, int], *, threshold: int = ANONYMITY_THRESHOLD
) -> SuppressedCounts:
    """Hide every count below ``threshold`` (T, 5) and show the total only where safe.

    ``counts`` must hold every group of the view, including those with 0 members: a
    group left out would hide in the total unseen.

    The rule for the total. Let k be the number of hidden groups and R the sum of their
    counts. The total is shown if k = 0, or if T <= R <= (T - 1)(k - 1); otherwise
    it is left out.

    Why it is safe. A reader knows the shown counts, which groups are hidden (k), that
    each hidden count lies in 0..T-1, and, if the total is shown, R (total minus the
    shown counts). Take any hidden group j and any value x in 0..T-1:

    - Total shown: the other k - 1 hidden groups must hold R - x, and
      0 < R - x <= R <= (T - 1)(k - 1), which they can (each holds 0..T-1). So every
      value of every hidden count stays possible: the total narrows none of them.
    - Total left out: x in group j and 0 in every other hidden group gives R = x < T,
      for which the total is always left out. So its absence narrows nothing either.

    Whenever R can be read, it is at least T, so the hidden groups together are no
    group smaller than T. With one or two hidden groups (k <= 2) the bound
    (T - 1)(k - 1) < T means the total is never shown. Views show no other sum
    (subtotals, per Land, across cohorts) of members outside the network, so no
    second view can be subtracted from this one.
    """
    shown = {key: (value if value >= threshold else None) for key, value in counts.items()}
    hidden = [value for value in counts.values() if value < threshold]
    remainder = sum(hidden)
    if not hidden or threshold <= remainder <= (threshold - 1) * (len(hidden) - 1):
        total = sum(counts.values())
    else:
        total = None
    return SuppressedCounts(shown=shown, total=total)
