"""Runs stored before the explanations moved to the background carry theirs already:
selection 0005 marks them done, while new runs start waiting."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import factories

BEFORE = [("selection", "0004_letters_reach_people_data")]
AFTER = [("selection", "0005_run_explanation_in_background")]


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


def _run(apps, call, **fields):
    return apps.get_model("selection", "SelectionRun").objects.create(
        call_id=call.pk,
        inputs={},
        result={"status": "optimal", "explanation_version": 2},
        status="optimal",
        objective=Decimal("0"),
        top_objective=Decimal("0"),
        seconds=Decimal("0"),
        **fields,
    )


def test_runs_stored_before_read_as_explained_and_new_runs_wait(old_apps):
    call = factories.CallFactory()
    old = _run(old_apps, call)

    new_apps = _migrate(AFTER)

    SelectionRun = new_apps.get_model("selection", "SelectionRun")
    stored = SelectionRun.objects.get(pk=old.pk)
    assert (stored.explanation_status, stored.explanation_done, stored.explanation_attempt) == (
        "done",
        0,
        0,
    )
    assert _run(new_apps, call).explanation_status == "pending"
