"""Reading the recommendations document. Each function runs a fixed number of queries,
whatever the number of chapters, recommendations and paragraphs."""

import datetime as dt

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from programme.periods import year_of_day, year_of_instant
from programme.tallies import YearTally, scoped
from recommendations.diff import ParagraphText, RecommendationText
from recommendations.models import (
    Chapter,
    Document,
    FieldTest,
    FieldTestState,
    Paragraph,
    Recommendation,
    Version,
)


def documents_office() -> QuerySet[Document]:
    return Document.objects.annotate(version_count=Count("versions")).order_by("title_de", "pk")


def document_get_office(*, document_pk: int) -> Document:
    return get_object_or_404(Document, pk=document_pk)


def document_versions(*, document: Document) -> list[Version]:
    return list(
        document.versions.select_related("created_by")
        .annotate(recommendation_count=Count("recommendations"))
        .order_by("-sequence")
    )


def version_get_office(*, version_pk: int) -> Version:
    return get_object_or_404(Version.objects.select_related("document"), pk=version_pk)


def chapter_get_office(*, chapter_pk: int) -> Chapter:
    return get_object_or_404(Chapter.objects.select_related("version__document"), pk=chapter_pk)


def recommendation_get_office(*, recommendation_pk: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.select_related("version__document", "chapter").prefetch_related(
            "fields_of_action", "departments", "training_modules"
        ),
        pk=recommendation_pk,
    )


def paragraph_get_office(*, paragraph_pk: int) -> Paragraph:
    return get_object_or_404(
        Paragraph.objects.select_related(
            "recommendation__chapter", "recommendation__version__document"
        ),
        pk=paragraph_pk,
    )


def _recommendations(version: Version) -> QuerySet[Recommendation]:
    return (
        version.recommendations.select_related("chapter")
        .prefetch_related(
            "fields_of_action",
            "departments",
            "training_modules",
            Prefetch("paragraphs", queryset=Paragraph.objects.order_by("position")),
        )
        .order_by("chapter__position", "position")
    )


def version_outline(*, version: Version) -> list[Chapter]:
    """The chapters in order, each with ``items``: its recommendations with their
    paragraphs and lookups (five queries)."""
    chapters = list(version.chapters.order_by("position"))
    by_chapter = {chapter.pk: chapter for chapter in chapters}
    for chapter in chapters:
        chapter.items = []
    for recommendation in _recommendations(version):
        chapter = by_chapter[recommendation.chapter_id]
        recommendation.chapter = chapter
        chapter.items.append(recommendation)
    return chapters


def version_snapshot(*, version: Version) -> list[RecommendationText]:
    """The version's text as the comparison reads it."""
    recommendations = (
        version.recommendations.select_related("chapter")
        .prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.order_by("position")))
        .order_by("chapter__position", "position")
    )
    return [
        RecommendationText(
            key=str(r.key),
            number=r.number,
            title=r.title,
            rationale=r.rationale,
            paragraphs=tuple(
                ParagraphText(key=str(p.key), text=p.text) for p in r.paragraphs.all()
            ),
        )
        for r in recommendations
    ]


# --- read by the progress of the cohort (``progress``) ---------------------------------


def field_test_tallies(
    *, call, years: list, now: dt.datetime, municipality_ids: list[int] | None
) -> list[YearTally]:
    """Field tests per municipality and programme year, in one query: done are those
    whose result was recorded in the year; scheduled are planned or running ones that
    end later in the year (from today on)."""
    if not years:
        return []
    open_states = [FieldTestState.PLANNED, FieldTestState.RUNNING]
    programme_year = Case(
        When(result_recorded_at__isnull=False, then=year_of_instant("result_recorded_at", years)),
        default=year_of_day("ends_on", years),
        output_field=IntegerField(),
    )
    today = timezone.localtime(now).date()
    rows = (
        scoped(FieldTest.objects.filter(call=call), municipality_ids)
        .annotate(programme_year=programme_year)
        .values("municipality_id", "programme_year")
        .annotate(
            done=Count("pk", filter=Q(result_recorded_at__isnull=False)),
            scheduled=Count("pk", filter=Q(state__in=open_states, ends_on__gte=today)),
        )
        .order_by()
    )
    return [
        YearTally(
            municipality_id=row["municipality_id"],
            year=row["programme_year"],
            done=row["done"],
            scheduled=row["scheduled"],
        )
        for row in rows
        if row["programme_year"] is not None
    ]
