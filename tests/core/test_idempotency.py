import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.idempotency import REPEAT_WINDOW, lock_person, recent, repeat_since, stored_just_now
from core.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


def entry(action: str, *, age: dt.timedelta) -> AuditEntry:
    stored = AuditEntry.objects.create(action=action, object_type="x", object_id="1")
    AuditEntry.objects.filter(pk=stored.pk).update(created_at=timezone.now() - age)
    return stored


def test_the_window_is_five_minutes():
    assert REPEAT_WINDOW.total_seconds() == 300


def test_repeat_since_is_the_window_before_now():
    now = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
    assert repeat_since(now) == dt.datetime(2026, 5, 1, 11, 55, tzinfo=dt.UTC)


def test_stored_just_now_finds_the_first_entry_within_the_window():
    first = entry("a", age=dt.timedelta(minutes=4))
    entry("a", age=dt.timedelta(minutes=1))
    found = stored_just_now(AuditEntry.objects.filter(action="a"), since_field="created_at")
    assert found == first


def test_stored_just_now_ignores_an_entry_older_than_the_window():
    entry("a", age=REPEAT_WINDOW + dt.timedelta(seconds=1))
    assert stored_just_now(AuditEntry.objects.all(), since_field="created_at") is None


def test_recent_holds_only_the_window_oldest_first():
    entry("a", age=dt.timedelta(minutes=10))
    second = entry("a", age=dt.timedelta(minutes=3))
    third = entry("a", age=dt.timedelta(minutes=2))
    assert list(recent(AuditEntry.objects.all(), since_field="created_at")) == [second, third]


def test_recent_judges_from_the_given_moment():
    stored = entry("a", age=dt.timedelta(minutes=0))
    later = timezone.now() + REPEAT_WINDOW + dt.timedelta(seconds=1)
    assert list(recent(AuditEntry.objects.all(), since_field="created_at", now=later)) == []
    assert stored_just_now(AuditEntry.objects.all(), since_field="created_at") == stored


def test_lock_person_reads_the_persons_own_row():
    person = factories.UserFactory()
    person.delete()
    with pytest.raises(get_user_model().DoesNotExist):
        lock_person(person)
