"""The pages about the mails of consultation rounds, under /beteiligung/benachrichtigungen/."""

from django.urls import path

from recommendations.views import mail_settings

app_name = "participation_mail"
urlpatterns = [
    path("", mail_settings.mail_settings, name="settings"),
    path("abbestellen/<str:token>/", mail_settings.mute, name="mute"),
]
