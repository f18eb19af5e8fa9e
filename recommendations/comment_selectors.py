"""Reading consultation rounds and their comments: who sees which comment, under which
name.

A participant sees their own comments and the others' comments meant for all
participants; a comment only for the office is seen by its author and the office. A
comment on behalf of a municipality shows the municipality; a personal one its author,
except in rounds whose names are hidden (``audience.names_hidden``): there the others
read "persönlicher Beitrag". The office always sees the names.

A round's page lists its chapters and recommendations with their comment counts; the
comments themselves are read per recommendation. Each function runs a fixed number of
queries, whatever the number of recommendations and comments.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from recommendations import audience
from recommendations.models import (
    Comment,
    CommentVisibility,
    ConsultationRound,
    Paragraph,
    Recommendation,
)


def rounds_office() -> QuerySet[ConsultationRound]:
    return (
        ConsultationRound.objects.select_related("version__document")
        .annotate(comment_count=Count("comments", filter=Q(comments__parent__isnull=True)))
        .order_by("-starts_at", "-pk")
    )


def round_get_office(*, round_pk: int) -> ConsultationRound:
    return get_object_or_404(
        ConsultationRound.objects.select_related("version__document"), pk=round_pk
    )


def round_get_for(*, user, round_pk: int) -> ConsultationRound:
    """A round whose audience admits ``user``; 404 for everyone else."""
    return get_object_or_404(
        audience.rounds_open_to(user).select_related("version__document"), pk=round_pk
    )


@dataclass
class MyRounds:
    running: list
    coming: list
    ended: list


def rounds_of(*, user) -> MyRounds:
    """The rounds open to ``user``, split into running, coming and ended."""
    now = timezone.now()
    rounds = list(
        audience.rounds_open_to(user).select_related("version__document").order_by("starts_at")
    )
    return MyRounds(
        running=[r for r in rounds if r.starts_at <= now < r.ends_at],
        coming=[r for r in rounds if now < r.starts_at],
        ended=sorted(
            (r for r in rounds if r.ends_at <= now), key=lambda r: r.ends_at, reverse=True
        ),
    )


def _visible(round: ConsultationRound, viewer, *, office: bool) -> Q:
    if office:
        return Q(round=round)
    return Q(round=round) & (Q(visibility=CommentVisibility.PARTICIPANTS) | Q(author=viewer))


def round_outline(*, round: ConsultationRound, viewer, office: bool = False) -> list:
    """The chapters of the round's version, each with ``items``: its recommendations,
    each with ``comment_count``, the top-level comments the viewer sees (three queries)."""
    chapters = list(round.version.chapters.order_by("position"))
    by_chapter = {chapter.pk: chapter for chapter in chapters}
    for chapter in chapters:
        chapter.items = []
    counts = dict(
        Comment.objects.filter(_visible(round, viewer, office=office), parent__isnull=True)
        .values_list("paragraph__recommendation")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for recommendation in round.version.recommendations.order_by("chapter__position", "position"):
        recommendation.chapter = by_chapter[recommendation.chapter_id]
        recommendation.comment_count = counts.get(recommendation.pk, 0)
        recommendation.chapter.items.append(recommendation)
    return chapters


def recommendation_in_round(*, round: ConsultationRound, recommendation_pk: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.select_related("chapter").prefetch_related(
            "fields_of_action", "departments", "training_modules"
        ),
        version_id=round.version_id,
        pk=recommendation_pk,
    )


def paragraph_in_round(*, round: ConsultationRound, paragraph_pk: int) -> Paragraph:
    return get_object_or_404(
        Paragraph.objects.select_related("recommendation__chapter"),
        recommendation__version_id=round.version_id,
        pk=paragraph_pk,
    )


def comment_in_round(
    *, round: ConsultationRound, comment_pk: int, viewer, office: bool = False
) -> Comment:
    """A comment of the round the viewer may see; 404 otherwise."""
    return get_object_or_404(
        Comment.objects.select_related("paragraph__recommendation__chapter", "municipality"),
        _visible(round, viewer, office=office),
        pk=comment_pk,
    )


def shown_name(comment: Comment, *, viewer, office: bool, hidden: bool) -> str:
    """Under which name ``viewer`` sees ``comment``."""
    if comment.municipality_id is not None:
        return comment.municipality.name
    if comment.author_id is None:
        return _("gelöschtes Konto")
    if office or not hidden or comment.author_id == viewer.pk:
        return comment.author.full_name
    return _("persönlicher Beitrag")


def paragraphs_with_comments(
    *, round: ConsultationRound, recommendation: Recommendation, viewer, office: bool = False
) -> list[Paragraph]:
    """The recommendation's paragraphs, each with ``shown_comments``: the top-level
    comments the viewer sees, oldest first, each with ``shown_replies``, ``shown_name``
    and ``is_own`` (three queries)."""
    hidden = audience.names_hidden(round)
    replies = Comment.objects.select_related("author", "municipality").order_by("created_at", "pk")
    comments = (
        Comment.objects.filter(
            _visible(round, viewer, office=office),
            parent__isnull=True,
            paragraph__recommendation=recommendation,
        )
        .select_related("author", "municipality")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )
    by_paragraph = {}
    for comment in comments:
        for item in (comment, *comment.replies.all()):
            item.shown_name = shown_name(item, viewer=viewer, office=office, hidden=hidden)
            item.is_own = item.author_id is not None and item.author_id == viewer.pk
        comment.shown_replies = list(comment.replies.all())
        by_paragraph.setdefault(comment.paragraph_id, []).append(comment)
    paragraphs = list(recommendation.paragraphs.order_by("position"))
    for paragraph in paragraphs:
        paragraph.shown_comments = by_paragraph.get(paragraph.pk, [])
    return paragraphs
