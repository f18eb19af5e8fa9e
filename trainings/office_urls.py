from django.urls import path

from trainings.views import office

app_name = "trainings_office"

urlpatterns = [
    path("", office.catalogue, name="catalogue"),
    path("neu/", office.module_create, name="module_create"),
    path("<int:module_pk>/", office.module_detail, name="module_detail"),
    path("<int:module_pk>/neue-version/", office.version_new, name="version_new"),
    path("versionen/<int:module_version_pk>/", office.version_detail, name="version_detail"),
    path("versionen/<int:module_version_pk>/bearbeiten/", office.version_edit, name="version_edit"),
    path(
        "versionen/<int:module_version_pk>/trainerinnen/",
        office.version_trainers,
        name="version_trainers",
    ),
    path(
        "versionen/<int:module_version_pk>/veroeffentlichen/",
        office.version_publish,
        name="version_publish",
    ),
    path("versionen/<int:module_version_pk>/material/", office.material_add, name="material_add"),
    path(
        "versionen/<int:module_version_pk>/rueckmeldungen/",
        office.version_feedback,
        name="version_feedback",
    ),
]
