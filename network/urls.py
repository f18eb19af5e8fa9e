from django.urls import path

from network.views import membership, space, workshops

app_name = "network"

urlpatterns = [
    path("", membership.index, name="index"),
    path("beitreten/", membership.join, name="join"),
    path("austreten/", membership.leave, name="leave"),
    path("mitglieder/", membership.members, name="members"),
    path("sichtbarkeit/", membership.visibility, name="visibility"),
    path("bereich/", space.space, name="space"),
    path("bereich/mitteilungen/neu/", space.announcement_create, name="announcement_create"),
    path("bereich/dokumente/neu/", space.document_create, name="document_create"),
    path("bereich/dokumente/<int:document_pk>/", space.document_download, name="document_download"),
    path("workshops/", workshops.workshops, name="workshops"),
    path("workshops/<int:workshop_pk>/anmelden/", workshops.signup_add, name="signup_add"),
    path("workshops/<int:workshop_pk>/abmelden/", workshops.signup_remove, name="signup_remove"),
    path("workshops/kommune/", workshops.local_workshop_list, name="local_workshops"),
    path("workshops/kommune/neu/", workshops.local_workshop_create, name="local_workshop_create"),
    path(
        "workshops/kommune/<int:workshop_pk>/bearbeiten/",
        workshops.local_workshop_edit,
        name="local_workshop_edit",
    ),
    path(
        "workshops/kommune/<int:workshop_pk>/stattgefunden/",
        workshops.local_workshop_held,
        name="local_workshop_held",
    ),
    path(
        "workshops/kommune/<int:workshop_pk>/absagen/",
        workshops.local_workshop_cancel,
        name="local_workshop_cancel",
    ),
    path("workshops/bundesweit/", workshops.national_workshop_list, name="national_workshops"),
    path(
        "workshops/bundesweit/neu/",
        workshops.national_workshop_create,
        name="national_workshop_create",
    ),
    path(
        "workshops/bundesweit/<int:national_workshop_pk>/bearbeiten/",
        workshops.national_workshop_edit,
        name="national_workshop_edit",
    ),
    path(
        "workshops/bundesweit/<int:national_workshop_pk>/stattgefunden/",
        workshops.national_workshop_held,
        name="national_workshop_held",
    ),
    path(
        "workshops/bundesweit/<int:national_workshop_pk>/absagen/",
        workshops.national_workshop_cancel,
        name="national_workshop_cancel",
    ),
]
