"""A comment racing the end of its round is refused, not stored late. Runs on PostgreSQL
only (see conftest.py): SQLite locks the whole database, so it could not show the race.

Whatever closes a round holds the round's row (here: a transaction standing for the
office's evaluation, which reads every comment at the end). A comment sent a moment
before the end waits for that row and then reads the clock: the round has ended."""

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from recommendations import consultation
from recommendations.models import Comment, ConsultationRound
from tests.recommendations.helpers import office_user
from tests.recommendations.round_helpers import first_paragraph, model_coordinator, running_round

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _race() -> str:
    office = office_user()
    round = running_round(actor=office)
    author = model_coordinator()
    paragraph = first_paragraph(round)
    ends_at = timezone.now() + dt.timedelta(seconds=1.5)
    ConsultationRound.objects.filter(pk=round.pk).update(ends_at=ends_at)
    holds_round = threading.Event()
    outcome, errors = [], []

    def close():
        try:
            with transaction.atomic():
                ConsultationRound.objects.select_for_update().get(pk=round.pk)
                holds_round.set()
                time.sleep(max(0, (ends_at - timezone.now()).total_seconds()) + 0.2)
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    def comment():
        try:
            holds_round.wait(timeout=5)
            assert timezone.now() < ends_at  # sent while the round still runs
            consultation.comment_create(
                round=round,
                paragraph=paragraph,
                kind="concern",
                text="Kurz vor Schluss.",
                author=author,
            )
            outcome.append("saved")
        except ValidationError as exc:
            outcome.append(exc.code)
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=close), threading.Thread(target=comment)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    return outcome[0]


def test_a_comment_racing_the_end_is_refused():
    assert _race() == "ended"
    assert Comment.objects.count() == 0


def test_without_the_lock_the_comment_slips_in_while_the_round_closes(monkeypatch):
    """The control: without the row lock the comment reads the clock before the end and
    is stored while the round is being closed."""
    monkeypatch.setattr(consultation, "LOCK_ROUND_ROW", False)
    assert _race() == "saved"
    assert Comment.objects.count() == 1
