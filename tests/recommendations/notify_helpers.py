"""Consultation rounds, comments and published answers for the tests of the round mails,
made directly with the ORM: the mails read what the other pages store."""

import datetime as dt
import itertools

from django.utils import timezone

from accounts.models import Role
from recommendations import services
from recommendations.models import Comment, ConsultationRound, Paragraph, Version
from tests import factories
from tests.recommendations.helpers import document_with_draft

DAY = dt.timedelta(days=1)
_slugs = itertools.count(1)


def frozen_version(*, actor=None) -> Version:
    actor = actor or factories.UserFactory(role=Role.OFFICE)
    slug = f"runden-empfehlungen-{next(_slugs)}"
    version = document_with_draft(actor=actor, recommendations=2, slug=slug)
    services.version_freeze(version=version, label="1.0", actor=actor)
    return version


def consultation_round(
    *,
    version: Version | None = None,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    title: str = "Erste Beteiligungsrunde",
    question_guide: str = "Ist die Empfehlung verständlich?",
    **audience,
) -> ConsultationRound:
    """A round on ``version`` (a new frozen one if None), open from a day ago for two
    weeks; ``audience`` sets its flags (by default only the municipal teams)."""
    now = timezone.now()
    starts_at = starts_at or now - DAY
    return ConsultationRound.objects.create(
        version=version or frozen_version(),
        title=title,
        starts_at=starts_at,
        ends_at=ends_at or starts_at + 14 * DAY,
        question_guide=question_guide,
        **audience,
    )


def trainers(count: int, **kwargs) -> list:
    return [factories.UserFactory(role=Role.TRAINER, **kwargs) for _ in range(count)]


def paragraph_of(round: ConsultationRound, position: int = 1) -> Paragraph:
    return (
        Paragraph.objects.filter(recommendation__version=round.version)
        .order_by("recommendation__position", "position")
        .select_related("recommendation")[position - 1]
    )


def comment(
    round: ConsultationRound,
    *,
    author,
    text: str = "Der Satz ist schwer verständlich.",
    paragraph: Paragraph | None = None,
    parent: Comment | None = None,
    **fields,
) -> Comment:
    if parent is None:
        fields.setdefault("kind", "concern")
    return Comment.objects.create(
        round=round,
        paragraph=paragraph or (parent.paragraph if parent else paragraph_of(round)),
        parent=parent,
        author=author,
        text=text,
        **fields,
    )


def answer(comment: Comment, *, status: str, reason: str) -> Comment:
    comment.answer_status = status
    comment.answer_reason = reason
    comment.answered_at = timezone.now()
    comment.save()
    return comment


def publish_answers(round: ConsultationRound, *, at: dt.datetime | None = None) -> None:
    at = at or timezone.now()
    round.evaluated_at = at
    round.answers_published_at = at
    round.save(update_fields=["evaluated_at", "answers_published_at"])
