"""The decision: a run's cohort as proposal, manual changes with reasons, the release
with its letters, and the public announcement."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application
from calls.models import Call
from core.audit import audit_record
from selection.compliance import decision_compliance, outcomes_for_check
from selection.guards import ADOPT, RELEASE, too_early
from selection.models import (
    CohortPublication,
    Decision,
    LetterDispatch,
    Outcome,
    OutcomeChange,
    OutcomeKind,
    SelectionRun,
)
from selection.services.errors import SelectionError
from selection.solver import candidates_from_json, from_json


def decision_adopt(*, run: SelectionRun, actor, waiting_list_length: int = 5) -> Decision:
    """Make ``run``'s cohort the decision proposal for its call.

    The next best applications by score (not selected, not fixed out) form the
    waiting list; every other submitted application is proposed as not selected.
    Adopting again before the release replaces the proposal; the manual changes no
    longer apply then, but stay on record (``OutcomeChange`` keeps call, application
    and run, and each change's audit entry carries its reason).
    """
    early = too_early(call=run.call, action=ADOPT)
    if early:
        raise SelectionError(early)
    if run.status != SelectionRun.Status.OPTIMAL:
        raise SelectionError(
            _("Dieser Lauf hat kein Ergebnis, weil sich die Regeln widersprechen.")
        )
    if waiting_list_length < 0:
        raise ValidationError({"waiting_list_length": _("Bitte keine negative Zahl angeben.")})
    result = from_json(run.result)
    candidates = candidates_from_json(run.inputs["candidates"])
    unscored = set(run.inputs.get("unscored", []))
    scores = {c.id: (None if c.id in unscored else c.score) for c in candidates}
    selected = set(result.selected)
    fixed_out = set(run.inputs["rules"]["must_out"])
    rest = sorted(
        (c for c in candidates if c.id not in selected and c.id not in fixed_out),
        key=lambda c: (-c.score, c.id),
    )
    waiting = {c.id: rank for rank, c in enumerate(rest[:waiting_list_length], start=1)}
    ineligible = _screened_out(call_id=run.call_id)
    with transaction.atomic():
        decision = Decision.objects.select_for_update().filter(call_id=run.call_id).first()
        if decision is not None and decision.is_released:
            raise SelectionError(_("Die Entscheidung ist bereits freigegeben."))
        if decision is None:
            decision = Decision(call_id=run.call_id)
        decision.run = run
        decision.adopted_at = timezone.now()
        decision.adopted_by = actor
        decision.save()
        decision.outcomes.all().delete()
        application_ids = Application.objects.filter(
            call_id=run.call_id, status=Application.Status.SUBMITTED
        ).values_list("pk", flat=True)
        outcomes = []
        for pk in application_ids:
            if pk in selected:
                kind, rank = OutcomeKind.SELECTED, None
            elif pk in waiting:
                kind, rank = OutcomeKind.WAITING, waiting[pk]
            elif pk in ineligible and pk not in scores:
                kind, rank = OutcomeKind.INELIGIBLE, None
            else:
                kind, rank = OutcomeKind.NOT_SELECTED, None
            outcomes.append(
                Outcome(
                    decision=decision,
                    application_id=pk,
                    proposed_kind=kind,
                    proposed_rank=rank,
                    kind=kind,
                    rank=rank,
                    score=scores.get(pk),
                    in_run=pk in scores,
                )
            )
        Outcome.objects.bulk_create(outcomes)
        audit_record(
            actor=actor,
            action="selection.decision_adopted",
            obj=decision,
            changes={"lauf": [None, run.pk]},
        )
    return decision


def _screened_out(*, call_id: int) -> set[int]:
    """The call's applications the office found formally ineligible in screening."""
    from reviews.models import Screening

    return set(
        Screening.objects.filter(
            application__call_id=call_id, status=Screening.Status.NOT_ELIGIBLE
        ).values_list("application_id", flat=True)
    )


def outcome_change(
    *, call: Call, application_id: int, actor, kind: str, rank: int | None, reason: str
) -> Outcome:
    """Change one application's outcome by hand; the reason is required and recorded.

    A place on the waiting list is inserted at ``rank`` (at the end when empty); the
    others move up or down so the list stays numbered 1..n. Asking for the outcome the
    application already has changes and records nothing.
    """
    reason = (reason or "").strip()
    errors = {}
    if kind not in OutcomeKind.values:
        errors["kind"] = _("Bitte wählen Sie ein Ergebnis.")
    if not reason:
        errors["reason"] = _("Bitte begründen Sie die Änderung.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision = Decision.objects.select_for_update().filter(call=call).first()
        if decision is None:
            raise SelectionError(_("Es gibt noch keine Entscheidung für diese Ausschreibung."))
        if decision.is_released:
            raise SelectionError(
                _("Die Entscheidung ist freigegeben und kann nicht mehr geändert werden.")
            )
        outcome = decision.outcomes.select_related("application").get(application_id=application_id)
        if kind == OutcomeKind.INELIGIBLE and application_id not in _screened_out(call_id=call.pk):
            raise ValidationError(
                {
                    "kind": _(
                        "„Formal nicht geeignet“ gilt nur für Bewerbungen, die in der formalen "
                        "Prüfung so entschieden sind."
                    )
                }
            )
        others = list(
            decision.outcomes.filter(kind=OutcomeKind.WAITING)
            .exclude(pk=outcome.pk)
            .order_by("rank", "id")
        )
        if kind == OutcomeKind.WAITING:
            rank = rank or len(others) + 1
            if not 1 <= rank <= len(others) + 1:
                raise ValidationError(
                    {
                        "rank": _("Der Rang muss zwischen 1 und %(n)s liegen.")
                        % {"n": len(others) + 1}
                    }
                )
        else:
            rank = None
        if (kind, rank) == (outcome.kind, outcome.rank):
            # Sent twice (a double click, a reload): the outcome already is what was asked.
            return outcome
        previous = (outcome.kind, outcome.rank)
        outcome.kind, outcome.rank = kind, rank
        if kind == OutcomeKind.WAITING:
            others.insert(rank - 1, outcome)
        for position, item in enumerate(others, start=1):
            item.rank = position
        Outcome.objects.bulk_update([*others, outcome], ["kind", "rank"])
        OutcomeChange.objects.create(
            outcome=outcome,
            call=call,
            application_id=outcome.application_id,
            run_id=decision.run_id,
            previous_kind=previous[0],
            previous_rank=previous[1],
            kind=kind,
            rank=rank,
            reason=reason,
            changed_by=actor,
        )
        audit_record(
            actor=actor,
            action="selection.outcome_changed",
            obj=outcome.application,
            changes={
                "ergebnis": [_outcome_text(*previous), _outcome_text(kind, rank)],
                "begruendung": [None, reason],
            },
        )
    return outcome


def _outcome_text(kind: str, rank: int | None) -> str:
    return f"{kind} {rank}" if rank else kind


def decision_release(*, call: Call, actor) -> int:
    """Release the decision: from now on applicants see it, and each gets a letter.

    Returns the number of letters queued; a second release queues none. Letters are
    sent in the background, one task per application (``send_decision_letter``).
    """
    from selection.letters import letter_templates_ensure
    from selection.tasks import send_decision_letter

    early = too_early(call=call, action=RELEASE)
    if early:
        raise SelectionError(early)
    with transaction.atomic():
        decision = Decision.objects.select_for_update().filter(call=call).first()
        if decision is None:
            raise SelectionError(_("Es gibt noch keine Entscheidung für diese Ausschreibung."))
        if not decision.is_released:
            _refuse_unjustified_breaks(decision=decision)
        claimed = Decision.objects.filter(pk=decision.pk, released_at__isnull=True).update(
            released_at=timezone.now(), released_by=actor
        )
        if not claimed:
            return 0
        letter_templates_ensure(call=call, actor=actor)
        outcomes = list(
            decision.outcomes.select_related("application", "application__municipality")
        )
        LetterDispatch.objects.bulk_create(
            [
                LetterDispatch(call=call, application=o.application, outcome=o.kind)
                for o in outcomes
            ],
            ignore_conflicts=True,
        )
        for outcome in outcomes:
            audit_record(
                actor=actor,
                action="selection.decision_released",
                obj=outcome.application,
                changes={"ergebnis": [None, _outcome_text(outcome.kind, outcome.rank)]},
            )
        pending = list(
            LetterDispatch.objects.filter(call=call, sent_at__isnull=True).values_list(
                "pk", flat=True
            )
        )

        def enqueue():
            for pk in pending:
                send_decision_letter.enqueue(dispatch_id=pk)

        transaction.on_commit(enqueue)
    return len(pending)


def _refuse_unjustified_breaks(*, decision: Decision) -> None:
    compliance = decision_compliance(
        decision=decision, outcomes=outcomes_for_check(decision=decision)
    )
    if compliance.unjustified:
        raise SelectionError(
            _(
                "Die Entscheidung hält diese Regeln nicht ein, und keine begründete Änderung "
                "steht dahinter: %(rules)s. Bitte übernehmen Sie die Auswahl eines neuen Laufs "
                "oder begründen Sie die Abweichung mit einer Änderung des Ergebnisses."
            )
            % {"rules": "; ".join(f"{b.rule} ({b.finding})" for b in compliance.unjustified)}
        )


def cohort_publish(*, call: Call, actor) -> CohortPublication:
    """Announce the selected municipalities on the public page (after the release)."""
    with transaction.atomic():
        decision = Decision.objects.filter(call=call).first()
        if decision is None or not decision.is_released:
            raise SelectionError(
                _(
                    "Die Modellkommunen können erst nach der Freigabe der Entscheidung "
                    "veröffentlicht werden."
                )
            )
        publication, _created = CohortPublication.objects.get_or_create(
            call=call, defaults={"published_by": actor}
        )
    return publication
