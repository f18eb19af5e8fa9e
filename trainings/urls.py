from django.urls import path

from trainings.views import catalogue, sessions

app_name = "trainings"

urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("module/<int:module_version_pk>/", catalogue.catalogue_detail, name="catalogue_detail"),
    path(
        "materialien/<int:material_pk>/herunterladen/",
        catalogue.material_download,
        name="material_download",
    ),
    path("termine/", sessions.session_list, name="session_list"),
    path("termine/neu/", sessions.session_plan, name="session_plan"),
    path("termine/<int:session_pk>/", sessions.session_detail, name="session_detail"),
    path("termine/<int:session_pk>/bearbeiten/", sessions.session_edit, name="session_edit"),
    path("termine/<int:session_pk>/durchgefuehrt/", sessions.session_record, name="session_record"),
    path("termine/<int:session_pk>/absagen/", sessions.session_cancel, name="session_cancel"),
    path(
        "termine/<int:session_pk>/rueckmeldung/",
        sessions.session_feedback,
        name="session_feedback",
    ),
    path(
        "termine/<int:session_pk>/ablaufplan.pdf", sessions.agenda_download, name="agenda_download"
    ),
    path(
        "termine/<int:session_pk>/teilnahmeliste.pdf",
        sessions.attendance_download,
        name="attendance_download",
    ),
    path("meine-termine/", sessions.trainer_sessions, name="trainer_sessions"),
]
