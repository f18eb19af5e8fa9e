from types import SimpleNamespace

from core.audit import field_changes, object_changes


def test_field_changes_holds_only_what_differs():
    changes = field_changes({"a": 1, "b": "x"}, {"a": 1, "b": "y"})
    assert changes == {"b": ["x", "y"]}


def test_field_changes_of_something_new_start_from_none():
    assert field_changes({}, {"a": 1}) == {"a": [None, 1]}


def test_field_changes_record_free_text_by_its_length():
    changes = field_changes(
        {"minutes": "kurz", "status": "planned"},
        {"minutes": "etwas länger", "status": "held"},
        by_length=("minutes",),
    )
    assert changes == {"minutes": [4, 12], "status": ["planned", "held"]}


def test_field_changes_of_new_free_text_start_from_none():
    assert field_changes({}, {"text": "abc"}, by_length=("text",)) == {"text": [None, 3]}


def test_object_changes_compare_with_the_objects_attributes():
    page = SimpleNamespace(title="Alt", body="gleich")
    assert object_changes(page, {"title": "Neu", "body": "gleich"}) == {"title": ["Alt", "Neu"]}
