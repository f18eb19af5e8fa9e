from django.contrib.auth import views as auth_views
from django.urls import path

from core.permissions import public

app_name = "accounts"
urlpatterns = [
    path("anmelden/", public(auth_views.LoginView.as_view()), name="login"),
    path("abmelden/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("registrieren/", public(auth_views.LoginView.as_view()), name="register"),
    path("zweiter-faktor/", public(auth_views.LoginView.as_view()), name="otp"),
]
