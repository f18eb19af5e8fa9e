from django.urls import path

from municipalities import views

app_name = "municipalities"
urlpatterns = [
    path("suche/", views.municipality_search_view, name="search"),
    path("auswahl/", views.municipality_picker_view, name="picker"),
]
