import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from core.concurrency import edit_conflict_check, fingerprint, version_token


def test_version_token_of_a_saved_thing_is_its_moment():
    moment = dt.datetime(2026, 5, 1, 12, 30, tzinfo=dt.UTC)
    assert version_token(moment) == "2026-05-01T12:30:00+00:00"


def test_version_token_of_a_never_saved_thing_is_empty():
    assert version_token(None) == ""


def test_fingerprint_changes_with_a_field_and_not_with_another_one():
    entry = SimpleNamespace(title="A", note="x")
    before = fingerprint(entry, ["title"])
    entry.note = "y"
    unchanged = fingerprint(entry, ["title"])
    entry.title = "B"
    assert (unchanged == before, fingerprint(entry, ["title"]) == before) == (True, False)


def test_same_version_may_be_saved():
    assert edit_conflict_check(sent="v1", stored="v1", repeat=False, message="x") is False


def test_no_version_sent_is_not_checked():
    assert edit_conflict_check(sent=None, stored="v2", repeat=False, message="x") is False


def test_other_version_repeating_what_is_stored_is_a_repeat():
    assert edit_conflict_check(sent="v1", stored="v2", repeat=True, message="x") is True


def test_other_version_with_other_content_is_a_conflict():
    with pytest.raises(ValidationError) as caught:
        edit_conflict_check(sent="v1", stored="v2", repeat=False, message="Geändert")
    assert (caught.value.code, caught.value.messages) == ("conflict", ["Geändert"])


def test_form_opened_before_the_first_save_conflicts_with_it():
    with pytest.raises(ValidationError, match="Geändert"):
        edit_conflict_check(sent="", stored="v1", repeat=False, message="Geändert")


def test_conflict_code_can_be_named():
    with pytest.raises(ValidationError) as caught:
        edit_conflict_check(sent="a", stored="b", repeat=False, message="x", code="changed")
    assert caught.value.code == "changed"
