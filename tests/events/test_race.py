"""Two people take the last place at the same moment. Runs on PostgreSQL only (see
conftest.py): SQLite locks the whole database, so it could not show the race."""

import contextlib
import threading

import pytest
from django.db import connection

from events import services
from events.models import Status
from tests.events.helpers import make_event, register

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _race(event, monkeypatch, **kwargs) -> list[str]:
    """Both threads count the free places, then wait for each other while still inside
    their transaction (if the lock lets them), then write."""
    arrived = threading.Barrier(2, timeout=2)

    def pause():
        # Broken barrier: the other thread is blocked on the row lock, so carry on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            arrived.wait()

    monkeypatch.setattr(services, "_pause_between_count_and_write", pause)
    results: list[str] = []
    errors: list[BaseException] = []

    def attempt(name):
        try:
            booked = register(event, name, **kwargs).registration
            results.append("hold" if booked.hold_expires_at else booked.status)
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in ("Alex A", "Berit B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    return sorted(results)


def test_last_place_goes_to_exactly_one(monkeypatch):
    event = make_event(capacity=1)
    assert _race(event, monkeypatch) == [Status.CONFIRMED, Status.WAITING]
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 1


def test_without_the_lock_the_last_place_is_given_twice(monkeypatch):
    """The control: the same race with the row lock switched off overbooks."""
    monkeypatch.setattr(services, "LOCK_EVENT_ROW", False)
    event = make_event(capacity=1)
    assert _race(event, monkeypatch) == [Status.CONFIRMED, Status.CONFIRMED]


def _day_one_full():
    """Two days with one place each; the first day is taken."""
    import datetime as dt

    event = make_event(capacity=1, days=[dt.date(2030, 4, 20), dt.date(2030, 4, 21)])
    first, second = event.days.all()
    register(event, "Cem C", days=[first])
    return event, second


def test_last_place_of_a_day_goes_to_exactly_one(monkeypatch):
    event, second = _day_one_full()
    assert _race(event, monkeypatch, days=[second]) == [Status.CONFIRMED, Status.WAITING]
    assert second.registrations.filter(status=Status.CONFIRMED).count() == 1


def test_without_the_lock_the_last_place_of_a_day_is_given_twice(monkeypatch):
    """The control: counting per day needs the row lock as much as counting per event."""
    monkeypatch.setattr(services, "LOCK_EVENT_ROW", False)
    event, second = _day_one_full()
    assert _race(event, monkeypatch, days=[second]) == [Status.CONFIRMED, Status.CONFIRMED]


def test_last_place_is_held_for_exactly_one_unconfirmed_registration(monkeypatch):
    event = make_event(capacity=1)
    assert _race(event, monkeypatch, known_address="") == ["awaiting_email", "hold"]


def test_without_the_lock_the_last_place_is_held_twice(monkeypatch):
    """The control: unconfirmed holds would oversell without the row lock too."""
    monkeypatch.setattr(services, "LOCK_EVENT_ROW", False)
    event = make_event(capacity=1)
    assert _race(event, monkeypatch, known_address="") == ["hold", "hold"]


def test_one_invitation_link_used_twice_at_once_books_once(monkeypatch):
    from django.core.exceptions import ValidationError

    from events.invitations import invitation_register
    from events.models import Audience
    from tests.events.helpers import invite

    event = make_event(audience=Audience.INVITED)
    invitation, _token = invite(event)
    arrived = threading.Barrier(2, timeout=2)

    def pause():
        with contextlib.suppress(threading.BrokenBarrierError):
            arrived.wait()

    monkeypatch.setattr(services, "_pause_between_count_and_write", pause)
    outcomes: list[str] = []

    def attempt(email):
        try:
            invitation_register(
                invitation=invitation, name="Gast", email=email, answers={}, days=[]
            )
            outcomes.append("booked")
        except ValidationError as exc:
            outcomes.append(" ".join(exc.messages))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(e,)) for e in ("a@example.org", "b@example.org")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert sorted(outcomes) == [
        "Mit dieser Einladung hat sich schon jemand angemeldet.",
        "booked",
    ]
    assert event.registrations.count() == 1
