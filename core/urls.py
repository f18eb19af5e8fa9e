from django.urls import path

from core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("seite/<slug:slug>/", views.page, name="page"),
    path("mein-bereich/", views.dashboard, name="dashboard"),
]
