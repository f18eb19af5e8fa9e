from django.urls import path

from programme.views import office

app_name = "programme_office"

urlpatterns = [
    path("", office.cohorts, name="cohorts"),
    path("<int:call_pk>/", office.matrix, name="matrix"),
    path("<int:call_pk>/alle-jahre/", office.all_years, name="all_years"),
    path("<int:call_pk>/export.xlsx", office.export_xlsx, name="export_xlsx"),
    path("<int:call_pk>/export.pdf", office.export_pdf, name="export_pdf"),
    path("<int:call_pk>/einstellungen/", office.settings, name="settings"),
    path(
        "<int:call_pk>/nachweise/<int:document_pk>/datei/",
        office.document_file,
        name="document_file",
    ),
    path(
        "<int:call_pk>/kommune/<int:municipality_pk>/",
        office.municipality,
        name="municipality",
    ),
]
