from django.core.paginator import Paginator
from django.utils import timezone

from accounts.models import Role
from core.audit_display import with_readable_changes
from core.exports import csv_streaming_response, xlsx_response
from core.htmx import render_region
from core.permissions import require_roles
from office import exports
from office.forms import AuditFilterForm
from office.selectors import audit_list, audit_object_types

PAGE_SIZE = 50


def _filtered(request):
    form = AuditFilterForm(request.GET or None, object_types=audit_object_types())
    return form, audit_list(**form.filters())


def _export_query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_roles(Role.OFFICE)
def audit(request):
    form, entries = _filtered(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_readable_changes(page.object_list)
    return render_region(
        request,
        page="office/audit.html",
        region="office/_audit_results.html",
        context={"form": form, "page_obj": page, "export_query": _export_query(request)},
    )


def _export_name(extension: str) -> str:
    return f"protokoll-{timezone.localdate():%Y-%m-%d}.{extension}"


@require_roles(Role.OFFICE)
def audit_export_csv(request):
    _form, entries = _filtered(request)
    return csv_streaming_response(
        exports.audit_export_rows(entries=entries), filename=_export_name("csv")
    )


@require_roles(Role.OFFICE)
def audit_export_xlsx(request):
    _form, entries = _filtered(request)
    return xlsx_response(exports.audit_export_xlsx(entries=entries), filename=_export_name("xlsx"))
