from django.urls import path

from office.views import (
    applications,
    audit,
    deadlines,
    jobs,
    municipality,
    notes,
    pages,
    people,
    search,
    start,
    statistics,
)

app_name = "office"
urlpatterns = [
    path("", start.index, name="index"),
    path("bewerbungen/", applications.application_list, name="applications"),
    path(
        "bewerbungen/export.csv",
        applications.applications_export_csv_view,
        name="applications_export_csv",
    ),
    path(
        "bewerbungen/export.xlsx",
        applications.applications_export_xlsx_view,
        name="applications_export_xlsx",
    ),
    path("bewerbungen/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "bewerbungen/<int:pk>/dateien/<int:answer_pk>/",
        applications.answer_file,
        name="answer_file",
    ),
    path("suche/", search.search, name="search"),
    path("kommunen/<int:municipality_pk>/", municipality.municipality, name="municipality"),
    path(
        "notizen/<str:note_target>/<int:note_target_pk>/",
        notes.note_create,
        name="note_add",
    ),
    path("ansprueche/", people.claim_list, name="claims"),
    path("ansprueche/<int:pk>/", people.claim_detail, name="claim_detail"),
    path("ansprueche/<int:pk>/vollmacht/", people.claim_letter, name="claim_letter"),
    path(
        "kommunen/<int:municipality_pk>/personen/",
        people.municipality_people,
        name="municipality_people",
    ),
    path(
        "kommunen/<int:municipality_pk>/personen/<int:user_pk>/",
        people.municipality_person_action,
        name="municipality_person_action",
    ),
    path("statistik/", statistics.statistics, name="statistics"),
    path("protokoll/", audit.audit, name="audit"),
    path("protokoll/export.csv", audit.audit_export_csv, name="audit_export_csv"),
    path("protokoll/export.xlsx", audit.audit_export_xlsx, name="audit_export_xlsx"),
    path("zeitplan/", jobs.scheduled_jobs, name="scheduled_jobs"),
    path("termine/", deadlines.deadlines, name="deadlines"),
    path("termine/kalenderadresse/", deadlines.deadlines_feed, name="deadlines_feed"),
    path(
        "termine/kalender/<str:office_feed_token>.ics",
        deadlines.deadlines_ics,
        name="deadlines_ics",
    ),
    path("seiten/", pages.page_list, name="pages"),
    path("seiten/<slug:slug>/", pages.page_edit, name="page_edit"),
]
