"""The progress of the cohort: a model municipality's dashboard, and for the office the
matrix of municipalities and commitments, one municipality in detail and the exports."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from core.circular_views import circular_compose
from core.exports import PDF_TYPE, download_response, xlsx_response
from core.permissions import require_roles
from core.selectors import circulars_list
from programme.cohort import programme_call_for_municipality
from programme.models import Status
from programme.rules import OFFICE, READERS, writes
from programme.selectors import cohort_municipality_get, programme_call_get_office, year_choose
from progress import circulars, exports, selectors
from progress.status import STATUS_RULES, STATUS_SYMBOLS, programme_progress
from recommendations.rules import FIELD_TESTERS


@require_roles(*READERS)
def dashboard(request):
    municipality_id = request.user.approved_municipality_id
    call = programme_call_for_municipality(municipality_id=municipality_id)
    if call is None:
        return render(request, "programme/not_in_programme.html")
    progress = programme_progress(call=call, municipality_ids=[municipality_id])
    year = year_choose(years=progress.years, number=request.GET.get("jahr"))
    cells = progress.row(municipality_id, year) if year else []
    context = {
        "call": call,
        "progress": progress,
        "year": year,
        "cells": cells,
        "due": [c for c in cells if c.status in (Status.AT_RISK, Status.ON_TRACK)],
        "evidence": (
            selectors.municipality_evidence(
                call=call,
                municipality_id=municipality_id,
                year=year,
                field_tests_open=request.user.role in FIELD_TESTERS,
            )
            if year
            else None
        ),
        "upcoming": selectors.upcoming_dates(call=call, municipality_id=municipality_id),
        "rules": STATUS_RULES.items(),
        "can_write": writes(request.user),
    }
    return render(request, "progress/dashboard.html", context)


def _legend():
    return [(status, STATUS_SYMBOLS[status], rule) for status, rule in STATUS_RULES.items()]


@require_roles(*OFFICE)
def matrix(request, call_pk):
    call = programme_call_get_office(call_pk=call_pk)
    matrix = selectors.cohort_matrix(call=call, year_number=request.GET.get("jahr"))
    context = {"call": call, "matrix": matrix, "legend": _legend(), "totals": matrix.totals()}
    return render(request, "progress/office/matrix.html", context)


@require_roles(*OFFICE)
def all_years(request, call_pk):
    call = programme_call_get_office(call_pk=call_pk)
    matrix = selectors.cohort_matrix(call=call)
    return render(
        request,
        "progress/office/all_years.html",
        {"call": call, "matrix": matrix, "legend": _legend()},
    )


@require_roles(*OFFICE)
def municipality(request, call_pk, municipality_pk):
    call = programme_call_get_office(call_pk=call_pk)
    municipality = cohort_municipality_get(call=call, municipality_pk=municipality_pk)
    progress = programme_progress(call=call, municipality_ids=[municipality.pk])
    year = year_choose(years=progress.years, number=request.GET.get("jahr"))
    context = {
        "call": call,
        "municipality": municipality,
        "progress": progress,
        "year": year,
        "cells": progress.row(municipality.pk, year) if year else [],
        "evidence": (
            selectors.municipality_evidence(
                call=call, municipality_id=municipality.pk, year=year, for_office=True
            )
            if year
            else None
        ),
        "upcoming": selectors.upcoming_dates(call=call, municipality_id=municipality.pk),
        "legend": _legend(),
    }
    return render(request, "progress/office/municipality.html", context)


@require_roles(*OFFICE)
def export_xlsx(request, call_pk):
    call = programme_call_get_office(call_pk=call_pk)
    matrix = selectors.cohort_matrix(call=call)
    return xlsx_response(exports.matrix_xlsx(matrix=matrix), filename=f"zusagen-{call.slug}.xlsx")


@require_roles(*OFFICE)
def export_pdf(request, call_pk):
    call = programme_call_get_office(call_pk=call_pk)
    matrix = selectors.cohort_matrix(call=call, year_number=request.GET.get("jahr"))
    number = matrix.year.number if matrix.year else 0
    return download_response(
        exports.matrix_pdf(matrix=matrix),
        content_type=PDF_TYPE,
        filename=f"zusagen-{call.slug}-jahr-{number}.pdf",
    )


@require_roles(*OFFICE)
def at_risk_circular(request, call_pk):
    call = programme_call_get_office(call_pk=call_pk)
    municipalities, cells = circulars.cells_at_risk(call=call)
    heading = gettext("Erinnerung an gefährdete Zusagen: %(call)s") % {"call": call.title}

    def compose(data):
        chosen = [m for m in municipalities if m.pk in set(data["municipalities"])]
        return circulars.at_risk_composition(call=call, municipalities=chosen, cells=cells)

    return circular_compose(
        request,
        form_class=circulars.AtRiskCircularForm,
        form_kwargs={"municipalities": municipalities},
        initial=circulars.at_risk_initial(),
        compose=compose,
        done_url=reverse("programme_office:at_risk_circular", kwargs={"call_pk": call.pk}),
        context={
            "page_title": heading,
            "heading": heading,
            "back_url": reverse("programme_office:matrix", kwargs={"call_pk": call.pk}),
            "back_label": gettext("Zurück zur Matrix der Kohorte"),
            "intro": gettext(
                "Vorausgewählt sind alle Modellkommunen, bei denen im laufenden Programmjahr "
                "eine Zusage gefährdet ist. Die Koordinationen jeder Kommune erhalten Ihren "
                "Text und darunter nur die gefährdeten Zusagen ihrer eigenen Kommune."
            ),
            "circulars": circulars_list(topic=circulars.at_risk_topic(call)),
        },
    )
