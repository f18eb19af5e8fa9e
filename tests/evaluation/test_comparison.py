"""The pre/post comparison's parts: indexing the answers once, then per item the means
of each phase and the changes of the people linked by their code."""

from collections import Counter

from evaluation.models import Item, ItemType, Phase
from evaluation.results import (
    ScaleAnswer,
    _by_unique_code,
    _index_answers,
    _linked_changes,
    _phase_means,
)

PRE, POST, SINGLE = 10, 20, 30
PHASE_OF = {PRE: Phase.PRE, POST: Phase.POST, SINGLE: Phase.SINGLE}


def scale(pk=1):
    return Item(pk=pk, type=ItemType.LIKERT, options=["nie", "selten", "oft", "immer"])


def people(survey_id, numbers, *, codes=None):
    codes = codes or [f"code-{i}" for i in range(len(numbers))]
    return [ScaleAnswer(survey_id, float(n), code) for n, code in zip(numbers, codes, strict=True)]


def test_index_keeps_the_numbers_of_included_cells_only():
    text = Item(pk=2, type=ItemType.TEXT)
    answers = [
        (PRE, "r1", 1, 3, "a"),
        (PRE, "r2", 1, None, "b"),
        (POST, "r3", 1, 2, "c"),
        (PRE, "r1", 2, "gut", "a"),
        (PRE, "r4", 9, 4, "d"),
    ]

    index = _index_answers(
        items=[scale(), text], cells={(PRE, 1), (PRE, 2), (PRE, 9)}, answers=answers
    )

    assert index.numbers == {1: [ScaleAnswer(PRE, 3.0, "a")]}


def test_index_counts_each_response_code_once_per_survey_even_outside_included_cells():
    answers = [
        (PRE, "r1", 1, 3, "a"),
        (PRE, "r1", 2, 4, "a"),
        (PRE, "r2", 1, 1, "a"),
        (PRE, "r3", 1, 2, ""),
        (POST, "r4", 1, 2, "a"),
    ]

    index = _index_answers(items=[scale()], cells={(PRE, 1)}, answers=answers)

    assert index.code_uses == {PRE: Counter({"a": 2}), POST: Counter({"a": 1})}


def test_phase_means_leave_out_single_surveys():
    answers = people(PRE, [1, 2]) + people(POST, [3, 4]) + people(SINGLE, [1, 1])

    means = _phase_means(answers=answers, phase_of=PHASE_OF, hidden_phases=set())

    assert means == (1.5, 3.5)


def test_phase_means_show_none_for_a_phase_that_hides_an_option():
    answers = people(PRE, [1, 2]) + people(POST, [3, 4])

    means = _phase_means(answers=answers, phase_of=PHASE_OF, hidden_phases={Phase.PRE})

    assert means == (None, 3.5)


def test_by_unique_code_drops_codes_used_twice_and_answers_without_code():
    answers = people(PRE, [1, 2, 3, 4], codes=["a", "b", "c", ""]) + people(POST, [4], codes=["a"])

    linked = _by_unique_code(answers, survey_id=PRE, uses=Counter({"a": 1, "b": 2, "c": 1}))

    assert linked == {"a": 1.0, "c": 3.0}


def linked_pair(before, after):
    answers = people(PRE, before) + people(POST, after)
    uses = {
        PRE: Counter(a.pair_hash for a in answers if a.survey_id == PRE),
        POST: Counter(a.pair_hash for a in answers if a.survey_id == POST),
    }
    return answers, uses


def test_linked_changes_are_after_minus_before_for_each_linked_person():
    answers, uses = linked_pair([1, 1, 2, 2, 3], [2, 3, 2, 4, 3])

    changes = _linked_changes(answers=answers, pairs={POST: PRE}, code_uses=uses, threshold=5)

    assert sorted(changes) == [0.0, 0.0, 1.0, 2.0, 2.0]


def test_linked_changes_need_as_many_linked_people_as_the_threshold():
    answers, uses = linked_pair([1, 1, 2, 2], [2, 3, 2, 4])

    changes = _linked_changes(answers=answers, pairs={POST: PRE}, code_uses=uses, threshold=5)

    assert changes == []


def test_linked_changes_are_withheld_when_the_unlinked_rest_is_small():
    answers, uses = linked_pair([1, 1, 2, 2, 3], [2, 3, 2, 4, 3])
    answers.append(ScaleAnswer(POST, 4.0, "stranger"))
    uses[POST]["stranger"] += 1

    changes = _linked_changes(answers=answers, pairs={POST: PRE}, code_uses=uses, threshold=5)

    assert changes == []


def test_linked_changes_link_nothing_without_a_pair_of_surveys():
    answers, uses = linked_pair([1, 1, 2, 2, 3], [2, 3, 2, 4, 3])

    changes = _linked_changes(answers=answers, pairs={}, code_uses=uses, threshold=5)

    assert changes == []
