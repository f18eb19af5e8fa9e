import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Role
from core.permissions import require_roles
from municipalities.forms import RegisterFilterForm, RegisterUploadForm
from municipalities.importer import RegisterImportError
from municipalities.models import Municipality, RegisterImport
from municipalities.search import search_fold
from municipalities.selectors import (
    MIN_QUERY_LENGTH,
    land_list,
    municipality_search,
    register_browse,
    register_import_list,
)
from municipalities.services import ImportReport, register_import

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
    if request.headers.get("HX-Request"):
        # The partial names the data source itself, having no page footer.
        context["partial"] = True
        return render(request, "municipalities/_search_results.html", context)
    return render(request, "municipalities/search.html", context)


@require_roles(Role.OFFICE)
@require_http_methods(["GET", "POST"])
def register_import_view(request):
    if request.method == "POST":
        form = RegisterUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = register_import(
                    file=upload,
                    source_name=upload.name,
                    file_format=form.cleaned_data["file_format"],
                    actor=request.user,
                )
            except RegisterImportError as exc:
                form.add_error("file", exc.message)
            else:
                messages.success(request, _import_summary(report))
                return redirect("municipalities_office:import")
    else:
        form = RegisterUploadForm()
    imports = register_import_list()
    return render(
        request,
        "municipalities/office/import.html",
        {
            "form": form,
            "imports": imports,
            "latest_changes": _readable_changes(imports[0]) if imports else [],
        },
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


def _import_summary(report: ImportReport) -> str:
    summary = _(
        "Das Gemeindeverzeichnis wurde eingelesen: %(created)s neu, %(updated)s geändert, "
        "%(unchanged)s unverändert (Länder, Kreise und Gemeinden zusammen), "
        "in %(seconds)s Sekunden."
    ) % {
        "created": number_format(report.created, force_grouping=True),
        "updated": number_format(report.updated, force_grouping=True),
        "unchanged": number_format(report.unchanged, force_grouping=True),
        "seconds": number_format(report.seconds, decimal_pos=1),
    }
    if report.absent:
        summary += " " + _(
            "%(absent)s Kommunen im Register fehlen in der Datei; sie bleiben erhalten."
        ) % {"absent": number_format(report.absent, force_grouping=True)}
    return summary


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
