from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from applications.selectors import application_answers_by_section, application_get_office
from core.audit_display import with_readable_changes
from core.downloads import pdf_download
from core.exports import csv_streaming_response, xlsx_response
from core.htmx import render_region
from core.notes import notes_block
from core.permissions import require_roles
from office.exports import applications_export_rows, applications_export_xlsx
from office.forms import OfficeApplicationFilterForm
from office.selectors import (
    answer_file_get_office,
    application_list_office,
    application_sort_normalize,
    audit_list_for_object,
)

PAGE_SIZE = 50

# (sort key or None, column title) in the order of the table's columns.
COLUMNS = [
    (None, _("Aktenzeichen")),
    ("name", _("Kommune")),
    (None, _("Ausschreibung")),
    ("land", _("Land")),
    (None, _("Art")),
    ("population", _("Einwohner*innen")),
    ("status", _("Status")),
    ("submitted_at", _("Eingereicht am")),
]


def _sort_headers(current: str) -> list[dict]:
    """Each column with what its header link does next and its ``aria-sort`` state."""
    key, descending = current.lstrip("-"), current.startswith("-")
    headers = []
    for sort_key, title in COLUMNS:
        active = sort_key is not None and sort_key == key
        headers.append(
            {
                "title": title,
                "key": sort_key,
                "aria_sort": ("descending" if descending else "ascending") if active else "",
                # A click on the active column flips it; other columns start ascending.
                "next": f"-{sort_key}" if active and not descending else sort_key,
            }
        )
    return headers


def _filtered(request) -> tuple[OfficeApplicationFilterForm, str, object]:
    form = OfficeApplicationFilterForm(request.GET or None)
    sort = application_sort_normalize(request.GET.get("sort"))
    return form, sort, application_list_office(**form.filters(), sort=sort)


def _export_query(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_roles(Role.OFFICE)
def application_list(request):
    form, sort, applications = _filtered(request)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "sort": sort,
        "headers": _sort_headers(sort),
        "page_obj": page,
        "export_query": _export_query(request),
    }
    return render_region(
        request,
        page="office/application_list.html",
        region="office/_application_results.html",
        context=context,
    )


@require_roles(Role.OFFICE)
def application_detail(request, pk: int):
    application = application_get_office(application_pk=pk)
    context = {
        "application": application,
        "municipality": application.municipality,
        "sections": application_answers_by_section(application=application),
        "audit_entries": with_readable_changes(audit_list_for_object(obj=application)),
        "notes": notes_block(target=application),
    }
    return render(request, "office/application_detail.html", context)


@require_roles(Role.OFFICE)
def answer_file(request, pk: int, answer_pk: int):
    answer = answer_file_get_office(application_pk=pk, answer_pk=answer_pk)
    return pdf_download(file=answer.file, name=answer.file_name)


def _export_name(extension: str) -> str:
    return f"bewerbungen-{timezone.localdate():%Y-%m-%d}.{extension}"


@require_roles(Role.OFFICE)
def applications_export_csv_view(request):
    _form, _sort, applications = _filtered(request)
    return csv_streaming_response(
        applications_export_rows(applications=applications), filename=_export_name("csv")
    )


@require_roles(Role.OFFICE)
def applications_export_xlsx_view(request):
    _form, _sort, applications = _filtered(request)
    return xlsx_response(
        applications_export_xlsx(applications=applications), filename=_export_name("xlsx")
    )
