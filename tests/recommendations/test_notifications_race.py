"""Two workers sweep the same opened round at the same moment: the round's people get
one invitation each. Runs on PostgreSQL only (see conftest.py): SQLite locks the whole
database, so it could not show the race."""

import threading

import pytest
from django.core import mail
from django.db import connection

from recommendations import notifications
from tests.recommendations.notify_helpers import consultation_round, trainers

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _two_workers(monkeypatch) -> int:
    """Both workers read the round as due before either claims it; returns the number of
    mails sent."""
    consultation_round(for_municipal_teams=False, for_trainers=True)
    trainers(3)
    both_read = threading.Barrier(2, timeout=5)
    original = notifications._round_opened_mail

    def after_both_read(**kwargs):
        both_read.wait()
        return original(**kwargs)

    monkeypatch.setattr(notifications, "_round_opened_mail", after_both_read)
    errors = []

    def worker():
        try:
            notifications.round_opened_mails()
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    return len(mail.outbox)


def test_two_workers_at_once_invite_each_person_once():
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _two_workers(monkeypatch) == 3


def test_without_the_claim_both_workers_would_invite_everyone():
    """The control: the test above fails if the claim is taken away."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(notifications, "_claim", lambda *args: True)
        assert _two_workers(monkeypatch) == 6
