from django.urls import path

from accounts.views import auth, invitations, profile, second_factor, users

app_name = "accounts"
urlpatterns = [
    path("anmelden/", auth.login_view, name="login"),
    path("abmelden/", auth.logout_view, name="logout"),
    path("registrieren/", auth.register, name="register"),
    path("registrieren/gesendet/", auth.register_done, name="register_done"),
    path("bestaetigen/<str:token>/", auth.confirm_email, name="confirm_email"),
    path("bestaetigung-senden/", auth.confirmation_resend, name="confirmation_resend"),
    path("passwort-vergessen/", auth.password_reset, name="password_reset"),
    path("passwort-vergessen/gesendet/", auth.password_reset_done, name="password_reset_done"),
    path(
        "passwort-neu/<uidb64>/<token>/",
        auth.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("passwort-neu/fertig/", auth.password_reset_complete, name="password_reset_complete"),
    path("zweiter-faktor/", second_factor.otp, name="otp"),
    path("zweiter-faktor/einrichten/", second_factor.otp_setup, name="otp_setup"),
    path(
        "zweiter-faktor/wiederherstellungscodes/",
        second_factor.otp_recovery_codes,
        name="otp_recovery_codes",
    ),
    path(
        "zweiter-faktor/wiederherstellungscodes.txt",
        second_factor.otp_recovery_codes_download,
        name="otp_recovery_codes_download",
    ),
    path("sicherheit/", second_factor.security, name="security"),
    path("sicherheit/neue-codes/", second_factor.recovery_codes_new, name="recovery_codes_new"),
    path("profil/", profile.profile, name="profile"),
    path("profil/passwort/", profile.password_change, name="password_change"),
    path("einladungen/", invitations.invitation_list, name="invitation_list"),
    path("einladungen/neu/", invitations.invitation_create, name="invitation_create"),
    path("einladung/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("konten/", users.user_list, name="user_list"),
    path("konten/<int:pk>/", users.user_edit, name="user_edit"),
]
