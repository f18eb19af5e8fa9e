"""The office's answers to the comments of a consultation round, the round's evaluation
and the publication of the answers.

Each function runs in a transaction and locks the round's row first (and the comment's
after it, always in this order): an answer, the evaluation and the publication of one
round therefore happen one after the other, never interleaved. Answering may begin while
the round still runs (the office reads early); once the answers are published they stay
as they are.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.audit import audit_record, object_changes
from recommendations.models import AnswerStatus, Comment, ConsultationRound

# The race test switches the round's row lock off to show what it prevents.
LOCK_ROUND_ROW = True


def _pause_while_locked() -> None:
    """Nothing; the race test waits here, inside an answer, for a second one to try."""


@dataclass(frozen=True)
class StoredAnswer:
    """The answer a comment has in the database, as a conflict reports it."""

    status: str
    status_label: str
    reason: str
    answered_by: str
    answered_at: object
    revision: int


class AnswerConflict(ValidationError):
    """Someone else saved an answer to the comment since the page was loaded. Carries
    the stored answer, so the page can show both it and what this person typed."""

    def __init__(self, comment: Comment):
        self.stored = StoredAnswer(
            status=comment.answer_status,
            status_label=str(comment.get_answer_status_display()),
            reason=comment.answer_reason,
            answered_by=comment.answered_by.full_name if comment.answered_by else "",
            answered_at=comment.answered_at,
            revision=comment.answer_revision,
        )
        when = (
            date_format(timezone.localtime(comment.answered_at), "DATETIME_FORMAT")
            if comment.answered_at
            else ""
        )
        super().__init__(
            _(
                "Inzwischen hat %(name)s am %(when)s geantwortet: „%(status)s“. "
                "Ihre Eingabe ist nicht gespeichert; prüfen Sie beide und speichern Sie erneut."
            )
            % {
                "name": self.stored.answered_by or _("jemand"),
                "when": when,
                "status": self.stored.status_label,
            },
            code="conflict",
        )


def _locked_round(round_id: int) -> ConsultationRound:
    rounds = ConsultationRound.objects
    if LOCK_ROUND_ROW:
        rounds = rounds.select_for_update()
    return rounds.get(pk=round_id)


def _refuse_when_published(round: ConsultationRound) -> None:
    if round.answers_published_at is not None:
        raise ValidationError(
            _("Die Antworten dieser Runde sind veröffentlicht; sie bleiben, wie sie sind."),
            code="published",
        )


@transaction.atomic
def comment_answer(*, comment: Comment, status: str, reason: str, revision: int, actor) -> Comment:
    """Save the office's answer (a status and its reason) to a top-level comment.

    ``revision`` is the ``answer_revision`` the page showed. When someone saved an answer
    since, ``AnswerConflict`` says who and what, and nothing is overwritten; the same
    answer sent twice (a double click) is kept once.
    """
    round = _locked_round(comment.round_id)
    comments = Comment.objects.select_for_update() if LOCK_ROUND_ROW else Comment.objects
    comment = comments.get(pk=comment.pk)
    _pause_while_locked()
    _refuse_when_published(round)
    if comment.parent_id is not None:
        raise ValidationError(
            _(
                "Erwiderungen bekommen keine Antwort; beantworten Sie den Kommentar, "
                "auf den sie sich beziehen."
            ),
            code="reply",
        )
    errors = {}
    if status not in AnswerStatus.values:
        errors["status"] = _("Bitte wählen Sie einen Status.")
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("Bitte begründen Sie die Antwort.")
    if errors:
        raise ValidationError(errors)
    if comment.answer_status == status and comment.answer_reason == reason:
        return comment
    if comment.answer_revision != revision:
        raise AnswerConflict(Comment.objects.select_related("answered_by").get(pk=comment.pk))
    changes = object_changes(
        comment, {"answer_status": status, "answer_reason": reason}, by_length=["answer_reason"]
    )
    comment.answer_status = status
    comment.answer_reason = reason
    comment.answered_by = actor
    comment.answered_at = timezone.now()
    comment.answer_revision += 1
    comment.save(
        update_fields=[
            "answer_status",
            "answer_reason",
            "answered_by",
            "answered_at",
            "answer_revision",
        ]
    )
    audit_record(actor=actor, action="recommendations.comment_answer", obj=comment, changes=changes)
    return comment


def open_count(round: ConsultationRound) -> int:
    """Top-level comments of the round still without an answer."""
    return round.comments.filter(parent__isnull=True, answer_status="").count()


@transaction.atomic
def round_evaluate(*, round: ConsultationRound, actor) -> ConsultationRound:
    """Close the round as evaluated: only after its end and only once every top-level
    comment has its answer. A second click changes nothing."""
    round = _locked_round(round.pk)
    if round.evaluated_at is not None:
        return round
    if timezone.now() < round.ends_at:
        raise ValidationError(
            _("Die Runde läuft noch bis %(end)s; auswerten können Sie sie erst danach.")
            % {"end": date_format(timezone.localtime(round.ends_at), "DATETIME_FORMAT")},
            code="running",
        )
    still_open = open_count(round)
    if still_open:
        raise ValidationError(
            ngettext(
                "Noch %(count)d Kommentar ist unbeantwortet. Die Runde kann erst als "
                "ausgewertet abgeschlossen werden, wenn jeder Kommentar eine Antwort hat.",
                "Noch %(count)d Kommentare sind unbeantwortet. Die Runde kann erst als "
                "ausgewertet abgeschlossen werden, wenn jeder Kommentar eine Antwort hat.",
                still_open,
            )
            % {"count": still_open},
            code="open_comments",
        )
    round.evaluated_at = timezone.now()
    round.evaluated_by = actor
    round.save(update_fields=["evaluated_at", "evaluated_by"])
    audit_record(actor=actor, action="recommendations.round_evaluate", obj=round)
    return round


@transaction.atomic
def answers_publish(*, round: ConsultationRound, actor) -> ConsultationRound:
    """Publish the answers of an evaluated round: the participants may now read the
    Synopse, and the mail sweep tells them. A second click changes nothing."""
    round = _locked_round(round.pk)
    if round.answers_published_at is not None:
        return round
    if round.evaluated_at is None:
        raise ValidationError(
            _(
                "Die Antworten können erst veröffentlicht werden, wenn die Runde als "
                "ausgewertet abgeschlossen ist."
            ),
            code="not_evaluated",
        )
    round.answers_published_at = timezone.now()
    round.save(update_fields=["answers_published_at"])
    audit_record(actor=actor, action="recommendations.answers_publish", obj=round)
    return round
