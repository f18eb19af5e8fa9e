from django.urls import path

from calls import office_views as views

app_name = "calls_office"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("neu/", views.call_create, name="call_create"),
    path("<int:call_pk>/bearbeiten/", views.call_edit, name="call_edit"),
    path("<int:call_pk>/fragenkatalog/", views.questionnaire_edit, name="questionnaire_edit"),
    path(
        "<int:call_pk>/fragenkatalog/abschnitte/neu/",
        views.section_create,
        name="section_create",
    ),
    path(
        "<int:call_pk>/fragenkatalog/abschnitte/<int:section_pk>/",
        views.section_edit,
        name="section_edit",
    ),
    path(
        "<int:call_pk>/fragenkatalog/abschnitte/<int:section_pk>/loeschen/",
        views.section_delete,
        name="section_delete",
    ),
    path(
        "<int:call_pk>/fragenkatalog/abschnitte/<int:section_pk>/verschieben/",
        views.section_move,
        name="section_move",
    ),
    path(
        "<int:call_pk>/fragenkatalog/abschnitte/<int:section_pk>/fragen/neu/",
        views.question_create,
        name="question_create",
    ),
    path(
        "<int:call_pk>/fragenkatalog/fragen/<int:question_pk>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "<int:call_pk>/fragenkatalog/fragen/<int:question_pk>/loeschen/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        "<int:call_pk>/fragenkatalog/fragen/<int:question_pk>/verschieben/",
        views.question_move,
        name="question_move",
    ),
]
