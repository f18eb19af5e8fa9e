from django.urls import path

from recommendations.views import rounds

app_name = "recommendation_rounds"

urlpatterns = [
    path("", rounds.round_list, name="round_list"),
    path("fassung/<int:version_pk>/neu/", rounds.round_create, name="round_create"),
    path("<int:round_pk>/", rounds.round_detail, name="round_detail"),
    path("<int:round_pk>/bearbeiten/", rounds.round_edit, name="round_edit"),
    path(
        "<int:round_pk>/empfehlungen/<int:recommendation_pk>/",
        rounds.round_recommendation,
        name="round_recommendation",
    ),
]
