"""Results of field tests flow into the next consultation: each recorded result becomes a
comment "aus dem Praxistest" on its recommendation in the round's version, so the office
answers it like any other comment."""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext as _

from core.audit import audit_record
from recommendations.models import (
    Comment,
    CommentKind,
    CommentSource,
    CommentVisibility,
    ConsultationRound,
    FieldTest,
    FieldTestResult,
    Paragraph,
)

TEXT_LIMIT = 4000


def _date(day) -> str:
    return day.strftime("%d.%m.%Y")


def field_test_summary(field_test: FieldTest) -> str:
    """The comment's text: what was tested where and when, the result, and what the
    municipality observed, met and found helpful. In German, like the document."""
    with translation.override("de"):
        parts = [
            _(
                "Ergebnis des Praxistests in %(municipality)s (%(department)s, %(start)s bis "
                "%(end)s): %(result)s."
            )
            % {
                "municipality": field_test.municipality.name,
                "department": field_test.get_department_display(),
                "start": _date(field_test.starts_on),
                "end": _date(field_test.ends_on),
                "result": field_test.get_result_display(),
            }
        ]
        for label, text in (
            (_("Beobachtungen"), field_test.observations),
            (_("Hindernisse"), field_test.obstacles),
            (_("Was geholfen hat"), field_test.helped),
        ):
            if text.strip():
                parts.append(f"{label}: {text.strip()}")
    text = "\n\n".join(parts)
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def _kind(field_test: FieldTest) -> str:
    if field_test.proposal.strip():
        return CommentKind.PROPOSAL
    if field_test.result == FieldTestResult.IMPLEMENTED:
        return CommentKind.AGREEMENT
    return CommentKind.CONCERN


def field_test_visibility(round: ConsultationRound) -> str:
    """A model municipality's findings go to the people it works with in the programme;
    in a round open to anyone with an account they stay with the office, which answers
    them and may quote them in the next version."""
    return CommentVisibility.OFFICE if round.for_public else CommentVisibility.PARTICIPANTS


@transaction.atomic
def field_test_comments_add(*, round: ConsultationRound) -> int:
    """Add a comment to ``round`` for every field test with a recorded result whose
    recommendation is in the round's version and that has no comment in the round yet;
    return how many were added. Calling it again adds nothing. Five queries, however
    many tests there are."""
    # Two calls at once (a double click on "create round") must not both add comments.
    round = ConsultationRound.objects.select_for_update().select_related("version").get(pk=round.pk)
    version = round.version
    first_paragraph = {}
    paragraphs = (
        Paragraph.objects.filter(recommendation__version=version)
        .select_related("recommendation")
        .only("pk", "position", "recommendation__key")
        .order_by("recommendation__chapter__position", "recommendation__position", "position")
    )
    for paragraph in paragraphs:
        first_paragraph.setdefault(paragraph.recommendation.key, paragraph)
    already = Comment.objects.filter(round=round, field_test=OuterRef("pk"))
    tests = (
        FieldTest.objects.filter(
            result_recorded_at__isnull=False,
            recommendation__version__document_id=version.document_id,
            recommendation__key__in=list(first_paragraph),
        )
        .exclude(Exists(already))
        .select_related("municipality", "recommendation")
        .order_by("result_recorded_at", "pk")
    )
    # A model municipality's findings go to the people it works with in the programme;
    # in a round open to anyone with an account they stay with the office, which answers
    # them and may quote them in the next version.
    visibility = CommentVisibility.OFFICE if round.for_public else CommentVisibility.PARTICIPANTS
    comments = [
        Comment(
            round=round,
            paragraph=first_paragraph[test.recommendation.key],
            kind=_kind(test),
            text=field_test_summary(test),
            suggested_wording=test.proposal.strip(),
            visibility=visibility,
            municipality=test.municipality,
            author_id=test.result_recorded_by_id,
            source=CommentSource.FIELD_TEST,
            field_test=test,
        )
        for test in tests
    ]
    if not comments:
        return 0
    Comment.objects.bulk_create(comments)
    audit_record(
        actor=None,
        action="recommendations.field_test_comments_add",
        obj=round,
        changes={"comments": [None, len(comments)]},
    )
    return len(comments)
