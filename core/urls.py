from django.urls import path

from core import views

# The namespace "core" also holds the start page and "my area", which read across apps
# and are therefore added in the project's urls (kfa/urls.py).
app_name = "core"
urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("seite/<slug:slug>/", views.page, name="page"),
    path("geschaeftsstelle/rundschreiben/", views.circulars, name="circulars"),
    # Always routed, but each view answers 404 unless DEBUG is on (the demo).
    path("demo-postfach/", views.demo_mailbox, name="demo_mailbox"),
    path("demo-postfach/<int:pk>/", views.demo_mail, name="demo_mail"),
    path(
        "demo-postfach/<int:pk>/anhang/<int:attachment_pk>/",
        views.demo_mail_attachment,
        name="demo_mail_attachment",
    ),
]
