"""The reviewer's writes: saving a draft review, submitting it, declaring a conflict.

Errors are keyed by the review form's field names (``score_<criterion key>``,
``comment_<criterion key>``, ``recommendation``, ``reason``), so the view can show
each at its field.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from core.audit import audit_record
from core.mail import mail_enqueue
from reviews.models import MAX_SCORE, MIN_SCORE, Assignment, Criterion, Score

COMMENT_MAX = 2000


@dataclass(frozen=True)
class ReviewInput:
    """What the reviewer entered: scores and comments by criterion id."""

    scores: dict[int, int | None]
    comments: dict[int, str]
    recommendation: str


def score_field(criterion: Criterion) -> str:
    return f"score_{criterion.key}"


def comment_field(criterion: Criterion) -> str:
    return f"comment_{criterion.key}"


def _lock_own(assignment: Assignment, actor: User) -> Assignment:
    locked = (
        Assignment.objects.select_for_update()
        .select_related("application", "application__municipality")
        .get(pk=assignment.pk)
    )
    if locked.reviewer_id != actor.pk or locked.conflict_declared_at is not None:
        raise PermissionDenied
    return locked


def _criteria(assignment: Assignment) -> list[Criterion]:
    return list(
        Criterion.objects.filter(call_id=assignment.application.call_id).order_by("position", "id")
    )


def _store(assignment: Assignment, criteria: list[Criterion], data: ReviewInput) -> None:
    errors = {}
    for criterion in criteria:
        score = data.scores.get(criterion.pk)
        if score is not None and not MIN_SCORE <= score <= MAX_SCORE:
            errors[score_field(criterion)] = _("Bitte wählen Sie eine Punktzahl von 0 bis 5.")
        if len(data.comments.get(criterion.pk, "")) > COMMENT_MAX:
            errors[comment_field(criterion)] = _(
                "Der Kommentar darf höchstens %(max)s Zeichen lang sein."
            ) % {"max": COMMENT_MAX}
    if data.recommendation not in {"", *Assignment.Recommendation.values}:
        errors["recommendation"] = _("Bitte wählen Sie Ja, Vielleicht oder Nein.")
    if errors:
        raise ValidationError(errors)
    existing = {s.criterion_id: s for s in Score.objects.filter(assignment=assignment)}
    for criterion in criteria:
        score = data.scores.get(criterion.pk)
        comment = data.comments.get(criterion.pk, "").strip()
        current = existing.get(criterion.pk)
        if score is None and not comment:
            if current is not None:
                current.delete()
            continue
        if current is None:
            Score.objects.create(
                assignment=assignment, criterion=criterion, score=score, comment=comment
            )
        elif (current.score, current.comment) != (score, comment):
            current.score, current.comment = score, comment
            current.save(update_fields=["score", "comment"])
    assignment.recommendation = data.recommendation
    assignment.save(update_fields=["recommendation", "updated_at"])


def review_save(*, assignment: Assignment, data: ReviewInput, actor: User) -> Assignment:
    """Save the review as a draft; anything may still be missing."""
    with transaction.atomic():
        locked = _lock_own(assignment, actor)
        if locked.submitted_at is not None:
            raise ValidationError(
                _("Dieses Gutachten ist abgegeben und kann nicht mehr geändert werden.")
            )
        _store(locked, _criteria(locked), data)
    return locked


def review_submit(
    *, assignment: Assignment, data: ReviewInput, actor: User, now: dt.datetime | None = None
) -> tuple[Assignment, bool]:
    """Save and submit the review; returns the assignment and whether it was submitted
    now. A second submission changes nothing and is not an error.

    When scores or the recommendation are missing, the entries are still kept as a
    draft, and the missing fields are reported.
    """
    now = now or timezone.now()
    missing = {}
    with transaction.atomic():
        locked = _lock_own(assignment, actor)
        if locked.submitted_at is not None:
            return locked, False
        criteria = _criteria(locked)
        if not criteria:
            raise ValidationError(
                _("Für diese Ausschreibung sind noch keine Kriterien festgelegt.")
            )
        _store(locked, criteria, data)
        scored = set(
            Score.objects.filter(assignment=locked, score__isnull=False).values_list(
                "criterion_id", flat=True
            )
        )
        for criterion in criteria:
            if criterion.pk not in scored:
                missing[score_field(criterion)] = _(
                    "Bitte vergeben Sie Punkte für „%(label)s“."
                ) % {"label": criterion.label}
        if not locked.recommendation:
            missing["recommendation"] = _("Bitte geben Sie eine Empfehlung ab.")
        if not missing:
            locked.submitted_at = now
            locked.save(update_fields=["submitted_at", "updated_at"])
            audit_record(
                actor=actor,
                action="reviews.review_submitted",
                obj=locked.application,
                changes={"review": [None, locked.pk], "recommendation": locked.recommendation},
            )
    # Raised after the commit, so the draft entries are not lost.
    if missing:
        raise ValidationError(missing)
    return locked, True


def assignment_declare_conflict(
    *, assignment: Assignment, reason: str, actor: User, now: dt.datetime | None = None
) -> Assignment:
    """The reviewer declares a conflict of interest: they are taken off the application
    (draft entries are deleted) and the programme office is told by e-mail."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Bitte beschreiben Sie kurz, worin der Interessenkonflikt besteht.")}
        )
    with transaction.atomic():
        locked = (
            Assignment.objects.select_for_update()
            .select_related("application", "application__municipality")
            .get(pk=assignment.pk)
        )
        if locked.reviewer_id != actor.pk:
            raise PermissionDenied
        if locked.conflict_declared_at is not None:
            # A second click on the button: declared already, the office was told.
            return locked
        if locked.submitted_at is not None:
            raise ValidationError(
                _(
                    "Das Gutachten ist schon abgegeben; bitte wenden Sie sich an die "
                    "Geschäftsstelle."
                )
            )
        Score.objects.filter(assignment=locked).delete()
        locked.conflict_declared_at = now
        locked.conflict_reason = reason
        locked.recommendation = ""
        locked.save()
        application = locked.application
        audit_record(
            actor=actor,
            action="reviews.conflict_declared",
            obj=application,
            changes={"reviewer": [actor.pk, None]},
        )
        office = User.objects.filter(role=Role.OFFICE, is_active=True).order_by("pk")
        for person in office:
            mail_enqueue(
                to=[person.email],
                template="reviews/mail/conflict_declared",
                context={
                    "reviewer": actor.full_name,
                    "reference": application.reference,
                    "municipality": application.municipality.name,
                    "reason": reason,
                    "path": reverse("reviews:application_reviews", args=[application.pk]),
                },
                language=person.language,
            )
    return locked
