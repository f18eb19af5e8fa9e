from django.core.paginator import Paginator

from accounts.models import Role
from core.htmx import render_region
from core.permissions import require_roles
from office.forms import AuditFilterForm
from office.selectors import audit_list, audit_object_types

PAGE_SIZE = 50


@require_roles(Role.OFFICE)
def audit(request):
    form = AuditFilterForm(request.GET or None, object_types=audit_object_types())
    entries = audit_list(**form.filters())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_region(
        request,
        page="office/audit.html",
        region="office/_audit_results.html",
        context={"form": form, "page_obj": page},
    )
