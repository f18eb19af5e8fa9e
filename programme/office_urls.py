from django.urls import path

from programme.views import circulars, office

# Included through ``progress.office_urls``, which adds the pages that read across apps
# (the matrix, one municipality, the exports) to the same namespace.
app_name = "programme_office"

urlpatterns = [
    path("", office.cohorts, name="cohorts"),
    path("<int:call_pk>/einstellungen/", office.settings, name="settings"),
    path("<int:call_pk>/rundschreiben/", circulars.cohort_circular, name="cohort_circular"),
    path(
        "<int:call_pk>/nachweise/<int:document_pk>/datei/",
        office.document_file,
        name="document_file",
    ),
]
