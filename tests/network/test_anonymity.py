"""The suppression rule, including an exhaustive check that neither the total nor its
absence lets anyone work out a hidden count."""

import itertools
from collections import defaultdict

import pytest

from network.anonymity import suppress


def test_counts_of_five_or_more_are_shown():
    assert suppress({1: 5, 2: 12}).shown == {1: 5, 2: 12}


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4])
def test_counts_below_five_are_hidden(count):
    assert suppress({1: count, 2: 7}).shown == {1: None, 2: 7}


def test_total_is_shown_when_nothing_is_hidden():
    assert suppress({1: 5, 2: 9}).total == 14


def test_total_is_hidden_with_one_hidden_group():
    assert suppress({1: 3, 2: 9}).total is None


def test_total_is_hidden_with_one_hidden_group_of_zero():
    # A total equal to the shown counts would tell that the hidden group has 0.
    assert suppress({1: 0, 2: 9}).total is None


def test_total_is_hidden_with_two_hidden_groups_whatever_their_sum():
    # 4 + 4 = 8 >= 5, yet total - 9 = 8 would tell that both have 4.
    assert suppress({1: 4, 2: 4, 3: 9}).total is None


def test_total_is_shown_when_the_hidden_remainder_pins_no_group():
    assert suppress({1: 2, 2: 3, 3: 0, 4: 9}).total == 14


def test_total_is_hidden_when_the_hidden_remainder_is_below_five():
    assert suppress({1: 1, 2: 1, 3: 2, 4: 9}).total is None


def test_total_is_hidden_when_the_remainder_would_bound_each_group():
    # 3 groups with 9 in all: each must have at least 1.
    assert suppress({1: 4, 2: 4, 3: 1, 4: 9}).total is None


def test_hidden_count_counts_hidden_groups():
    assert suppress({1: 2, 2: 0, 3: 9}).hidden_count == 2


def test_empty_counts_have_a_total_of_zero():
    assert suppress({}).total == 0


@pytest.mark.parametrize("hidden_groups", [1, 2, 3, 4])
def test_no_hidden_count_can_be_worked_out_from_what_is_shown(hidden_groups):
    """Every arrangement of the hidden counts (0..4 each) next to one shown count: among
    all arrangements that look the same to a reader (same shown counts, same total or
    the same absence of it), every hidden group can still hold every value 0..4."""
    seen = defaultdict(list)
    for hidden in itertools.product(range(5), repeat=hidden_groups):
        counts = {n: value for n, value in enumerate(hidden)} | {"shown": 7}
        result = suppress(counts)
        seen[(tuple(sorted(result.shown.items(), key=str)), result.total)].append(hidden)
    for observation, arrangements in seen.items():
        for group in range(hidden_groups):
            possible = {arrangement[group] for arrangement in arrangements}
            assert possible == {0, 1, 2, 3, 4}, (observation, group, possible)


def test_a_shown_total_always_hides_at_least_five_members():
    for hidden in itertools.product(range(5), repeat=4):
        counts = dict(enumerate(hidden)) | {"shown": 6}
        total = suppress(counts).total
        if total is not None:
            assert total - 6 >= 5
