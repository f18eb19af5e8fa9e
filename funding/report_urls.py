from django.urls import path

from funding.views import reports

app_name = "funding_reports"

urlpatterns = [
    path("", reports.index, name="index"),
    path("<int:funding_year>/", reports.statement, name="statement"),
    path("<int:funding_year>/nachweis.pdf", reports.statement_pdf, name="statement_pdf"),
    path("<int:funding_year>/nachweis.xlsx", reports.statement_xlsx, name="statement_xlsx"),
    path("gesamt/", reports.programme_statement, name="programme_statement"),
    path("gesamt.pdf", reports.programme_statement_pdf, name="programme_statement_pdf"),
    path("gesamt.xlsx", reports.programme_statement_xlsx, name="programme_statement_xlsx"),
    path("sachbericht/abschluss/", reports.final, name="final"),
    path("sachbericht/abschluss/sachbericht.pdf", reports.final_pdf, name="final_pdf"),
    path("sachbericht/<int:funding_year>/", reports.narrative, name="narrative"),
    path(
        "sachbericht/<int:funding_year>/sachbericht.pdf",
        reports.narrative_pdf,
        name="narrative_pdf",
    ),
]
