"""Which answers may enter a result: the one rule every result page, chart and export
of the evaluation goes through.

The rule (T is the office's threshold, never below 5):

1. A survey with fewer than T responses contributes nothing to any figure.
2. For each item, a survey in which fewer than T people answered that item contributes
   nothing to that item's figures (and no free text).
3. A figure about a part of a survey's responses (the pre/post pairs linked by a code)
   is shown only if the part holds at least T responses and the rest of that survey is
   either empty or holds at least T responses as well.
4. A group (the whole selection, or a row of a breakdown) whose included responses
   number 0 is shown as suppressed, never as a number.

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
    answer_counts: Mapping[tuple[int, int], int], *, surveys: set[int], threshold: int
) -> set[tuple[int, int]]:
    """Rule 2: the (survey, item) cells whose answers may enter that item's figures."""
    threshold = effective_threshold(threshold)
    return {
        (survey_id, item_id)
        for (survey_id, item_id), count in answer_counts.items()
        if survey_id in surveys and count >= threshold
    }


def part_is_safe(part: int, whole: int, *, threshold: int) -> bool:
    """Rule 3: a figure about ``part`` of ``whole`` responses, given that a figure about
    the whole is shown as well."""
    threshold = effective_threshold(threshold)
    rest = whole - part
    return part >= threshold and (rest == 0 or rest >= threshold)
