"""Which answers may enter a result: the one rule every result page, chart and export
of the evaluation goes through.

The rule (T is the office's threshold, never below 5):

1. A survey with fewer than T responses contributes nothing to any figure.
2. For each item, a survey in which fewer than T people answered that item, or in which
   1 to T - 1 people skipped it, contributes nothing to that item's figures (and no
   free text).
3. A figure about a part of a survey's responses (the pre/post pairs linked by a code)
   is shown only if the part holds at least T responses and the rest of that survey is
   either empty or holds at least T responses as well.
4. A group (the whole selection, or a row of a breakdown) whose included responses
   number 0 is shown as suppressed, never as a number.
5. Within an included survey-item cell, the number choosing an option is shown only if
   it is 0 or at least T, and so is the number of everyone else in the cell (``mask_counts``).
   A figure for a set of surveys shows an option only where every survey of the set
   shows it (``mask_counts_across``), and the mean of a scale item only where no survey
   of the set hides an option of it.

Why it is safe, also against differencing. Every filter (municipality, module, year,
phase) and every breakdown row is a set of whole surveys, because those attributes
belong to the survey, not to the person. By rules 1 and 2 every figure shown anywhere
is computed only from survey-item cells holding at least T answers; answers in a cell
below T enter no figure, so no combination of figures (a total minus a subgroup, one
filter minus another, a cross-tabulation) depends on them and none can reveal them.
The finest thing any set of figures can isolate is one included cell, which holds at
least T answers. The only figures about less than a whole survey are the pair figures;
rule 3 ensures that both the part and its complement within the survey hold at least
T answers, so the survey's figure minus the pair figure describes no group below T.
The number of responses of a group is shown only as the number of included responses
(a sum of cells of at least T each), so it does not reveal the size of a dropped cell.

Rule 5 goes below the cell, to the people choosing one option. Counting them exactly
would give a group below T away (the one "Finanzen" among six), so such a count is
hidden; hiding it alone would not do, since the cell's total minus the shown options
gives it back, so a second option is hidden with it (complementary suppression) until
the hidden options together hold 0 or at least T people; for a multiple choice, where
options do not add up, an option is hidden when the people not choosing it number 1 to
T - 1. Because a filter can single out one survey and the total minus a filter gives
the rest, a set of surveys shows an option only as the sum of that option over surveys
that each show it: every difference of two figures is then a sum of figures that each
survey shows on its own. A mean of a scale item together with the shown options would
allow solving for two hidden options (their sum and their weighted sum are known), so
the mean is left out wherever an option is hidden. We chose suppression over rounding:
rounded figures from overlapping filters can be intersected back to exact counts, and
suppression keeps every figure that is shown exact.
"""

from collections.abc import Mapping

from evaluation.models import MINIMUM_THRESHOLD


def effective_threshold(value: int | None) -> int:
    """The office's setting, but never below the minimum."""
    return max(MINIMUM_THRESHOLD, value or MINIMUM_THRESHOLD)


def included_surveys(response_counts: Mapping[int, int], *, threshold: int) -> set[int]:
    """Rule 1: the surveys whose responses may enter any figure."""
    threshold = effective_threshold(threshold)
    return {survey_id for survey_id, count in response_counts.items() if count >= threshold}


def included_cells(
    answer_counts: Mapping[tuple[int, int], int],
    *,
    surveys: set[int],
    threshold: int,
    sizes: Mapping[int, int] | None = None,
) -> set[tuple[int, int]]:
    """Rule 2: the (survey, item) cells whose answers may enter that item's figures.
    With ``sizes`` (responses per survey), a cell is also left out when the people who
    skipped the item number 1 to T - 1: the survey's count minus the item's would
    otherwise show that small group."""
    threshold = effective_threshold(threshold)
    return {
        (survey_id, item_id)
        for (survey_id, item_id), count in answer_counts.items()
        if survey_id in surveys
        and count >= threshold
        and (sizes is None or part_is_safe(count, sizes[survey_id], threshold=threshold))
    }


def part_is_safe(part: int, whole: int, *, threshold: int) -> bool:
    """Rule 3: a figure about ``part`` of ``whole`` responses, given that a figure about
    the whole is shown as well."""
    threshold = effective_threshold(threshold)
    rest = whole - part
    return part >= threshold and (rest == 0 or rest >= threshold)


def mask_counts(counts: list[int], *, n: int, exclusive: bool, threshold: int) -> list[int | None]:
    """Rule 5 for one cell: the option counts with hidden ones as None. ``exclusive``
    items (a scale, a single choice) give each answer one option, so their counts add up
    to ``n``; for those the hidden options together must hold 0 or at least T people."""
    threshold = effective_threshold(threshold)
    if not exclusive:
        return [
            None if 0 < count < threshold or 0 < n - count < threshold else count
            for count in counts
        ]
    masked: list[int | None] = [None if 0 < count < threshold else count for count in counts]
    hidden = sum(count for count, shown in zip(counts, masked, strict=True) if shown is None)
    while 0 < hidden < threshold:
        # Complementary suppression: the smallest shown option that is not empty.
        rest = [(count, index) for index, count in enumerate(masked) if count]
        if not rest:
            break
        count, index = min(rest)
        masked[index] = None
        hidden += count
    return masked


def mask_counts_across(cells: list[list[int | None]], *, options: int) -> list[int | None]:
    """Rule 5 for a set of surveys: an option is shown as the sum over the surveys only
    if every survey shows it."""
    total: list[int | None] = [0] * options
    for cell in cells:
        for index, count in enumerate(cell):
            total[index] = None if count is None or total[index] is None else total[index] + count
    return total
