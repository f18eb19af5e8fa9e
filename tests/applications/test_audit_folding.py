"""Autosave writes every answer as it is typed; the audit trail folds the saves of one
person in one section within half an hour into one entry that still says who changed
which answers from what to what."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.services import ANSWER_AUDIT_WINDOW
from core.models import AuditEntry
from tests import factories
from tests.applications.conftest import answer

ACTION = "application.answer_changed"


def trail(application):
    return list(
        AuditEntry.objects.filter(action=ACTION, object_id=str(application.pk)).order_by("id")
    )


def test_saves_in_one_section_fold_into_one_entry_with_every_question(application, coordinator):
    answer(application, coordinator, "ratsbeschluss", "yes")
    answer(application, coordinator, "ratsbeschluss_datum", "2025-03-01")
    answer(application, coordinator, "ratsbeschluss", "no")
    answer(application, coordinator, "ratsbeschluss_datum", "2025-04-01")

    (entry,) = trail(application)
    assert entry.actor == coordinator
    assert entry.changes == {
        "ratsbeschluss": [None, "no"],
        "ratsbeschluss_datum": [None, "2025-04-01"],
    }


def test_folding_keeps_the_value_before_the_first_save(application, coordinator):
    answer(application, coordinator, "ratsbeschluss", "yes")
    AuditEntry.objects.filter(action=ACTION).update(
        created_at=dt.datetime.now(dt.UTC) - ANSWER_AUDIT_WINDOW - dt.timedelta(minutes=1)
    )
    answer(application, coordinator, "ratsbeschluss", "no")
    answer(application, coordinator, "ratsbeschluss", "yes")

    assert [e.changes for e in trail(application)] == [
        {"ratsbeschluss": [None, "yes"]},
        {"ratsbeschluss": ["yes", "yes"]},
    ]


def test_another_section_gets_its_own_entry(application, coordinator):
    answer(application, coordinator, "ratsbeschluss", "yes")
    answer(application, coordinator, "motivation", "Erster Satz.")
    answer(application, coordinator, "motivation", "Erster und zweiter Satz.")
    answer(application, coordinator, "ratsbeschluss", "no")

    assert [e.changes for e in trail(application)] == [
        {"ratsbeschluss": [None, "no"]},
        {"motivation": [None, "…"]},
    ]


def test_another_person_gets_their_own_entry(application, coordinator, municipality):
    colleague = factories.CoordinatorFactory(
        municipality=municipality, email="vertretung@musterstadt.de"
    )
    answer(application, coordinator, "ratsbeschluss", "yes")
    answer(application, colleague, "ratsbeschluss", "no")
    answer(application, coordinator, "ratsbeschluss_datum", "2025-03-01")

    assert [(e.actor, e.changes) for e in trail(application)] == [
        (
            coordinator,
            {"ratsbeschluss": [None, "yes"], "ratsbeschluss_datum": [None, "2025-03-01"]},
        ),
        (colleague, {"ratsbeschluss": ["yes", "no"]}),
    ]


def test_a_save_after_the_window_starts_a_new_entry(application, coordinator):
    answer(application, coordinator, "ratsbeschluss", "yes")
    AuditEntry.objects.filter(action=ACTION).update(
        created_at=dt.datetime.now(dt.UTC) - ANSWER_AUDIT_WINDOW - dt.timedelta(minutes=1)
    )
    answer(application, coordinator, "ratsbeschluss_datum", "2025-03-01")

    assert len(trail(application)) == 2


def test_an_unchanged_answer_records_nothing(application, coordinator):
    answer(application, coordinator, "ratsbeschluss", "yes")
    answer(application, coordinator, "ratsbeschluss", "yes")

    assert [e.changes for e in trail(application)] == [{"ratsbeschluss": [None, "yes"]}]


def test_a_save_costs_the_same_queries_however_long_the_trail(application, coordinator):
    answer(application, coordinator, "ratsbeschluss", "yes")
    with CaptureQueriesContext(connection) as short:
        answer(application, coordinator, "ratsbeschluss", "no")
    for day in range(30):
        for key, value in (("ratsbeschluss", "yes"), ("motivation", f"Fassung {day}")):
            answer(application, coordinator, key, value)
        AuditEntry.objects.filter(action=ACTION).update(
            created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        )
    answer(application, coordinator, "ratsbeschluss", "no")
    answer(application, coordinator, "motivation", "Neu")

    with CaptureQueriesContext(connection) as long:
        answer(application, coordinator, "ratsbeschluss", "yes")

    assert len(trail(application)) > 30
    assert len(long) == len(short)
