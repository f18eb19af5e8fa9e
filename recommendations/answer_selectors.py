"""Reading the comments of a round for the office's answers and for the Synopse. Each
function runs a fixed number of queries, whatever the number of comments."""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Now
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from recommendations import diff
from recommendations.audience import names_hidden
from recommendations.models import (
    Comment,
    CommentSource,
    CommentVisibility,
    ConsultationRound,
    Paragraph,
    Recommendation,
    Version,
    VersionState,
)

OPEN, ANSWERED, ALL = "offen", "beantwortet", "alle"
TRACE_UNCHANGED, TRACE_CHANGED, TRACE_REMOVED = "unchanged", "changed", "removed"


def rounds_office() -> QuerySet[ConsultationRound]:
    """Every round, newest first, with its counts of top-level comments."""
    top = Q(comments__parent__isnull=True)
    return (
        ConsultationRound.objects.select_related("version__document")
        .annotate(
            comment_total=Count("comments", filter=top),
            comment_open=Count("comments", filter=top & Q(comments__answer_status="")),
            comment_answered=Count("comments", filter=top & ~Q(comments__answer_status="")),
            has_ended=ExpressionWrapper(Q(ends_at__lte=Now()), output_field=BooleanField()),
        )
        .order_by("-ends_at", "-pk")
    )


def round_get_office(*, round_pk: int) -> ConsultationRound:
    round = get_object_or_404(
        ConsultationRound.objects.select_related("version__document"), pk=round_pk
    )
    round.has_ended = round.ends_at <= timezone.now()
    return round


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def open(self) -> int:
        return self.total - self.answered


def answer_progress(*, round: ConsultationRound) -> Progress:
    """How many top-level comments have an answer, of how many (one query)."""
    counts = round.comments.filter(parent__isnull=True).aggregate(
        total=Count("pk"), answered=Count("pk", filter=~Q(answer_status=""))
    )
    return Progress(answered=counts["answered"], total=counts["total"])


def round_recommendations(*, round: ConsultationRound) -> list[Recommendation]:
    """The recommendations of the round's version in order, for the filter."""
    return list(
        round.version.recommendations.select_related("chapter").order_by(
            "chapter__position", "position"
        )
    )


def _with_context(comments: QuerySet[Comment]) -> QuerySet[Comment]:
    replies = Comment.objects.select_related("author", "municipality").order_by("created_at", "pk")
    return comments.select_related(
        "paragraph__recommendation__chapter", "author", "municipality", "answered_by"
    ).prefetch_related(Prefetch("replies", queryset=replies))


def comments_for_answering(
    *, round: ConsultationRound, show: str = ALL, chapter_pk=None, recommendation_pk=None
) -> QuerySet[Comment]:
    """The round's top-level comments in the order of the text, with their paragraph,
    author, municipality and replies (three queries per page)."""
    comments = round.comments.filter(parent__isnull=True)
    if show == OPEN:
        comments = comments.filter(answer_status="")
    elif show == ANSWERED:
        comments = comments.exclude(answer_status="")
    if chapter_pk:
        comments = comments.filter(paragraph__recommendation__chapter_id=chapter_pk)
    if recommendation_pk:
        comments = comments.filter(paragraph__recommendation_id=recommendation_pk)
    return _with_context(comments).order_by(
        "paragraph__recommendation__chapter__position",
        "paragraph__recommendation__position",
        "paragraph__position",
        "created_at",
        "pk",
    )


def comment_get_office(*, comment_pk: int) -> Comment:
    return get_object_or_404(
        _with_context(Comment.objects.filter(parent__isnull=True)).select_related(
            "round__version__document"
        ),
        pk=comment_pk,
    )


def highlighted(comment: Comment) -> SafeString:
    """The paragraph's text with the commented passage marked (``<mark>``)."""
    text = comment.paragraph.text
    start, end = comment.quote_start, comment.quote_end
    if start is None or end is None or end > len(text):
        return linebreaks(text, autoescape=True)
    marked = (
        escape(text[:start])
        + mark_safe("<mark>")
        + escape(text[start:end])
        + mark_safe("</mark>")
        + escape(text[end:])
    )
    return mark_safe(linebreaks(marked, autoescape=False))  # noqa: S308 -- escaped above


# --- where the paragraph went -----------------------------------------------------------


def next_version(*, round: ConsultationRound, published_only: bool = False) -> Version | None:
    """The version that followed the round's: the one based on it, else the document's
    next one by sequence (one query). With ``published_only`` only a published version
    counts: the office's draft or frozen text is not yet for the participants' eyes."""
    version = round.version
    versions = Version.objects.filter(
        document_id=version.document_id, sequence__gt=version.sequence
    )
    if published_only:
        versions = versions.filter(state=VersionState.PUBLISHED)
    return versions.order_by(
        Case(
            When(based_on_id=version.pk, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "sequence",
    ).first()


@dataclass(frozen=True)
class Trace:
    """What became of a comment's paragraph in the next version."""

    status: str
    version_label: str
    number: str = ""
    segments: tuple = ()

    # Shared by every comment on the paragraph, so rendered once for all of them.
    @cached_property
    def diff_html(self) -> SafeString:
        return diff.render_segments(list(self.segments))

    @property
    def label(self) -> str:
        if self.status == TRACE_REMOVED:
            return _("gestrichen")
        if self.status == TRACE_UNCHANGED:
            return _("unverändert")
        return _("geändert")


def paragraph_number(paragraph: Paragraph) -> str:
    """ "2.3, Absatz 1": the recommendation's number and the paragraph's position."""
    return _("%(recommendation)s, Absatz %(position)s") % {
        "recommendation": paragraph.recommendation.number,
        "position": paragraph.position,
    }


def comment_trace(comments, next_version: Version | None) -> dict[int, Trace]:
    """For each comment (by pk), where its paragraph went in ``next_version``: its new
    number and the word-level changes, "gestrichen" when the key is gone, "unverändert"
    when the words are the same. Empty without a next version. One query for any
    number of comments (their paragraphs must be loaded with them)."""
    comments = list(comments)
    if next_version is None or not comments:
        return {}
    keys = {comment.paragraph.key for comment in comments}
    found = {
        paragraph.key: paragraph
        for paragraph in Paragraph.objects.filter(
            recommendation__version=next_version, key__in=keys
        ).select_related("recommendation__chapter")
    }
    # Comments gather on a few paragraphs; each paragraph is compared once and its
    # trace shared by all of its comments.
    by_paragraph: dict[int, Trace] = {}
    traces = {}
    for comment in comments:
        old = comment.paragraph
        trace = by_paragraph.get(old.pk)
        if trace is None:
            trace = by_paragraph[old.pk] = _trace(old, found.get(old.key), next_version)
        traces[comment.pk] = trace
    return traces


def _trace(old: Paragraph, new: Paragraph | None, next_version: Version) -> Trace:
    if new is None:
        return Trace(TRACE_REMOVED, next_version.label)
    segments = tuple(diff.word_diff(old.text, new.text))
    status = TRACE_UNCHANGED if old.text == new.text else TRACE_CHANGED
    return Trace(status, next_version.label, paragraph_number(new), segments)


def attach_traces(comments: list[Comment], *, round: ConsultationRound) -> list[Comment]:
    """Set ``trace`` (or None) and ``number`` on each comment; two queries."""
    traces = comment_trace(comments, next_version(round=round))
    for comment in comments:
        comment.trace = traces.get(comment.pk)
        comment.number = paragraph_number(comment.paragraph)
        comment.highlighted_text = highlighted(comment)
    return comments


# --- the Synopse --------------------------------------------------------------------------


@dataclass(frozen=True)
class SynopsisRow:
    comment: Comment
    # "1.2 Titel": the recommendation the comment's paragraph belongs to, by which the
    # PDF groups its rows.
    recommendation: str
    number: str
    paragraph_text: str
    quote: str
    kind: str
    text: str
    suggested_wording: str
    author: str
    from_field_test: bool
    office_only: bool
    status: str
    reason: str
    trace: Trace | None


def author_label(comment: Comment, *, hide_names: bool) -> str:
    """The municipality when the author spoke for it; otherwise the author's name, or
    "persönlicher Beitrag" where names stay hidden."""
    if comment.municipality_id:
        return comment.municipality.name
    if hide_names or comment.author is None:
        return _("persönlicher Beitrag")
    return comment.author.full_name


def synopsis_rows(*, round: ConsultationRound, office: bool) -> list[SynopsisRow]:
    """The Synopse of a round: every top-level comment with its answer, in the order of
    the text. Comments only for the office appear in the office's view only, and the
    participants see where a paragraph went only once the next version is published
    (four queries)."""
    comments = round.comments.filter(parent__isnull=True)
    if not office:
        comments = comments.filter(visibility=CommentVisibility.PARTICIPANTS)
    comments = list(
        comments.select_related(
            "paragraph__recommendation__chapter", "author", "municipality"
        ).order_by(
            "paragraph__recommendation__chapter__position",
            "paragraph__recommendation__position",
            "paragraph__position",
            "created_at",
            "pk",
        )
    )
    traces = comment_trace(comments, next_version(round=round, published_only=not office))
    hide = names_hidden(round)
    return [
        SynopsisRow(
            comment=comment,
            recommendation=(
                f"{comment.paragraph.recommendation.number} "
                f"{comment.paragraph.recommendation.title}"
            ),
            number=paragraph_number(comment.paragraph),
            paragraph_text=comment.paragraph.text,
            quote=comment.quote,
            kind=str(comment.get_kind_display()),
            text=comment.text,
            suggested_wording=comment.suggested_wording,
            author=author_label(comment, hide_names=hide),
            from_field_test=comment.source == CommentSource.FIELD_TEST,
            office_only=comment.visibility == CommentVisibility.OFFICE,
            status=str(comment.get_answer_status_display()),
            reason=comment.answer_reason,
            trace=traces.get(comment.pk),
        )
        for comment in comments
    ]
