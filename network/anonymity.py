"""Member counts that are safe to show outside the network.

Every page and export that shows a number of members (or of sign-ups for a members-only
event) to someone outside the network goes through ``publish`` or ``band``; nothing else
counts members for them.

The rule, and why it holds across any number of observations:

- A count is shown as its band of five: 5–9, 10–14, ... (stored as the lower end); a
  count below the threshold (5) is shown as "weniger als 5".
- A total is shown only where no count of the view is hidden; it is then the band of
  the sum of counts that are all at least 5.

So every number anyone outside can read is a multiple of five, at least five. Every
difference between two such numbers (two observations of one cell, one month against
the next, a total against the shown cells) is again a multiple of five: no count from 1
to 4 can be read or worked out by subtraction. A total stands only beside cells that
are all shown, so "total minus shown cells" never leaves a hidden group, however many
snapshots or cohorts are laid side by side.

Member counts are moreover published once a month (``network.services.counts_publish``),
so the many joins and leaves of a month appear as one step and no single one can be
followed.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from network.models import ANONYMITY_THRESHOLD

BAND = 5


def band(count: int, *, threshold: int = ANONYMITY_THRESHOLD) -> int | None:
    """The lower end of the band of five ``count`` lies in, or None below ``threshold``."""
    if count < threshold:
        return None
    return count - count % BAND


def band_label(count: int) -> str:
    """``count`` as it may be shown: "weniger als 5" or its band, "5 bis 9"."""
    lower = band(count)
    if lower is None:
        return _("weniger als %(n)s") % {"n": ANONYMITY_THRESHOLD}
    return _("%(low)s bis %(high)s") % {"low": lower, "high": lower + BAND - 1}


@dataclass(frozen=True)
class SuppressedCounts:
    """What may be shown: ``shown[key]`` is the lower end of a band (at least the
    threshold), or None where the count is hidden; ``total`` is the band of the sum, or
    None where any count is hidden. Raw values are not kept here, so no template can
    print them by mistake."""

    shown: dict
    total: int | None

    def get(self, key) -> int | None:
        return self.shown.get(key)

    @property
    def hidden_count(self) -> int:
        return sum(1 for value in self.shown.values() if value is None)


def publish(
    counts: Mapping[Hashable, int], *, threshold: int = ANONYMITY_THRESHOLD
) -> SuppressedCounts:
    """Bands for every group and the total only where nothing is hidden.

    ``counts`` must hold every group of the view, including those with 0 members: a
    group left out would hide in the total unseen.
    """
    shown = {key: band(value, threshold=threshold) for key, value in counts.items()}
    hidden = any(value is None for value in shown.values())
    total = None if hidden or not counts else band(sum(counts.values()), threshold=threshold)
    return SuppressedCounts(shown=shown, total=total)
