"""Runs of the assistant: candidates and rules in, a stored, unchangeable record out.

The request stores the cohort; the explanations that need solving again follow in the
background (``services/explanations.py``)."""

from dataclasses import replace
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from applications.models import Application
from calls.models import Call
from selection.guards import RUN, too_early
from selection.inputs import candidate_pool, rules_for_call
from selection.models import RuleOverride, SelectionRun
from selection.services.errors import SelectionError
from selection.services.explanations import run_explanation_enqueue
from selection.solver import (
    STATUS_OPTIMAL,
    Candidate,
    Result,
    Rules,
    SolverError,
    candidates_to_json,
    choose,
    explain,
    rules_to_json,
    to_json,
)


def selection_run_create(
    *,
    call: Call,
    actor,
    candidates: list[Candidate] | None = None,
    unscored: frozenset[int] = frozenset(),
) -> SelectionRun:
    """Run the assistant on ``call`` and store the run with its exact inputs.

    ``candidates=None`` takes every eligible submitted application with its review
    score; tests and scripts may pass their own candidates. Refused before the call's
    application deadline.

    Only the cohort is chosen here; the explanations of an optimal cohort are queued for
    the background and the run waits for them as ``pending``. Rules in conflict need no
    re-solving, so such a run is complete at once.
    """
    early = too_early(call=call, action=RUN)
    if early:
        raise SelectionError(early)
    if candidates is None:
        pool = candidate_pool(call=call)
        candidates, unscored = pool.candidates, pool.unscored
    rules = rules_for_call(call=call, candidates=candidates)
    overrides = list(
        RuleOverride.objects.filter(rules__call=call).values_list(
            "application_id", "kind", "reason"
        )
    )
    result = _solve(candidates, rules)
    inputs = {
        "candidates": candidates_to_json(candidates),
        "rules": rules_to_json(_solvable(rules, candidates)),
        "requested_must_in": sorted(rules.must_in),
        "unscored": sorted(unscored),
        "overrides": [
            {"application": pk, "kind": kind, "reason": reason} for pk, kind, reason in overrides
        ],
        "applications": _application_facts([c.id for c in candidates]),
    }
    explained = result.status != STATUS_OPTIMAL
    if explained:
        result = explain(candidates, _solvable(rules, candidates), result)
    Status = SelectionRun.ExplanationStatus
    with transaction.atomic():
        run = SelectionRun.objects.create(
            call=call,
            created_by=actor,
            inputs=inputs,
            result=to_json(result),
            status=result.status,
            objective=result.objective,
            top_objective=result.top_objective,
            seconds=Decimal(str(round(result.seconds, 3))),
            explanation_status=Status.DONE if explained else Status.PENDING,
        )
        if not explained:
            run_explanation_enqueue(run=run)
    return run


def _solvable(rules: Rules, candidates: list[Candidate]) -> Rules:
    """The rules as the solver may take them: fixed applications that are no candidates
    (not submitted or not eligible) are left out; the run reports them instead."""
    ids = {c.id for c in candidates}
    return replace(rules, must_in=rules.must_in & ids, must_out=rules.must_out & ids)


def _solve(candidates: list[Candidate], rules: Rules) -> Result:
    solvable = _solvable(rules, candidates)
    missing = sorted(rules.must_in - solvable.must_in)
    if missing:
        names = dict(
            Application.objects.filter(pk__in=missing).values_list("pk", "municipality__name")
        )
        conflicts = tuple(
            _(
                "%(name)s soll in die Auswahl, nimmt aber nicht teil "
                "(nicht eingereicht oder nicht zugelassen)."
            )
            % {"name": names.get(pk, f"#{pk}")}
            for pk in missing
        )
        top = sorted(candidates, key=lambda c: (-c.score, c.id))[: rules.places]
        return Result(
            status="infeasible",
            selected=(),
            objective=Decimal("0"),
            top_by_score=tuple(c.id for c in top),
            top_objective=sum((c.score for c in top), Decimal("0")),
            conflicts=conflicts,
        )
    try:
        return choose(candidates, solvable)
    except SolverError as exc:
        raise SelectionError(
            _("Der Auswahlassistent konnte kein Ergebnis belegen. Bitte erneut versuchen.")
        ) from exc


def _application_facts(ids: list[int]) -> dict[str, dict]:
    """What the run page shows about each candidate, frozen at the time of the run."""
    facts = {}
    applications = Application.objects.filter(pk__in=ids).select_related(
        "municipality", "municipality__land"
    )
    for application in applications:
        municipality = application.municipality
        facts[str(application.pk)] = {
            "reference": application.reference,
            "name": municipality.name,
            "land": municipality.land.name,
            "kind": municipality.kind,
            "size_class": municipality.size_class,
        }
    return facts
