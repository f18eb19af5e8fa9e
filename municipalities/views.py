import re

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.formviews import bind
from core.htmx import is_htmx, render_region
from core.permissions import require_roles
from core.pickers import picker_results
from core.roles import Role
from municipalities.forms import RegisterFilterForm, RegisterUploadForm
from municipalities.importer import RegisterImportError
from municipalities.models import Municipality, RegisterImport
from municipalities.pickers import municipality_picker
from municipalities.search import search_fold
from municipalities.selectors import (
    MIN_QUERY_LENGTH,
    land_list,
    municipality_search,
    register_browse,
    register_import_get,
    register_import_list,
)
from municipalities.services import LEVELS, register_import_enqueue

# A form that embeds the search may ask for its results as radio buttons of this name.
CHOICE_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")


@require_roles()
@require_GET
def municipality_search_view(request):
    """Search results for applicants: a partial for htmx, a whole page without it."""
    query = request.GET.get("q", "")[:100]
    choice_field = request.GET.get("auswahl", "")
    context = {
        "query": query,
        "results": municipality_search(query=query),
        "too_short": len(search_fold(query)) < MIN_QUERY_LENGTH,
        "choice_field": choice_field if CHOICE_FIELD_NAME.fullmatch(choice_field) else "",
    }
    # The partial names the data source itself, having no page footer.
    context["partial"] = is_htmx(request)
    return render_region(
        request,
        page="municipalities/search.html",
        region="municipalities/_search_results.html",
        context=context,
    )


@require_roles()
@require_GET
def municipality_picker_view(request):
    """The matches of a municipality picker (``municipalities.pickers``) as radio
    buttons for the form that asked."""
    return picker_results(request, field=municipality_picker())


@require_roles(Role.OFFICE)
@require_http_methods(["GET", "POST"])
def register_import_view(request):
    """Upload a register file; it is checked here and written in the background."""
    form = bind(RegisterUploadForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            job = register_import_enqueue(
                upload=form.cleaned_data["file"],
                file_format=form.cleaned_data["file_format"],
                actor=request.user,
            )
        except RegisterImportError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("municipalities_office:import_status", pk=job.pk)
    imports = register_import_list()
    latest_done = next((i for i in imports if i.status == RegisterImport.Status.DONE), None)
    return render(
        request,
        "municipalities/office/import.html",
        {
            "form": form,
            "imports": imports,
            "latest_changes": _readable_changes(latest_done) if latest_done else [],
        },
    )


@require_roles(Role.OFFICE)
@require_GET
def register_import_status_view(request, pk: int):
    """Status and progress of one import, then its report.

    While the import waits or runs, htmx asks for the status part every two seconds;
    the part for a finished import carries no polling and brings the report along.
    """
    job = register_import_get(pk=pk)
    context = {
        "job": job,
        "levels": _level_counts(job),
        "changes": _readable_changes(job),
    }
    context["partial"] = is_htmx(request)
    return render_region(
        request,
        page="municipalities/office/import_status.html",
        region="municipalities/office/_import_status.html",
        context=context,
    )


@require_roles(Role.OFFICE)
@require_GET
def register_list_view(request):
    lands = land_list()
    form = RegisterFilterForm(request.GET or None, lands=lands)
    filters = form.cleaned_data if form.is_valid() else {}
    page = register_browse(
        query=filters.get("q", ""),
        level=filters.get("level", ""),
        land_code=filters.get("land", ""),
        page=request.GET.get("seite", 1),
    )
    query_string = request.GET.copy()
    query_string.pop("seite", None)
    return render(
        request,
        "municipalities/office/register_list.html",
        {"form": form, "page": page, "query_string": query_string.urlencode()},
    )


def _level_counts(register_import: RegisterImport) -> list[dict]:
    labels = {"land": _("Länder"), "kreis": _("Kreise"), "gemeinde": _("Gemeinden")}
    empty = {"created": 0, "updated": 0, "unchanged": 0}
    return [
        {"label": labels[level], **empty, **register_import.counts.get(level, {})}
        for level in LEVELS
    ]


def _readable_changes(register_import: RegisterImport) -> list[dict]:
    """The stored sample of changes, with German field names for the table."""
    labels = {
        "land": _("Land"),
        "kreis": _("Kreis"),
        **{f.name: str(f.verbose_name) for f in Municipality._meta.concrete_fields},
    }
    return [
        {
            "key": change["key"],
            "name": change["name"],
            "fields": [
                {"label": labels.get(name, name), "old": values[0], "new": values[1]}
                for name, values in change["fields"].items()
            ],
        }
        for change in register_import.changes
    ]
