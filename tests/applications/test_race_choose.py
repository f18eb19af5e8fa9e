"""Two newcomers choose the same municipality without records at the same moment: only
one is approved at once, the other waits for that one's consent. Runs on PostgreSQL only
(see conftest.py): SQLite locks the whole database, so it could not show the race."""

import contextlib
import threading

import pytest
from django.db import connection

from accounts.models import User
from applications import services
from tests import factories

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _race(monkeypatch) -> list[bool]:
    """Both threads check for an approved coordinator, then wait for each other while
    still inside their transaction (if the lock lets them), then link."""
    municipality = factories.MunicipalityFactory(name="Leerstadt")
    people = [factories.UserFactory(), factories.UserFactory()]
    arrived = threading.Barrier(2, timeout=2)

    def pause():
        # Broken barrier: the other thread waits on the row lock, so carry on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            arrived.wait()

    monkeypatch.setattr(services, "_pause_between_check_and_link", pause)
    results: list[bool] = []
    errors: list[BaseException] = []

    def attempt(person):
        try:
            fresh = User.objects.get(pk=person.pk)
            results.append(
                services.coordinator_choose_municipality(user=fresh, municipality=municipality)
            )
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    return sorted(results)


def test_two_first_coordinators_at_once_only_one_is_approved(monkeypatch):
    assert _race(monkeypatch) == [False, True]
    assert User.objects.filter(municipality_approved_at__isnull=False).count() == 1


def test_without_the_lock_both_first_coordinators_are_approved(monkeypatch):
    """The control: the same race with the row lock switched off approves both."""
    monkeypatch.setattr(services, "LOCK_MUNICIPALITY_ROW", False)
    assert _race(monkeypatch) == [True, True]
