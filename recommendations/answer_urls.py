from django.urls import path

from recommendations.views import answers

app_name = "recommendation_answers"

urlpatterns = [
    path("", answers.round_list, name="round_list"),
    path("runden/<int:round_pk>/", answers.round_answers, name="round"),
    path("runden/<int:round_pk>/auswerten/", answers.round_evaluate, name="round_evaluate"),
    path(
        "runden/<int:round_pk>/veroeffentlichen/", answers.answers_publish, name="answers_publish"
    ),
    path("kommentare/<int:comment_pk>/", answers.comment_answer, name="comment_answer"),
]
