from django.urls import path

from recommendations.views import round_comparison

app_name = "round_comparison"

urlpatterns = [
    path("runden/<int:round_pk>/vergleich/", round_comparison.round_compare, name="round_compare"),
]
