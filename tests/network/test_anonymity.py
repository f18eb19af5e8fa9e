"""The publishing rule: bands of five, nothing below five, a total only where nothing
is hidden; with exhaustive checks that no count from 1 to 4 can be worked out."""

import itertools
from collections import defaultdict

import pytest

from network.anonymity import band, band_label, publish


@pytest.mark.parametrize(("count", "lower"), [(5, 5), (6, 5), (9, 5), (10, 10), (14, 10), (23, 20)])
def test_band_is_the_lower_end_of_the_five(count, lower):
    assert band(count) == lower


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4])
def test_band_of_a_count_below_five_is_none(count):
    assert band(count) is None


def test_band_label_names_the_band():
    assert band_label(12) == "10 bis 14"


def test_band_label_below_five():
    assert band_label(3) == "weniger als 5"


def test_counts_of_five_or_more_are_shown_as_bands():
    assert publish({1: 5, 2: 12}).shown == {1: 5, 2: 10}


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4])
def test_counts_below_five_are_hidden(count):
    assert publish({1: count, 2: 7}).shown == {1: None, 2: 5}


def test_total_is_the_band_of_the_sum_when_nothing_is_hidden():
    assert publish({1: 5, 2: 9}).total == 10


@pytest.mark.parametrize("hidden", [0, 1, 4])
def test_total_is_hidden_when_any_count_is_hidden(hidden):
    # Even 2 + 3 + 0 hidden beside a 9: a total next to hidden groups is never shown.
    assert publish({1: hidden, 2: 2, 3: 3, 4: 9}).total is None


def test_hidden_count_counts_hidden_groups():
    assert publish({1: 2, 2: 0, 3: 9}).hidden_count == 2


def test_empty_counts_have_no_total():
    assert publish({}).total is None


def _readable(result) -> list[int]:
    return [v for v in [*result.shown.values(), result.total] if v is not None]


def test_every_published_number_is_a_multiple_of_five_of_at_least_five():
    for counts in itertools.product(range(13), repeat=3):
        for value in _readable(publish(dict(enumerate(counts)))):
            assert value >= 5
            assert value % 5 == 0


def test_no_difference_between_two_publications_is_between_one_and_four():
    """Any two publications of the same groups (before and after any joins and leaves):
    no cell, no total and no total minus the shown cells differs by 1 to 4."""
    results = [publish(dict(enumerate(c))) for c in itertools.product(range(12), repeat=2)]
    pairs = list(itertools.product(results, repeat=2))
    cells = [
        (first.shown[key], second.shown[key])
        for first, second in pairs
        for key in first.shown
        if first.shown[key] is not None and second.shown[key] is not None
    ]
    totals = [(first, second) for first, second in pairs if None not in (first.total, second.total)]
    # Only shown numbers can be compared; without such pairs the checks below prove nothing.
    assert cells
    assert totals
    assert [(a, b) for a, b in cells if abs(a - b) in {1, 2, 3, 4}] == []
    assert [
        (first.total, second.total)
        for first, second in totals
        if abs(first.total - second.total) in {1, 2, 3, 4}
    ] == []
    assert [
        first for first, _ in totals if first.total - sum(first.shown.values()) in {1, 2, 3, 4}
    ] == []


@pytest.mark.parametrize("hidden_groups", [1, 2, 3])
def test_no_hidden_count_can_be_worked_out_from_what_is_shown(hidden_groups):
    """Every arrangement of the hidden counts (0..4 each) next to one shown count: all
    arrangements look the same to a reader, so every hidden group can still hold every
    value 0..4."""
    seen = defaultdict(list)
    for hidden in itertools.product(range(5), repeat=hidden_groups):
        result = publish(dict(enumerate(hidden)) | {"shown": 7})
        seen[(tuple(sorted(result.shown.items(), key=str)), result.total)].append(hidden)
    assert len(seen) == 1
    for arrangements in seen.values():
        for group in range(hidden_groups):
            assert {arrangement[group] for arrangement in arrangements} == {0, 1, 2, 3, 4}
