from django.urls import path

from funding.views import reports

app_name = "funding_office_reports"

urlpatterns = [
    path("", reports.office_index, name="index"),
    path("<int:funding_call_pk>/<int:funding_year>/", reports.cohort, name="cohort"),
    path(
        "<int:funding_call_pk>/<int:funding_year>/kohorte.pdf",
        reports.cohort_pdf,
        name="cohort_pdf",
    ),
    path(
        "<int:funding_call_pk>/<int:funding_year>/kohorte.xlsx",
        reports.cohort_xlsx,
        name="cohort_xlsx",
    ),
    path("<int:funding_call_pk>/gesamt/", reports.programme, name="programme"),
    path("<int:funding_call_pk>/gesamt.pdf", reports.programme_pdf, name="programme_pdf"),
    path("<int:funding_call_pk>/gesamt.xlsx", reports.programme_xlsx, name="programme_xlsx"),
    path(
        "<int:funding_call_pk>/kommune/<int:funding_municipality_pk>/gesamt/",
        reports.programme_municipality,
        name="programme_municipality",
    ),
    path(
        "<int:funding_call_pk>/kommune/<int:funding_municipality_pk>/gesamt.pdf",
        reports.programme_municipality_pdf,
        name="programme_municipality_pdf",
    ),
    path(
        "<int:funding_call_pk>/kommune/<int:funding_municipality_pk>/gesamt.xlsx",
        reports.programme_municipality_xlsx,
        name="programme_municipality_xlsx",
    ),
    path("zuwendung/<int:funding_grant_pk>/", reports.grant, name="grant"),
    path("zuwendung/<int:funding_grant_pk>/nachweis.pdf", reports.grant_pdf, name="grant_pdf"),
    path("zuwendung/<int:funding_grant_pk>/nachweis.xlsx", reports.grant_xlsx, name="grant_xlsx"),
    path("<int:funding_call_pk>/sachberichte/", reports.report_list, name="reports"),
    path("sachbericht/<int:funding_report_pk>/", reports.report_detail, name="report"),
    path(
        "sachbericht/<int:funding_report_pk>/annehmen/",
        reports.report_approve,
        name="report_approve",
    ),
    path(
        "sachbericht/<int:funding_report_pk>/zurueckgeben/",
        reports.report_return,
        name="report_return",
    ),
    path(
        "sachbericht/<int:funding_report_pk>/sachbericht.pdf",
        reports.report_pdf,
        name="report_pdf",
    ),
]
