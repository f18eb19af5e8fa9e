"""An edit that races a freeze lands before it or not at all. Runs on PostgreSQL only
(see conftest.py): SQLite locks the whole database, so it could not show the race."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from recommendations import services
from recommendations.models import Paragraph, Version, VersionState
from tests.recommendations.helpers import document_with_draft, office_user

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _race(monkeypatch) -> str:
    """The freeze locks the version and waits (at most a second) for the edit to finish;
    the edit starts once the freeze holds its lock. Returns what the edit got."""
    actor = office_user()
    draft = document_with_draft(actor=actor, paragraphs=1)
    paragraph = Paragraph.objects.get()
    frozen_holds_lock, edit_done = threading.Event(), threading.Event()

    def pause():
        frozen_holds_lock.set()
        edit_done.wait(timeout=1)

    monkeypatch.setattr(services, "_pause_while_locked", pause)
    outcome, errors = [], []

    def freeze():
        try:
            services.version_freeze(version=draft, label="1.0", actor=actor)
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    def edit():
        try:
            frozen_holds_lock.wait(timeout=5)
            services.paragraph_edit(paragraph=paragraph, text="Nach dem Einfrieren.", actor=actor)
            outcome.append("saved")
        except ValidationError as exc:
            outcome.append(exc.code if hasattr(exc, "code") else "refused")
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            edit_done.set()
            connection.close()

    threads = [threading.Thread(target=freeze), threading.Thread(target=edit)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    assert Version.objects.get(pk=draft.pk).state == VersionState.FROZEN
    return outcome[0]


def test_an_edit_racing_a_freeze_is_refused_after_it():
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _race(monkeypatch) == "not_draft"
    assert Paragraph.objects.get().text == "Absatz 1 der Empfehlung 1."


def test_without_the_lock_an_edit_lands_in_a_frozen_version():
    """The control: without the row lock the edit reads the draft and writes into what
    the freeze then closes."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(services, "LOCK_VERSION_ROW", False)
        assert _race(monkeypatch) == "saved"
    assert Paragraph.objects.get().text == "Nach dem Einfrieren."
