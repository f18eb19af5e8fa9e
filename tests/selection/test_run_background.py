"""The explanations of a run computed in the background: the request stores the cohort,
the task adds the explanations once, with progress, and a failure can be retried."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from selection import services
from selection.models import Decision, SelectionRun
from selection.services.explanations import run_explanation_compute, store_explanation
from selection.solver import choose, explain, from_json
from tests import factories
from tests.selection.run_helpers import explained
from tests.selection.test_solver_explanations import bockenem_field, bockenem_rules

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
Status = SelectionRun.ExplanationStatus


def land_rules(world, *, places=3):
    """Altstadt, Bergdorf and Carlshafen share a Land; at most two of them get in."""
    return services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=places,
        max_per_land=2,
        cover_needs=False,
        diversity_weight=Decimal("0"),
        limits={},
    )


def stored_run(world) -> SelectionRun:
    land_rules(world)
    return services.selection_run_create(call=world.call, actor=world.office)


def broken_run(world) -> SelectionRun:
    """A waiting run whose stored cohort names an application the run does not know, so
    that explaining it fails."""
    run = stored_run(world)
    result = dict(run.result, selected=[987654])
    SelectionRun.objects.filter(pk=run.pk).update(result=result)
    return run


def run_url(world, run, name="selection:run_detail"):
    return reverse(name, args=[world.call.pk, run.pk])


def test_run_create_request_leaves_the_explanations_to_a_task(
    office_client, world, django_capture_on_commit_callbacks
):
    land_rules(world)

    with override_settings(TASKS=DUMMY_TASKS):
        with django_capture_on_commit_callbacks(execute=True):
            office_client.post(reverse("selection:run_create", args=[world.call.pk]))
        queued = list(default_task_backend.results)

    run = SelectionRun.objects.get()
    assert (run.explanation_status, run.explanation_done) == (Status.PENDING, 0)
    assert run.result["selected"] == [
        world.apps[n].pk for n in ("Altstadt", "Bergdorf", "Dornburg")
    ]
    assert (run.result["why_out"], run.result["decisive"], run.result["solves"]) == ({}, [], 0)
    assert run.result["explanation_version"] == 0
    assert [(r.task.name, r.kwargs) for r in queued] == [("explain_run", {"run_id": run.pk})]


def test_explain_run_task_stores_the_explanations_once_queued(
    world, django_capture_on_commit_callbacks
):
    land_rules(world)

    with django_capture_on_commit_callbacks(execute=True):
        run = services.selection_run_create(call=world.call, actor=world.office)

    run.refresh_from_db()
    assert run.explanation_status == Status.DONE
    assert (run.explanation_done, run.explanation_total, run.explanation_attempt) == (2, 2, 1)
    assert run.result["explanation_version"] == 2
    assert run.result["decisive_rules"] == ["land"]
    assert list(run.result["why_out"]) == [str(world.apps["Carlshafen"].pk)]


def test_explain_reports_each_check_as_it_is_done():
    candidates, rules = bockenem_field(), bockenem_rules()
    seen = []

    result = explain(
        candidates, rules, choose(candidates, rules), progress=lambda d, t: seen.append((d, t))
    )

    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert result.explanation_version == 2


def test_run_with_conflicting_rules_needs_no_background_work(
    world, django_capture_on_commit_callbacks
):
    services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=3,
        max_per_land=1,
        cover_needs=False,
        diversity_weight=Decimal("0"),
        limits={},
    )

    with django_capture_on_commit_callbacks() as callbacks:
        run = services.selection_run_create(call=world.call, actor=world.office)

    assert (run.status, run.explanation_status, callbacks) == ("infeasible", Status.DONE, [])


def test_run_explanation_compute_delivered_twice_computes_once(world):
    run = explained(stored_run(world))
    marked = dict(run.result, why_out={"1": "Markierung"})
    SelectionRun.objects.filter(pk=run.pk).update(result=marked)

    run_explanation_compute(run_id=run.pk)

    run.refresh_from_db()
    assert (run.result["why_out"], run.explanation_attempt) == ({"1": "Markierung"}, 1)


def test_store_explanation_of_an_older_start_is_refused(world):
    run = explained(stored_run(world))
    SelectionRun.objects.filter(pk=run.pk).update(
        explanation_status=Status.RUNNING, explanation_attempt=2
    )
    older = from_json(run.result)

    stored = store_explanation(run_id=run.pk, attempt=1, result=older)

    run.refresh_from_db()
    assert (stored, run.explanation_status, run.explanation_attempt) == (False, Status.RUNNING, 2)


def test_run_explanation_failure_records_the_exception_type_only(world):
    run = broken_run(world)

    run_explanation_compute(run_id=run.pk)

    run.refresh_from_db()
    assert (run.explanation_status, run.explanation_error) == (Status.FAILED, "KeyError")
    assert run.result["why_out"] == {}


def test_run_page_of_a_failed_explanation_offers_to_compute_again(office_client, world):
    run = broken_run(world)
    run_explanation_compute(run_id=run.pk)
    SelectionRun.objects.filter(pk=run.pk).update(result=stored_run(world).result)

    html = office_client.get(run_url(world, run)).content.decode()

    assert "Begründung konnte nicht berechnet werden" in html
    assert f'action="{run_url(world, run, "selection:run_explanation_restart")}"' in html
    assert "Begründung erneut berechnen" in html
    assert "KeyError" not in html
    assert 'id="explanation-status"' not in html


def test_run_explanation_restart_computes_a_failed_run_once(
    office_client, world, django_capture_on_commit_callbacks
):
    run = broken_run(world)
    run_explanation_compute(run_id=run.pk)
    SelectionRun.objects.filter(pk=run.pk).update(result=stored_run(world).result)
    url = run_url(world, run, "selection:run_explanation_restart")

    with override_settings(TASKS=DUMMY_TASKS):
        with django_capture_on_commit_callbacks(execute=True):
            first = office_client.post(url)
        with django_capture_on_commit_callbacks(execute=True):
            second = office_client.post(url)
        queued = list(default_task_backend.results)

    assert (first["Location"], second["Location"]) == (run_url(world, run), run_url(world, run))
    assert [r.kwargs for r in queued] == [{"run_id": run.pk}]
    run.refresh_from_db()
    assert (run.explanation_status, run.explanation_error) == (Status.PENDING, "")
    run = explained(run)
    assert (run.explanation_status, run.explanation_attempt) == (Status.DONE, 2)
    assert run.result["decisive_rules"] == ["land"]


def test_run_explanation_restart_of_a_finished_run_changes_nothing(
    office_client, world, django_capture_on_commit_callbacks
):
    run = explained(stored_run(world))

    with django_capture_on_commit_callbacks() as callbacks:
        response = office_client.post(run_url(world, run, "selection:run_explanation_restart"))

    run.refresh_from_db()
    assert (response.status_code, run.explanation_status, callbacks) == (302, Status.DONE, [])


def stalled(run: SelectionRun, *, minutes: int) -> None:
    """``run`` as a start left it that last reported progress ``minutes`` ago."""
    SelectionRun.objects.filter(pk=run.pk).update(
        explanation_status=Status.RUNNING,
        explanation_attempt=1,
        explanation_done=3,
        explanation_total=50,
        explanation_progress_at=timezone.now() - dt.timedelta(minutes=minutes),
    )


def test_run_page_of_a_stalled_explanation_offers_to_compute_again(office_client, world):
    run = stored_run(world)
    stalled(run, minutes=11)

    html = office_client.get(run_url(world, run)).content.decode()

    assert "Begründung konnte nicht berechnet werden" in html
    assert 'id="explanation-status"' not in html


def test_run_explanation_restart_of_a_stalled_run_shuts_out_the_stalled_start(
    office_client, world, django_capture_on_commit_callbacks
):
    run = stored_run(world)
    stalled(run, minutes=11)
    chosen = from_json(run.result)

    with django_capture_on_commit_callbacks() as callbacks:
        office_client.post(run_url(world, run, "selection:run_explanation_restart"))

    assert len(callbacks) == 1
    assert store_explanation(run_id=run.pk, attempt=1, result=chosen) is False
    run = explained(run)
    assert (run.explanation_status, run.explanation_attempt) == (Status.DONE, 2)
    assert run.result["decisive_rules"] == ["land"]


def test_run_explanation_restart_leaves_a_run_that_makes_progress(
    office_client, world, django_capture_on_commit_callbacks
):
    run = stored_run(world)
    stalled(run, minutes=9)

    with django_capture_on_commit_callbacks() as callbacks:
        office_client.post(run_url(world, run, "selection:run_explanation_restart"))

    run.refresh_from_db()
    assert (callbacks, run.explanation_status, run.explanation_attempt) == ([], Status.RUNNING, 1)


def test_run_page_shows_the_cohort_and_the_progress_while_pending(office_client, world):
    run = stored_run(world)
    SelectionRun.objects.filter(pk=run.pk).update(
        explanation_status=Status.RUNNING, explanation_done=12, explanation_total=50
    )

    html = office_client.get(run_url(world, run)).content.decode()

    assert (
        '<div id="explanation-status" role="status" '
        f'hx-get="{run_url(world, run, "selection:run_explanation")}" '
        'hx-trigger="every 2s" hx-swap="innerHTML">'
    ) in html
    assert (
        '<p class="kern-body" id="explanation-progress">'
        "Begründung wird berechnet: 12 von 50 Prüfungen</p>"
    ) in html
    assert f'<a class="kern-link" id="explanation-reload" href="{run_url(world, run)}">' in html
    assert "Altstadt" in html
    assert 'id="decisive"' not in html
    assert "Begründung aus einem älteren Lauf" not in html
    assert f'action="{run_url(world, run, "selection:decision_adopt")}"' in html


def test_run_page_while_waiting_says_the_work_has_not_begun(office_client, world):
    run = stored_run(world)

    html = office_client.get(run_url(world, run)).content.decode()

    assert (
        "Begründung wird berechnet: Die Berechnung beginnt, sobald die "
        "Hintergrundverarbeitung frei ist."
    ) in html


def test_run_explanation_answers_htmx_with_the_progress(office_client, world):
    run = stored_run(world)
    SelectionRun.objects.filter(pk=run.pk).update(
        explanation_status=Status.RUNNING, explanation_done=1, explanation_total=2
    )

    response = office_client.get(
        run_url(world, run, "selection:run_explanation"), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response.content.decode().strip() == (
        '<p class="kern-body" id="explanation-progress">'
        "Begründung wird berechnet: 1 von 2 Prüfungen</p>"
    )


def test_run_explanation_reloads_the_page_once_done(office_client, world):
    run = explained(stored_run(world))

    response = office_client.get(
        run_url(world, run, "selection:run_explanation"), headers={"HX-Request": "true"}
    )

    assert (response.status_code, response["HX-Refresh"]) == (204, "true")


def test_run_explanation_without_htmx_leads_to_the_run_page(office_client, world):
    run = stored_run(world)

    response = office_client.get(run_url(world, run, "selection:run_explanation"))

    assert (response.status_code, response["Location"]) == (302, run_url(world, run))


def test_run_explanation_of_another_call_is_not_found(office_client, world):
    run = stored_run(world)
    other = factories.CallFactory()
    url = reverse("selection:run_explanation", args=[other.pk, run.pk])

    response = office_client.get(url, headers={"HX-Request": "true"})

    assert response.status_code == 404


def test_adopting_a_run_does_not_wait_for_its_explanations(office_client, world):
    run = stored_run(world)

    response = office_client.post(
        run_url(world, run, "selection:decision_adopt"), {"waiting_list_length": "1"}
    )

    assert response["Location"] == reverse("selection:decision", args=[world.call.pk])
    assert Decision.objects.get(call=world.call).run_id == run.pk
    run.refresh_from_db()
    assert run.explanation_status == Status.PENDING


def test_run_page_progress_is_translated(office_client, world):
    office_client.cookies["django_language"] = "en"
    run = stored_run(world)
    SelectionRun.objects.filter(pk=run.pk).update(
        explanation_status=Status.RUNNING, explanation_done=12, explanation_total=50
    )

    html = office_client.get(run_url(world, run)).content.decode()

    assert (
        '<p class="kern-body" id="explanation-progress">'
        "Computing the explanation: 12 of 50 checks</p>"
    ) in html
    assert "Explanation of the selection</h2>" in html


QUERIES_RUN_DETAIL_PENDING = 6
QUERIES_RUN_EXPLANATION = 5


@pytest.mark.parametrize("places", [1, 3])
def test_run_detail_while_pending_query_count_is_constant(
    office_client, world, django_assert_num_queries, places
):
    land_rules(world, places=places)
    run = services.selection_run_create(call=world.call, actor=world.office)
    url = run_url(world, run)
    office_client.get(url)

    with django_assert_num_queries(QUERIES_RUN_DETAIL_PENDING):
        response = office_client.get(url)

    assert response.status_code == 200
    assert len(run.result["selected"]) == places


@pytest.mark.parametrize("places", [1, 3])
def test_run_explanation_query_count_is_constant(
    office_client, world, django_assert_num_queries, places
):
    land_rules(world, places=places)
    run = services.selection_run_create(call=world.call, actor=world.office)
    url = run_url(world, run, "selection:run_explanation")
    office_client.get(url, headers={"HX-Request": "true"})

    with django_assert_num_queries(QUERIES_RUN_EXPLANATION):
        response = office_client.get(url, headers={"HX-Request": "true"})

    assert response.status_code == 200
