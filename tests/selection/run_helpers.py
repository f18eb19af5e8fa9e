"""Runs as the page shows them once the background task has done its part."""

from selection.models import SelectionRun
from selection.services.explanations import run_explanation_compute


def explained(run: SelectionRun) -> SelectionRun:
    """``run`` after the worker has computed its explanations (the task the run queued
    waits for the commit, which a test's transaction never reaches)."""
    run_explanation_compute(run_id=run.pk)
    run.refresh_from_db()
    return run
