"""Rounds with comments for the tests of the answers and the Synopse, made directly in the
database: a frozen version, a round over it and top-level comments on its paragraphs."""

import datetime as dt

from django.utils import timezone

from recommendations import services
from recommendations.models import Comment, ConsultationRound, Paragraph, Version
from tests import factories
from tests.recommendations.helpers import document_with_draft, office_user


def frozen_version(*, actor, recommendations: int = 1, paragraphs: int = 2, slug="synopse"):
    draft = document_with_draft(
        actor=actor, recommendations=recommendations, paragraphs=paragraphs, slug=slug
    )
    return services.version_freeze(version=draft, label="1.0", actor=actor)


def ended_round(*, version: Version, title: str = "Erste Runde", **audience) -> ConsultationRound:
    """A round over ``version`` that ended an hour ago."""
    now = timezone.now()
    return ConsultationRound.objects.create(
        version=version,
        title=title,
        starts_at=now - dt.timedelta(days=14),
        ends_at=now - dt.timedelta(hours=1),
        **audience,
    )


def running_round(*, version: Version, title: str = "Laufende Runde") -> ConsultationRound:
    now = timezone.now()
    return ConsultationRound.objects.create(
        version=version,
        title=title,
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=13),
    )


def paragraphs_of(version: Version) -> list[Paragraph]:
    return list(
        Paragraph.objects.filter(recommendation__version=version).order_by(
            "recommendation__position", "position"
        )
    )


def comment(*, round: ConsultationRound, paragraph: Paragraph, author=None, **fields) -> Comment:
    values = {"kind": "concern", "text": "Das ist zu eng gefasst."}
    values.update(fields)
    return Comment.objects.create(
        round=round, paragraph=paragraph, author=author or factories.UserFactory(), **values
    )


def reply(*, to: Comment, author=None, text: str = "Sehe ich auch so.") -> Comment:
    return Comment.objects.create(
        round=to.round,
        paragraph=to.paragraph,
        parent=to,
        kind="",
        text=text,
        author=author or factories.UserFactory(),
    )


def round_with_comments(*, count: int = 2, actor=None, **audience):
    """An ended round over a frozen version with ``count`` comments, spread over the
    paragraphs. Returns (office user, round, comments)."""
    actor = actor or office_user()
    version = frozen_version(actor=actor)
    round = ended_round(version=version, **audience)
    paragraphs = paragraphs_of(version)
    author = factories.UserFactory()
    comments = [
        comment(
            round=round,
            paragraph=paragraphs[index % len(paragraphs)],
            author=author,
            text=f"Kommentar {index + 1}",
        )
        for index in range(count)
    ]
    return actor, round, comments
