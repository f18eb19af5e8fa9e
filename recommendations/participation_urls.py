from django.urls import path

from recommendations.views import participation

app_name = "participation"

urlpatterns = [
    path("", participation.my_rounds, name="my_rounds"),
    path("runden/<int:round_pk>/", participation.round_page, name="round"),
    path(
        "runden/<int:round_pk>/empfehlungen/<int:recommendation_pk>/",
        participation.recommendation_page,
        name="recommendation",
    ),
    path(
        "runden/<int:round_pk>/absaetze/<int:paragraph_pk>/kommentieren/",
        participation.comment_create,
        name="comment_create",
    ),
    path(
        "runden/<int:round_pk>/kommentare/<int:comment_pk>/antworten/",
        participation.reply_create,
        name="reply_create",
    ),
    path(
        "runden/<int:round_pk>/kommentare/<int:comment_pk>/bearbeiten/",
        participation.comment_edit,
        name="comment_edit",
    ),
    path(
        "runden/<int:round_pk>/kommentare/<int:comment_pk>/zurueckziehen/",
        participation.comment_withdraw,
        name="comment_withdraw",
    ),
]
