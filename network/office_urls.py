from django.urls import path

from network.views import office

app_name = "network_office"

urlpatterns = [
    path("", office.index, name="index"),
    path("mitglieder/<int:network_call_pk>/", office.counts, name="counts"),
    path(
        "mitglieder/<int:network_call_pk>/export.xlsx", office.counts_export, name="counts_export"
    ),
    path("koordination/neu/", office.coordinator_add, name="coordinator_add"),
    path(
        "koordination/<int:network_coordinator_pk>/entfernen/",
        office.coordinator_remove_view,
        name="coordinator_remove",
    ),
    path("workshops/", office.workshops, name="workshops"),
    path("workshops/neu/", office.workshop_create, name="workshop_create"),
    path(
        "workshops/<int:national_workshop_pk>/bearbeiten/",
        office.workshop_edit,
        name="workshop_edit",
    ),
    path(
        "workshops/<int:national_workshop_pk>/stattgefunden/",
        office.workshop_held,
        name="workshop_held",
    ),
    path(
        "workshops/<int:national_workshop_pk>/absagen/",
        office.workshop_cancel,
        name="workshop_cancel",
    ),
]
