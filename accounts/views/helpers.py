"""Small HTTP helpers shared by the account views."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.middleware import SECOND_FACTOR_SESSION_KEY
from accounts.models import User
from accounts.selectors import user_has_second_factor


def safe_next(request: HttpRequest) -> str:
    """The ``next`` target of the request if it stays on this site, else ''."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def client_ip(request: HttpRequest) -> str:
    """The client's address as the server saw it (for the mail throttle). Behind a
    reverse proxy, the server must put the real client address into REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR", "")


def with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def language_apply(response: HttpResponse, language: str) -> HttpResponse:
    """Switch the interface to the person's language from the next page on."""
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def person_log_in(request: HttpRequest, user: User, *, next_url: str = "") -> str:
    """Log ``user`` in and return where to go: the target, or first the second factor
    when the role needs it or the person set one up."""
    auth_login(request, user, backend="accounts.backends.EmailBackend")
    target = next_url or resolve_url(settings.LOGIN_REDIRECT_URL)
    wants_second_factor = user_has_second_factor(user=user)
    if wants_second_factor:
        request.session[SECOND_FACTOR_SESSION_KEY] = True
    if user.needs_second_factor or wants_second_factor:
        return with_next("accounts:otp", target)
    return target
