"""Two office members answer the same comment at once: the second is told, nothing is
lost. Runs on PostgreSQL only (see conftest.py): SQLite locks the whole database, so it
could not show the race."""

import threading

import pytest
from django.db import connection

from recommendations import answers
from recommendations.models import Comment
from tests.recommendations.answer_helpers import round_with_comments
from tests.recommendations.helpers import office_user

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _race(monkeypatch) -> dict:
    """The first answer holds its locks and waits (at most a second) for the second,
    which starts once the first holds them. Both were typed on the same page
    (revision 0). Returns what each got."""
    first_actor, second_actor = office_user(), office_user()
    _office, _round, (target,) = round_with_comments(count=1, actor=first_actor)
    first_holds_lock, second_done = threading.Event(), threading.Event()
    paused = []

    def pause():
        if paused:
            return  # only the first answer waits
        paused.append(True)
        first_holds_lock.set()
        second_done.wait(timeout=1)

    monkeypatch.setattr(answers, "_pause_while_locked", pause)
    outcome, errors = {}, []

    def answer(name, actor, status, reason, started=None, done=None):
        try:
            if started is not None:
                started.wait(timeout=5)
            answers.comment_answer(
                comment=target, status=status, reason=reason, revision=0, actor=actor
            )
            outcome[name] = "saved"
        except answers.AnswerConflict as exc:
            outcome[name] = ("conflict", exc.stored.reason)
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            if done is not None:
                done.set()
            connection.close()

    threads = [
        threading.Thread(target=answer, args=("first", first_actor, "adopted", "Erste.")),
        threading.Thread(
            target=answer,
            args=("second", second_actor, "not_adopted", "Zweite."),
            kwargs={"started": first_holds_lock, "done": second_done},
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    return outcome


def test_the_second_of_two_racing_answers_is_told_and_the_first_is_kept():
    with pytest.MonkeyPatch.context() as monkeypatch:
        outcome = _race(monkeypatch)

    assert outcome == {"first": "saved", "second": ("conflict", "Erste.")}
    stored = Comment.objects.get()
    assert (stored.answer_reason, stored.answer_revision) == ("Erste.", 1)


def test_without_the_lock_one_answer_silently_overwrites_the_other():
    """The control: without the row locks both read revision 0 and both save; the
    second office member's answer is lost without anyone being told."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(answers, "LOCK_ROUND_ROW", False)
        outcome = _race(monkeypatch)

    assert outcome == {"first": "saved", "second": "saved"}
    stored = Comment.objects.get()
    assert (stored.answer_reason, stored.answer_revision) == ("Erste.", 1)
