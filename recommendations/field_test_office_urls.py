"""The office's view of the field tests (``geschaeftsstelle/empfehlungen/praxistests/``)."""

from django.urls import path

from recommendations.views import field_test_office

app_name = "field_tests_office"

urlpatterns = [
    path("", field_test_office.documents, name="documents"),
    path("<int:document_pk>/", field_test_office.matrix, name="matrix"),
    path("<int:document_pk>/matrix.xlsx", field_test_office.matrix_xlsx, name="matrix_xlsx"),
    path("empfehlung/<int:recommendation_pk>/", field_test_office.results, name="results"),
    path("nachweise/<int:evidence_pk>/", field_test_office.evidence_file, name="evidence_file"),
]
