"""The desk's registry: each app's counters and dates, once each, in their order."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from core import desk


def _counter(name, position=100, todos=()):
    return desk.Counter(
        name=name,
        title=name,
        url=lambda: "/bereich/",
        collect=lambda today: list(todos),
        position=position,
    )


@pytest.fixture
def registry(monkeypatch):
    """An empty registry, as if no app had a desk.py."""
    monkeypatch.setattr(desk, "_counters", {})
    monkeypatch.setattr(desk, "_sources", {})
    monkeypatch.setattr(desk, "_discovered", True)


def test_register_counter_refuses_a_second_counter_of_the_same_name(registry):
    desk.register_counter(_counter("funding.expenses"))

    with pytest.raises(ImproperlyConfigured):
        desk.register_counter(_counter("funding.expenses", position=5))


def test_todo_groups_follow_the_positions_and_drop_empty_rows(registry):
    desk.register_counter(_counter("b", position=20))
    desk.register_counter(
        _counter(
            "a",
            position=10,
            todos=[desk.Todo(label="2 offen", count=2, url="/x/"), desk.Todo("0", 0, "/y/")],
        )
    )

    groups = desk.todo_groups(today=dt.date(2026, 5, 1))

    assert [(g.counter.name, g.todos, g.open) for g in groups] == [
        ("a", [desk.Todo(label="2 offen", count=2, url="/x/")], 2),
        ("b", [], 0),
    ]
    assert groups[1].area_url == "/bereich/"


def test_deadlines_keep_the_window_and_sort_by_day(registry):
    def collect(first, last):
        return [
            desk.Deadline(dt.date(2026, 5, 9), "Frist", "B", "/b/", "b"),
            desk.Deadline(dt.date(2026, 4, 30), "Frist", "Vorher", "/v/", "v"),
            desk.Deadline(dt.date(2026, 5, 2), "Frist", "A", "/a/", "a"),
        ]

    desk.register_dates(desk.DateSource(name="test", collect=collect))

    found = desk.deadlines(first=dt.date(2026, 5, 1), last=dt.date(2026, 5, 31))

    assert [d.uid for d in found] == ["a", "b"]
