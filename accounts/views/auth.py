"""Registration, e-mail confirmation, log-in, log-out and the password reset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.forms import LoginForm, PasswordResetRequestForm, PasswordResetSetForm, RegisterForm
from accounts.middleware import second_factor_exempt
from accounts.services import (
    lock_message,
    login_failure_record,
    login_failures_clear,
    login_is_locked,
    user_confirm_email,
    user_confirmation_resend,
    user_register,
)
from accounts.tokens import confirmation_token_read, resend_token_make
from accounts.views.helpers import (
    client_ip,
    client_known,
    client_remember,
    language_apply,
    person_log_in,
    safe_next,
    second_factor_pending,
)
from core.formviews import bind
from core.permissions import PublicMixin, public


def _current_language() -> str:
    return (get_language() or "de")[:2]


@second_factor_exempt
@public
@sensitive_post_parameters("password")
@never_cache
def login_view(request):
    next_url = safe_next(request)
    if request.user.is_authenticated and request.method == "GET":
        return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
    form = bind(LoginForm, request)
    resend_token = ""
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        client, known = client_ip(request), client_known(request, email)
        locked_until = login_is_locked(email=email, client=client, known_client=known)
        user = None
        if locked_until is None:
            user = authenticate(request, email=email, password=form.cleaned_data["password"])
            if user is None:
                locked_until = login_failure_record(email=email, client=client, known_client=known)
        if locked_until is not None:
            form.add_error(None, lock_message(locked_until))
        elif user is None:
            form.add_error(None, _("E-Mail-Adresse oder Passwort stimmen nicht."))
        elif user.email_confirmed_at is None:
            resend_token = resend_token_make(user_id=user.pk)
        else:
            login_failures_clear(email=email, client=client)
            target = person_log_in(request, user, next_url=next_url)
            response = language_apply(redirect(target), user.language)
            if not second_factor_pending(user):
                client_remember(request, response, user)
            return response
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": next_url, "resend_token": resend_token},
    )


logout_view = second_factor_exempt(public(auth_views.LogoutView.as_view()))


@second_factor_exempt
@public
@sensitive_post_parameters("password1", "password2")
def register(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = bind(RegisterForm, request, initial={"language": _current_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user_register(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password1"],
            language=data["language"],
            ip=client_ip(request),
        )
        return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


@second_factor_exempt
@public
def register_done(request):
    return render(request, "accounts/register_done.html")


@second_factor_exempt
@public
@never_cache
def confirm_email(request, token):
    """A page with a button, not a link that confirms: mail scanners that open every
    link would otherwise use up the one-time link (and log themselves in)."""
    if request.method == "POST":
        try:
            user = user_confirm_email(token=token)
        except ValidationError as error:
            return render(
                request,
                "accounts/confirm_email.html",
                {"error": error.messages[0], "used": error.code == "used"},
            )
        target = person_log_in(request, user)
        messages.success(request, _("Danke! Ihre E-Mail-Adresse ist bestätigt."))
        return language_apply(redirect(target), user.language)
    error = ""
    if confirmation_token_read(token=token) is None:
        error = _("Der Bestätigungslink ist ungültig oder abgelaufen.")
    return render(request, "accounts/confirm_email.html", {"error": error, "used": False})


@second_factor_exempt
@public
@require_POST
def confirmation_resend(request):
    if user_confirmation_resend(token=request.POST.get("token", ""), ip=client_ip(request)):
        messages.success(
            request,
            _(
                "Wir haben Ihnen den Bestätigungslink noch einmal geschickt. Bitte sehen "
                "Sie auch im Spam-Ordner nach."
            ),
        )
    else:
        messages.error(
            request,
            _("Das hat nicht geklappt. Bitte melden Sie sich noch einmal an."),
        )
    return redirect("accounts:login")


class PasswordResetView(PublicMixin, auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client_ip": client_ip(self.request)}


class PasswordResetDoneView(PublicMixin, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(PublicMixin, auth_views.PasswordResetConfirmView):
    form_class = PasswordResetSetForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(PublicMixin, auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


password_reset = second_factor_exempt(PasswordResetView.as_view())
password_reset_done = second_factor_exempt(PasswordResetDoneView.as_view())
password_reset_confirm = second_factor_exempt(PasswordResetConfirmView.as_view())
password_reset_complete = second_factor_exempt(PasswordResetCompleteView.as_view())
