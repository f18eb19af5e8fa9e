"""A model municipality's field tests, in its programme area (``programmbereich/praxistests/``)."""

from django.urls import path

from recommendations.views import field_tests

app_name = "field_tests"

urlpatterns = [
    path("", field_tests.field_test_list, name="list"),
    path("neu/", field_tests.field_test_plan, name="plan"),
    path("<int:field_test_pk>/", field_tests.field_test_detail, name="detail"),
    path("<int:field_test_pk>/plan/", field_tests.field_test_edit, name="edit"),
    path("<int:field_test_pk>/beginnen/", field_tests.field_test_start, name="start"),
    path("<int:field_test_pk>/ergebnis/", field_tests.field_test_result, name="result"),
    path("<int:field_test_pk>/zurueckziehen/", field_tests.field_test_withdraw, name="withdraw"),
    path("<int:field_test_pk>/nachweise/", field_tests.evidence_add, name="evidence_add"),
    path(
        "<int:field_test_pk>/nachweise/<int:evidence_pk>/",
        field_tests.evidence_file,
        name="evidence_file",
    ),
    path(
        "<int:field_test_pk>/nachweise/<int:evidence_pk>/entfernen/",
        field_tests.evidence_remove,
        name="evidence_remove",
    ),
]
