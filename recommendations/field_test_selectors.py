"""Reading field tests: a municipality's own, and for the office the matrix of
recommendations and municipalities and the results of one recommendation.

A field test points at the recommendation in the version it was planned on; the office
reads it against the latest frozen or published version by the recommendation's ``key``,
whatever number or wording the recommendation has there.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from calls.models import Call
from municipalities.models import Land, Municipality
from programme.cohort import cohort_municipalities, model_municipalities, programme_calls
from recommendations.models import (
    Document,
    FieldTest,
    FieldTestEvidence,
    Recommendation,
    Version,
    VersionState,
)

MATRIX_ROWS = 50
MATRIX_COLUMNS = 10
RESULTS_PER_PAGE = 20


def plannable_versions() -> list[Version]:
    """Of each document, the latest frozen or published version (one query)."""
    latest = (
        Version.objects.filter(document=OuterRef("document"))
        .exclude(state=VersionState.DRAFT)
        .order_by("-sequence")
        .values("pk")[:1]
    )
    return list(
        Version.objects.filter(pk=Subquery(latest))
        .select_related("document")
        .order_by("document__title_de", "document__pk")
    )


def plannable_version(*, document: Document) -> Version | None:
    return document.versions.exclude(state=VersionState.DRAFT).order_by("-sequence").first()


def plannable_recommendations() -> QuerySet[Recommendation]:
    """The recommendations a field test may be planned on, by document, chapter and
    number, with their chapter and document."""
    return (
        Recommendation.objects.filter(version__in=[v.pk for v in plannable_versions()])
        .select_related("chapter", "version__document")
        .order_by(
            "version__document__title_de", "version__document__pk", "chapter__position", "position"
        )
    )


def _with_recommendation(queryset: QuerySet[FieldTest]) -> QuerySet[FieldTest]:
    return queryset.select_related("recommendation__chapter", "recommendation__version__document")


def field_tests_of_municipality(*, call: Call, municipality_id: int) -> QuerySet[FieldTest]:
    return _with_recommendation(
        FieldTest.objects.filter(call=call, municipality_id=municipality_id)
    ).order_by("-starts_on", "-pk")


def field_test_get(*, call: Call, municipality_id: int, field_test_pk: int) -> FieldTest:
    """One of the municipality's field tests; 404 for any other municipality's."""
    return get_object_or_404(
        field_tests_of_municipality(call=call, municipality_id=municipality_id).select_related(
            "created_by"
        ),
        pk=field_test_pk,
    )


def evidence_of(*, field_test: FieldTest) -> list[FieldTestEvidence]:
    return list(field_test.evidence.select_related("uploaded_by").order_by("uploaded_at", "pk"))


def evidence_get(*, field_test: FieldTest, evidence_pk: int) -> FieldTestEvidence:
    return get_object_or_404(field_test.evidence.all(), pk=evidence_pk)


def current_recommendation(*, field_test: FieldTest) -> Recommendation | None:
    """The recommendation as it stands in its document's latest frozen or published
    version (None if it was dropped there)."""
    version = plannable_version(document=field_test.recommendation.version.document)
    if version is None:
        return None
    return (
        version.recommendations.select_related("chapter")
        .filter(key=field_test.recommendation.key)
        .first()
    )


def field_tests_in_period(
    *,
    call: Call,
    municipality_id: int,
    start: dt.datetime,
    end: dt.datetime,
    first_day: dt.date,
    last_day: dt.date,
) -> QuerySet[FieldTest]:
    """The municipality's field tests whose result was recorded in [start, end), and the
    open ones ending from ``first_day`` to ``last_day``, with their recommendation."""
    recorded = FieldTest.objects.filter(
        call=call,
        municipality_id=municipality_id,
        result_recorded_at__gte=start,
        result_recorded_at__lt=end,
    )
    open_ones = FieldTest.objects.filter(
        call=call,
        municipality_id=municipality_id,
        result_recorded_at__isnull=True,
        ends_on__gte=first_day,
        ends_on__lte=last_day,
    )
    return _with_recommendation(recorded | open_ones).order_by("ends_on", "pk")


# --- the office ------------------------------------------------------------------------


def documents_with_versions() -> list[Version]:
    """The latest frozen or published version of every document, for the office's list."""
    return plannable_versions()


def evidence_get_office(*, evidence_pk: int) -> FieldTestEvidence:
    return get_object_or_404(FieldTestEvidence, pk=evidence_pk)


@dataclass
class MatrixFilter:
    """The cohort (a call with a released decision) and the Land the columns show."""

    call: Call | None = None
    land: Land | None = None
    calls: list[Call] = field(default_factory=list)
    lands: list[Land] = field(default_factory=list)


def matrix_filter(*, call_pk: str | None, land_pk: str | None) -> MatrixFilter:
    """The filter from a query string; unknown values mean "all" (two queries)."""
    calls = list(programme_calls())
    lands = list(Land.objects.order_by("name"))
    return MatrixFilter(
        call=next((c for c in calls if str(c.pk) == str(call_pk)), None),
        land=next((land for land in lands if str(land.pk) == str(land_pk)), None),
        calls=calls,
        lands=lands,
    )


def matrix_municipalities(*, chosen: MatrixFilter) -> QuerySet[Municipality]:
    municipalities = (
        cohort_municipalities(call=chosen.call) if chosen.call else model_municipalities()
    )
    if chosen.land is not None:
        municipalities = municipalities.filter(land=chosen.land)
    return municipalities


@dataclass
class Matrix:
    version: Version
    rows: Page  # recommendations
    columns: Page  # municipalities
    # (recommendation key, municipality pk) -> field tests, oldest first
    cells: dict


def matrix_cells(
    *, document: Document, keys: list, municipality_ids: list[int]
) -> dict[tuple, list[FieldTest]]:
    cells: dict[tuple, list[FieldTest]] = {}
    tests = FieldTest.objects.filter(
        recommendation__version__document=document,
        recommendation__key__in=keys,
        municipality_id__in=municipality_ids,
    ).select_related("recommendation")
    for test in tests.order_by("starts_on", "pk"):
        cells.setdefault((test.recommendation.key, test.municipality_id), []).append(test)
    return cells


def field_test_matrix(*, version: Version, chosen: MatrixFilter, row_page, column_page) -> Matrix:
    """One page of recommendations (rows, by number) × one page of municipalities
    (columns, by name) with their field tests; a fixed number of queries."""
    recommendations = version.recommendations.select_related("chapter").order_by(
        "chapter__position", "position"
    )
    rows = Paginator(recommendations, MATRIX_ROWS).get_page(row_page)
    columns = Paginator(matrix_municipalities(chosen=chosen), MATRIX_COLUMNS).get_page(column_page)
    cells = matrix_cells(
        document=version.document,
        keys=[r.key for r in rows.object_list],
        municipality_ids=[m.pk for m in columns.object_list],
    )
    return Matrix(version=version, rows=rows, columns=columns, cells=cells)


def recommendation_results(*, recommendation: Recommendation) -> QuerySet[FieldTest]:
    """Every field test of the recommendation (by its key, in any version of its
    document), done ones first, with municipality and evidence."""
    return (
        FieldTest.objects.filter(
            recommendation__version__document_id=recommendation.version.document_id,
            recommendation__key=recommendation.key,
        )
        .select_related("municipality__land", "recommendation__version")
        .prefetch_related(
            Prefetch("evidence", queryset=FieldTestEvidence.objects.order_by("uploaded_at", "pk"))
        )
        .order_by(F("result_recorded_at").desc(nulls_last=True), "municipality__name", "pk")
    )
