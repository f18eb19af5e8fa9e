"""The office's view of the field tests: per document a matrix of recommendations and
model municipalities, the results of one recommendation side by side, and the matrix as
a spreadsheet."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts.models import Role
from core.downloads import pdf_download
from core.exports import text_cells, xlsx_response
from core.permissions import require_roles
from recommendations import field_test_selectors as selectors
from recommendations.field_test_display import LEGEND, cell_label
from recommendations.field_test_forms import MatrixFilterForm
from recommendations.selectors import document_get_office, recommendation_get_office


@require_roles(Role.OFFICE)
def documents(request):
    versions = selectors.documents_with_versions()
    return render(
        request, "recommendations/field_tests/office_documents.html", {"versions": versions}
    )


def _version(document):
    version = selectors.plannable_version(document=document)
    if version is None:
        raise Http404
    return version


def _query(request, **changes) -> str:
    """The page's query string with ``changes`` applied (for the paging links)."""
    query = request.GET.copy()
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()


@require_roles(Role.OFFICE)
def matrix(request, document_pk: int):
    document = document_get_office(document_pk=document_pk)
    version = _version(document)
    chosen = selectors.matrix_filter(
        call_pk=request.GET.get("kohorte"), land_pk=request.GET.get("land")
    )
    form = MatrixFilterForm(request.GET or None, calls=chosen.calls, lands=chosen.lands)
    matrix = selectors.field_test_matrix(
        version=version,
        chosen=chosen,
        row_page=request.GET.get("seite"),
        column_page=request.GET.get("spalten"),
    )
    rows = [
        (
            recommendation,
            [(m, matrix.cells.get((recommendation.key, m.pk), [])) for m in matrix.columns],
        )
        for recommendation in matrix.rows
    ]
    pages = {
        "rows_previous": matrix.rows.has_previous()
        and _query(request, seite=matrix.rows.previous_page_number()),
        "rows_next": matrix.rows.has_next()
        and _query(request, seite=matrix.rows.next_page_number()),
        "columns_previous": matrix.columns.has_previous()
        and _query(request, spalten=matrix.columns.previous_page_number()),
        "columns_next": matrix.columns.has_next()
        and _query(request, spalten=matrix.columns.next_page_number()),
    }
    context = {
        "document": document,
        "version": version,
        "matrix": matrix,
        "rows": rows,
        "chosen": chosen,
        "form": form,
        "pages": pages,
        "legend": LEGEND,
        "export_query": _query(request),
    }
    return render(request, "recommendations/field_tests/office_matrix.html", context)


@require_roles(Role.OFFICE)
def matrix_xlsx(request, document_pk: int):
    """The whole matrix (every recommendation, every municipality of the filter)."""
    document = document_get_office(document_pk=document_pk)
    version = _version(document)
    chosen = selectors.matrix_filter(
        call_pk=request.GET.get("kohorte"), land_pk=request.GET.get("land")
    )
    recommendations = list(
        version.recommendations.select_related("chapter").order_by("chapter__position", "position")
    )
    municipalities = list(selectors.matrix_municipalities(chosen=chosen))
    cells = selectors.matrix_cells(
        document=document,
        keys=[r.key for r in recommendations],
        municipality_ids=[m.pk for m in municipalities],
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Praxistests")
    sheet.append(
        [
            _("Nummer"),
            _("Handlungsempfehlung"),
            *(f"{m.name} ({m.land.name})" for m in municipalities),
        ]
    )
    for r in recommendations:
        sheet.append(
            [
                r.number,
                r.title,
                *(
                    "; ".join(cell_label(test) for test in cells.get((r.key, m.pk), []))
                    for m in municipalities
                ),
            ]
        )
    text_cells(workbook)
    return xlsx_response(workbook, filename=f"praxistests-{document.slug}-{version.label}.xlsx")


@require_roles(Role.OFFICE)
def results(request, recommendation_pk: int):
    recommendation = recommendation_get_office(recommendation_pk=recommendation_pk)
    version = selectors.plannable_version(document=recommendation.version.document)
    page = Paginator(
        selectors.recommendation_results(recommendation=recommendation), selectors.RESULTS_PER_PAGE
    ).get_page(request.GET.get("seite"))
    context = {"recommendation": recommendation, "version": version, "page": page}
    return render(request, "recommendations/field_tests/office_results.html", context)


@require_roles(Role.OFFICE)
def evidence_file(request, evidence_pk: int):
    evidence = selectors.evidence_get_office(evidence_pk=evidence_pk)
    return pdf_download(file=evidence.file, name=evidence.file_name)
