"""The programme office's view of the cohorts: the matrix, one municipality in detail,
exports, and the programme years and targets."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import Role
from core.downloads import pdf_download
from core.exports import PDF_TYPE, download_response, xlsx_response
from core.permissions import require_roles
from programme import exports, selectors, services
from programme.cohort import programme_calls
from programme.forms import CommitmentTargetsForm, ProgrammeYearsForm
from programme.models import Commitment, ProgrammeYear
from programme.progress import STATUS_RULES, STATUS_SYMBOLS, programme_progress

OFFICE = (Role.OFFICE,)


def _legend():
    return [(status, STATUS_SYMBOLS[status], rule) for status, rule in STATUS_RULES.items()]


@require_roles(*OFFICE)
def cohorts(request):
    return render(request, "programme/office/cohorts.html", {"calls": list(programme_calls())})


@require_roles(*OFFICE)
def matrix(request, call_pk):
    call = selectors.programme_call_get_office(call_pk=call_pk)
    matrix = selectors.cohort_matrix(call=call, year_number=request.GET.get("jahr"))
    context = {"call": call, "matrix": matrix, "legend": _legend(), "totals": matrix.totals()}
    return render(request, "programme/office/matrix.html", context)


@require_roles(*OFFICE)
def all_years(request, call_pk):
    call = selectors.programme_call_get_office(call_pk=call_pk)
    matrix = selectors.cohort_matrix(call=call)
    return render(
        request,
        "programme/office/all_years.html",
        {"call": call, "matrix": matrix, "legend": _legend()},
    )


@require_roles(*OFFICE)
def municipality(request, call_pk, municipality_pk):
    call = selectors.programme_call_get_office(call_pk=call_pk)
    municipality = selectors.cohort_municipality_get(call=call, municipality_pk=municipality_pk)
    progress = programme_progress(call=call, municipality_ids=[municipality.pk])
    year = selectors.year_choose(years=progress.years, number=request.GET.get("jahr"))
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
    return render(request, "programme/office/municipality.html", context)


@require_roles(*OFFICE)
def document_file(request, call_pk, document_pk):
    call = selectors.programme_call_get_office(call_pk=call_pk)
    document = selectors.document_get_office(call=call, document_pk=document_pk)
    if not document.file:
        raise Http404
    return pdf_download(file=document.file, name=document.file_name)


@require_roles(*OFFICE)
def export_xlsx(request, call_pk):
    call = selectors.programme_call_get_office(call_pk=call_pk)
    matrix = selectors.cohort_matrix(call=call)
    return xlsx_response(exports.matrix_xlsx(matrix=matrix), filename=f"zusagen-{call.slug}.xlsx")


@require_roles(*OFFICE)
def export_pdf(request, call_pk):
    call = selectors.programme_call_get_office(call_pk=call_pk)
    matrix = selectors.cohort_matrix(call=call, year_number=request.GET.get("jahr"))
    number = matrix.year.number if matrix.year else 0
    return download_response(
        exports.matrix_pdf(matrix=matrix),
        content_type=PDF_TYPE,
        filename=f"zusagen-{call.slug}-jahr-{number}.pdf",
    )


@require_roles(*OFFICE)
def settings(request, call_pk):
    call = selectors.programme_call_get_office(call_pk=call_pk)
    years = list(ProgrammeYear.objects.filter(call=call).order_by("number"))
    commitments = list(Commitment.objects.filter(call=call).order_by("position", "pk"))
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form") if posted else None
    years_form = ProgrammeYearsForm(posted if which == "years" else None, years=years, call=call)
    targets_form = CommitmentTargetsForm(
        posted if which == "targets" else None, commitments=commitments
    )
    if which == "years" and years_form.is_valid():
        try:
            services.programme_years_set(
                call=call, periods=years_form.periods(), actor=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                years_form.add_error(None, message)
        else:
            messages.success(request, _("Die Programmjahre sind gespeichert."))
            return redirect("programme_office:settings", call.pk)
    if which == "targets" and targets_form.is_valid():
        services.commitment_targets_set(
            call=call, targets=targets_form.targets(), actor=request.user
        )
        messages.success(request, _("Die Ziele sind gespeichert."))
        return redirect("programme_office:settings", call.pk)
    context = {"call": call, "years_form": years_form, "targets_form": targets_form}
    return render(request, "programme/office/settings.html", context)
