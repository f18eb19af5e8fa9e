from django.urls import path

from core import views

# The namespace "core" also holds the start page and "my area", which read across apps
# and are therefore added in the project's urls (kfa/urls.py).
app_name = "core"
urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("seite/<slug:slug>/", views.page, name="page"),
]
