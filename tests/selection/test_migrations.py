"""Letters recorded as sent to nobody become due again, and the screened-out get their
own letter (selection 0003 and 0004)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from applications.models import Application
from reviews.models import Screening
from tests import factories

BEFORE = [("selection", "0002_outcomechange_keeps_history")]
AFTER = [("selection", "0004_letters_reach_people_data")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def old_apps(transactional_db):
    apps = _migrate(BEFORE)
    yield apps
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("selection"))


def _released_letters(apps, *, call, rows):
    """A released decision of ``call`` with one outcome and letter per row
    (application, kind, in_run, sent_at, recipient_count)."""
    SelectionRun = apps.get_model("selection", "SelectionRun")
    Decision = apps.get_model("selection", "Decision")
    Outcome = apps.get_model("selection", "Outcome")
    LetterDispatch = apps.get_model("selection", "LetterDispatch")
    run = SelectionRun.objects.create(
        call_id=call.pk,
        inputs={},
        result={},
        status="optimal",
        objective=Decimal("0"),
        top_objective=Decimal("0"),
        seconds=Decimal("0"),
    )
    decision = Decision.objects.create(call_id=call.pk, run=run, released_at=timezone.now())
    for application, kind, in_run, sent_at, count in rows:
        Outcome.objects.create(
            decision=decision,
            application_id=application.pk,
            proposed_kind=kind,
            kind=kind,
            in_run=in_run,
        )
        LetterDispatch.objects.create(
            call_id=call.pk,
            application_id=application.pk,
            outcome=kind,
            sent_at=sent_at,
            recipient_count=count,
        )


def _submitted(call, name):
    return factories.ApplicationFactory(
        call=call,
        municipality=factories.MunicipalityFactory(name=name),
        status=Application.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


def test_letters_sent_to_nobody_are_due_again_and_the_screened_out_get_their_letter(old_apps):
    call = factories.CallFactory()
    reached, nobody, screened_out = (_submitted(call, n) for n in ("Jena", "Lübeck", "Flensburg"))
    Screening.objects.create(
        application=screened_out,
        status=Screening.Status.NOT_ELIGIBLE,
        reason="Kein Ratsbeschluss",
        decided_at=timezone.now(),
    )
    sent = timezone.now()
    _released_letters(
        old_apps,
        call=call,
        rows=[
            (reached, "selected", True, sent, 2),
            (nobody, "selected", True, sent, 0),
            (screened_out, "not_selected", False, sent, 0),
        ],
    )

    new_apps = _migrate(AFTER)

    LetterDispatch = new_apps.get_model("selection", "LetterDispatch")
    Outcome = new_apps.get_model("selection", "Outcome")
    letters = {
        d.application_id: (d.outcome, d.sent_at is not None) for d in LetterDispatch.objects.all()
    }
    assert letters == {
        reached.pk: ("selected", True),
        nobody.pk: ("selected", False),
        screened_out.pk: ("ineligible", False),
    }
    assert Outcome.objects.get(application_id=screened_out.pk).kind == "ineligible"
