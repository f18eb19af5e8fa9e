"""The reports on the money: statements with their downloads and the narrative reports,
for the model municipality (its own only) and for the programme office."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exports import PDF_TYPE, download_response, xlsx_response
from core.formviews import attempt, bind
from core.permissions import require_roles
from funding import exports, selectors, statements
from funding import narrative as narrative_reports
from funding.models import NarrativeReport, ReportStatus
from funding.report_forms import NarrativeReportForm, ReportReturnForm
from funding.rules import OFFICE, READERS, writes
from municipalities.models import Municipality
from programme.cohort import programme_call_for_user, programme_calls
from programme.selectors import programme_call_get_office


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return download_response(content, content_type=PDF_TYPE, filename=filename)


def _downloads(roles, load, pdf, xlsx, name):
    """The PDF and the XLSX download of one statement: ``load(request, **url_kwargs)``
    reads it (scoped to the person), ``pdf``/``xlsx`` export it and ``name(data,
    suffix)`` names the file."""

    @require_roles(*roles)
    def pdf_view(request, **kwargs):
        data = load(request, **kwargs)
        return _pdf(pdf(data=data), name(data, "pdf"))

    @require_roles(*roles)
    def xlsx_view(request, **kwargs):
        data = load(request, **kwargs)
        return xlsx_response(xlsx(data=data), filename=name(data, "xlsx"))

    return pdf_view, xlsx_view


# --- the municipality -----------------------------------------------------------------


@require_roles(*READERS)
def index(request):
    call = programme_call_for_user(request.user)
    municipality_id = request.user.approved_municipality_id
    grants = selectors.grants_of_municipality(call=call, municipality_id=municipality_id)
    cells = narrative_reports.report_cells_of_municipality(
        call=call, municipality_id=municipality_id
    )
    for grant in grants:
        grant.report_cell = cells.get(grant.funding_year.year)
    return render(
        request,
        "funding/reports/index.html",
        {"call": call, "grants": grants, "final_cell": cells[None]},
    )


def _own_statement(request, funding_year: int) -> statements.GrantStatement:
    call = programme_call_for_user(request.user)
    grant = selectors.grant_for_municipality(
        call=call, municipality_id=request.user.approved_municipality_id, year=funding_year
    )
    return statements.grant_statement(grant=grant)


def _statement_name(data: statements.GrantStatement, suffix: str) -> str:
    grant = data.grant
    return f"nachweis-{grant.funding_year.year}-{grant.municipality.key}.{suffix}"


@require_roles(*READERS)
def statement(request, funding_year):
    data = _own_statement(request, funding_year)
    context = {
        "data": data,
        "grant": data.grant,
        "pdf_url": reverse("funding_reports:statement_pdf", args=[funding_year]),
        "xlsx_url": reverse("funding_reports:statement_xlsx", args=[funding_year]),
    }
    return render(request, "funding/reports/statement.html", context)


statement_pdf, statement_xlsx = _downloads(
    READERS,
    _own_statement,
    exports.grant_statement_pdf,
    exports.grant_statement_xlsx,
    _statement_name,
)


def _own_programme(request) -> statements.ProgrammeStatement:
    call = programme_call_for_user(request.user)
    municipality = get_object_or_404(Municipality, pk=request.user.approved_municipality_id)
    return statements.programme_statement(call=call, municipality=municipality)


def _programme_name(data: statements.ProgrammeStatement, suffix: str) -> str:
    if data.municipality is None:
        return f"nachweis-kohorte-{data.call.slug}-gesamt.{suffix}"
    return f"nachweis-gesamt-{data.municipality.key}.{suffix}"


@require_roles(*READERS)
def programme_statement(request):
    data = _own_programme(request)
    context = {
        "data": data,
        "pdf_url": reverse("funding_reports:programme_statement_pdf"),
        "xlsx_url": reverse("funding_reports:programme_statement_xlsx"),
    }
    return render(request, "funding/reports/programme.html", context)


programme_statement_pdf, programme_statement_xlsx = _downloads(
    READERS,
    _own_programme,
    exports.programme_statement_pdf,
    exports.programme_statement_xlsx,
    _programme_name,
)


def _own_report(request, funding_year: int | None, *, create: bool = False):
    call = programme_call_for_user(request.user)
    report = narrative_reports.report_for_municipality(
        call=call,
        municipality_id=request.user.approved_municipality_id,
        year=funding_year,
        create=create,
    )
    return call, report


def _report_name(report: NarrativeReport) -> str:
    which = report.year if report.year else "abschluss"
    return f"sachbericht-{which}-{report.municipality.key}.pdf"


def _narrative(request, funding_year: int | None):
    if request.method == "POST" and not writes(request.user):
        raise PermissionDenied
    call, report = _own_report(request, funding_year, create=request.method == "POST")
    can_write = writes(request.user) and report.status in narrative_reports.EDITABLE
    form = None
    if request.method == "POST":
        form = bind(NarrativeReportForm, request)
        submit = "submit" in request.POST
        keep = narrative_reports.report_save_and_submit if submit else narrative_reports.report_save
        if form.is_valid() and attempt(
            form, lambda: keep(report=report, actor=request.user, **form.cleaned_data)
        ):
            if submit:
                messages.success(request, _("Der Sachbericht ist eingereicht."))
            else:
                messages.success(request, _("Der Sachbericht ist gespeichert."))
            return redirect(request.path)
    elif can_write:
        form = NarrativeReportForm(
            initial={name: getattr(report, name) for name in narrative_reports.TEXT_FIELDS}
        )
    pdf_url = (
        reverse("funding_reports:narrative_pdf", args=[funding_year])
        if funding_year
        else reverse("funding_reports:final_pdf")
    )
    context = {
        "call": call,
        "report": report,
        "facts": narrative_reports.report_facts(
            call=call, municipality_id=report.municipality_id, year=funding_year
        ),
        "form": form,
        "pdf_url": pdf_url,
    }
    return render(request, "funding/reports/narrative.html", context)


@require_roles(*READERS)
def narrative(request, funding_year):
    return _narrative(request, funding_year)


@require_roles(*READERS)
def final(request):
    return _narrative(request, None)


def _narrative_pdf(request, funding_year: int | None):
    call, report = _own_report(request, funding_year)
    facts = narrative_reports.report_facts(
        call=call, municipality_id=report.municipality_id, year=funding_year
    )
    return _pdf(exports.narrative_pdf(report=report, facts=facts), _report_name(report))


@require_roles(*READERS)
def narrative_pdf(request, funding_year):
    return _narrative_pdf(request, funding_year)


@require_roles(*READERS)
def final_pdf(request):
    return _narrative_pdf(request, None)


# --- the office -----------------------------------------------------------------------


@require_roles(*OFFICE)
def office_index(request):
    calls = [(call, selectors.funding_years(call=call)) for call in programme_calls()]
    return render(request, "funding/reports/office/index.html", {"calls": calls})


def _cohort(request, funding_call_pk: int, funding_year: int) -> statements.CohortStatement:
    call = programme_call_get_office(call_pk=funding_call_pk)
    year = statements.funding_year_of_call_get_office(call=call, year=funding_year)
    return statements.cohort_statement(funding_year=year)


def _cohort_name(data: statements.CohortStatement, suffix: str) -> str:
    year = data.funding_year
    return f"nachweis-kohorte-{year.call.slug}-{year.year}.{suffix}"


@require_roles(*OFFICE)
def cohort(request, funding_call_pk, funding_year):
    data = _cohort(request, funding_call_pk, funding_year)
    context = {"data": data, "funding_year": data.funding_year, "call": data.funding_year.call}
    return render(request, "funding/reports/office/cohort.html", context)


cohort_pdf, cohort_xlsx = _downloads(
    OFFICE, _cohort, exports.cohort_statement_pdf, exports.cohort_statement_xlsx, _cohort_name
)


def _cohort_programme(request, funding_call_pk: int) -> statements.ProgrammeStatement:
    call = programme_call_get_office(call_pk=funding_call_pk)
    return statements.programme_statement(call=call)


@require_roles(*OFFICE)
def programme(request, funding_call_pk):
    data = _cohort_programme(request, funding_call_pk)
    return render(request, "funding/reports/office/programme.html", {"data": data})


programme_pdf, programme_xlsx = _downloads(
    OFFICE,
    _cohort_programme,
    exports.programme_statement_pdf,
    exports.programme_statement_xlsx,
    _programme_name,
)


def _municipality_programme(
    request, funding_call_pk: int, funding_municipality_pk: int
) -> statements.ProgrammeStatement:
    call = programme_call_get_office(call_pk=funding_call_pk)
    municipality = statements.cohort_municipality_get_office(
        call=call, municipality_pk=funding_municipality_pk
    )
    return statements.programme_statement(call=call, municipality=municipality)


@require_roles(*OFFICE)
def programme_municipality(request, funding_call_pk, funding_municipality_pk):
    data = _municipality_programme(request, funding_call_pk, funding_municipality_pk)
    args = [funding_call_pk, funding_municipality_pk]
    context = {
        "data": data,
        "office": True,
        "pdf_url": reverse("funding_office_reports:programme_municipality_pdf", args=args),
        "xlsx_url": reverse("funding_office_reports:programme_municipality_xlsx", args=args),
    }
    return render(request, "funding/reports/programme.html", context)


programme_municipality_pdf, programme_municipality_xlsx = _downloads(
    OFFICE,
    _municipality_programme,
    exports.programme_statement_pdf,
    exports.programme_statement_xlsx,
    _programme_name,
)


def _grant(request, funding_grant_pk: int) -> statements.GrantStatement:
    return statements.grant_statement(grant=selectors.grant_get_office(grant_pk=funding_grant_pk))


@require_roles(*OFFICE)
def grant(request, funding_grant_pk):
    data = _grant(request, funding_grant_pk)
    context = {
        "data": data,
        "grant": data.grant,
        "office": True,
        "pdf_url": reverse("funding_office_reports:grant_pdf", args=[funding_grant_pk]),
        "xlsx_url": reverse("funding_office_reports:grant_xlsx", args=[funding_grant_pk]),
    }
    return render(request, "funding/reports/statement.html", context)


grant_pdf, grant_xlsx = _downloads(
    OFFICE, _grant, exports.grant_statement_pdf, exports.grant_statement_xlsx, _statement_name
)


@require_roles(*OFFICE)
def report_list(request, funding_call_pk):
    call = programme_call_get_office(call_pk=funding_call_pk)
    overview = narrative_reports.reports_of_call(call=call)
    return render(
        request, "funding/reports/office/reports.html", {"call": call, "overview": overview}
    )


def _report_page(request, report: NarrativeReport, form=None):
    context = {
        "report": report,
        "call": report.call,
        "facts": narrative_reports.report_facts(
            call=report.call, municipality_id=report.municipality_id, year=report.year
        ),
        "return_form": form or ReportReturnForm(),
        "can_decide": report.status == ReportStatus.SUBMITTED,
    }
    return render(request, "funding/reports/office/report.html", context)


@require_roles(*OFFICE)
def report_detail(request, funding_report_pk):
    return _report_page(request, narrative_reports.report_get_office(report_pk=funding_report_pk))


@require_roles(*OFFICE)
@require_POST
def report_approve(request, funding_report_pk):
    report = narrative_reports.report_get_office(report_pk=funding_report_pk)
    try:
        narrative_reports.report_approve(report=report, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Der Sachbericht ist angenommen."))
    return redirect("funding_office_reports:report", report.pk)


@require_roles(*OFFICE)
@require_POST
def report_return(request, funding_report_pk):
    report = narrative_reports.report_get_office(report_pk=funding_report_pk)
    form = bind(ReportReturnForm, request)
    if form.is_valid():
        try:
            narrative_reports.report_return(
                report=report, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Der Sachbericht ist an die Kommune zurückgegeben."))
            return redirect("funding_office_reports:report", report.pk)
    return _report_page(request, report, form=form)


@require_roles(*OFFICE)
def report_pdf(request, funding_report_pk):
    report = narrative_reports.report_get_office(report_pk=funding_report_pk)
    facts = narrative_reports.report_facts(
        call=report.call, municipality_id=report.municipality_id, year=report.year
    )
    return _pdf(exports.narrative_pdf(report=report, facts=facts), _report_name(report))
