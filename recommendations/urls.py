from django.urls import path

from recommendations.views import documents, editing, publishing

app_name = "recommendations_office"

urlpatterns = [
    path("", documents.document_list, name="document_list"),
    path("neu/", documents.document_create, name="document_create"),
    path("<int:document_pk>/", documents.document_detail, name="document_detail"),
    path("<int:document_pk>/entwurf/", documents.draft_create, name="draft_create"),
    path("<int:document_pk>/vergleich/", documents.compare, name="compare"),
    path("fassungen/<int:version_pk>/", documents.version_detail, name="version_detail"),
    path(
        "fassungen/<int:version_pk>/aenderungen/", documents.changelog_edit, name="changelog_edit"
    ),
    path("fassungen/<int:version_pk>/einfrieren/", documents.version_freeze, name="version_freeze"),
    path(
        "fassungen/<int:version_pk>/veroeffentlichen/",
        publishing.version_publish,
        name="version_publish",
    ),
    path("fassungen/<int:version_pk>/kapitel/", editing.chapter_add, name="chapter_add"),
    path("kapitel/<int:chapter_pk>/", editing.chapter_edit, name="chapter_edit"),
    path("kapitel/<int:chapter_pk>/verschieben/", editing.chapter_move, name="chapter_move"),
    path("kapitel/<int:chapter_pk>/loeschen/", editing.chapter_delete, name="chapter_delete"),
    path(
        "kapitel/<int:chapter_pk>/empfehlung/",
        editing.recommendation_add,
        name="recommendation_add",
    ),
    path(
        "empfehlungen/<int:recommendation_pk>/",
        editing.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "empfehlungen/<int:recommendation_pk>/verschieben/",
        editing.recommendation_move,
        name="recommendation_move",
    ),
    path(
        "empfehlungen/<int:recommendation_pk>/loeschen/",
        editing.recommendation_delete,
        name="recommendation_delete",
    ),
    path(
        "empfehlungen/<int:recommendation_pk>/absatz/",
        editing.paragraph_add,
        name="paragraph_add",
    ),
    path("absaetze/<int:paragraph_pk>/", editing.paragraph_edit, name="paragraph_edit"),
    path("absaetze/<int:paragraph_pk>/verschieben/", editing.paragraph_move, name="paragraph_move"),
    path(
        "absaetze/<int:paragraph_pk>/loeschen/", editing.paragraph_delete, name="paragraph_delete"
    ),
]
