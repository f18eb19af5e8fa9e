"""The explanations of a run, computed after the run is stored.

The request that starts a run only chooses the cohort (``choose``); the re-solves behind
the explanations take up to a minute at the scale of the whole register, so the task in
``selection.tasks`` does them and writes them into the stored result, keeping the run's
progress current for the run page.
"""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from selection.models import SelectionRun
from selection.solver import (
    Result,
    candidates_from_json,
    explain,
    from_json,
    rules_from_json,
    to_json,
)

logger = logging.getLogger(__name__)

Status = SelectionRun.ExplanationStatus


def run_explanation_enqueue(*, run: SelectionRun) -> None:
    """Queue the explanations of ``run`` once the current transaction commits, so that a
    worker elsewhere finds the run."""
    # The task module imports this one; importing it here avoids the cycle.
    from selection.tasks import explain_run

    transaction.on_commit(lambda: explain_run.enqueue(run_id=run.pk))


def run_explanation_compute(*, run_id: int) -> None:
    """Compute and store the explanations of a waiting run.

    The run is claimed first (waiting -> running, counting the start), so a task that is
    delivered twice finds it taken and computes nothing. Every write of this start names
    its count: once the office has started the computation again, an older start can
    neither report progress nor store its result over the newer one. A failure is
    recorded with the type of the exception only (its message may name applications).
    """
    with transaction.atomic():
        claimed = SelectionRun.objects.filter(pk=run_id, explanation_status=Status.PENDING).update(
            explanation_status=Status.RUNNING,
            explanation_attempt=F("explanation_attempt") + 1,
            explanation_done=0,
            explanation_error="",
            explanation_progress_at=timezone.now(),
        )
    if not claimed:
        return
    run = SelectionRun.objects.only("inputs", "result", "explanation_attempt").get(pk=run_id)
    mine = SelectionRun.objects.filter(
        pk=run_id, explanation_status=Status.RUNNING, explanation_attempt=run.explanation_attempt
    )

    def progress(done: int, total: int) -> None:
        mine.update(
            explanation_done=done, explanation_total=total, explanation_progress_at=timezone.now()
        )

    try:
        result = explain(
            candidates_from_json(run.inputs["candidates"]),
            rules_from_json(run.inputs["rules"]),
            from_json(run.result),
            progress=progress,
        )
    except Exception as exc:  # any failure must reach the run page, not only the log
        logger.warning("explanations of selection run %s failed: %s", run_id, type(exc).__name__)
        mine.update(explanation_status=Status.FAILED, explanation_error=type(exc).__name__)
        return
    store_explanation(run_id=run_id, attempt=run.explanation_attempt, result=result)


def store_explanation(*, run_id: int, attempt: int, result: Result) -> bool:
    """Write the explanations computed by start number ``attempt``, unless the run has
    been started again since (or is no longer running). Returns whether they were stored."""
    return bool(
        SelectionRun.objects.filter(
            pk=run_id, explanation_status=Status.RUNNING, explanation_attempt=attempt
        ).update(
            result=to_json(result),
            explanation_status=Status.DONE,
            explanation_done=F("explanation_total"),
        )
    )


def run_explanation_retry(*, run: SelectionRun) -> bool:
    """Start the computation of a run's explanations again, if it failed or stalled (its
    worker was stopped while it ran).

    The run's row is locked, so of two requests sent at once (a double click) only the
    first finds the run failed and queues the task; the second changes nothing. A stalled
    start that should wake up later can no longer write: the next start has a new count.
    Returns whether the computation was started again.
    """
    with transaction.atomic():
        locked = (
            SelectionRun.objects.select_for_update()
            .only("pk", "explanation_status", "explanation_progress_at")
            .get(pk=run.pk)
        )
        if not locked.explanation_failed:
            return False
        SelectionRun.objects.filter(pk=run.pk).update(
            explanation_status=Status.PENDING,
            explanation_done=0,
            explanation_total=0,
            explanation_error="",
        )
        run_explanation_enqueue(run=run)
    return True
