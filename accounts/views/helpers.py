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
from accounts.services import client_is_known, known_client_mark
from accounts.services.throttling import KNOWN_CLIENT_MAX_AGE

# Marks the browser in which a person completed a log-in, so that guessing from many
# other clients does not lock that person out (see accounts.services.throttling).
KNOWN_CLIENT_COOKIE = "kfa_known_client"


def safe_next(request: HttpRequest) -> str:
    """The ``next`` target of the request if it is a path of this site, else ''.

    Only a path is taken: no scheme, no host (not even this one, whose name a proxy may
    pass on differently), so a link from outside cannot send a person elsewhere after
    log-in."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=set()):
        return target
    return ""


def client_ip(request: HttpRequest) -> str:
    """The client's address as the server saw it (for the mail and log-in throttles).
    Behind a reverse proxy, the server must put the real client address into REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR", "")


def client_known(request: HttpRequest, email: str) -> bool:
    """Whether this browser completed a log-in for ``email`` before."""
    return client_is_known(email=email, mark=request.COOKIES.get(KNOWN_CLIENT_COOKIE, ""))


def client_remember(request: HttpRequest, response: HttpResponse, user: User) -> HttpResponse:
    """Mark this browser as known to ``user`` once the log-in is complete."""
    response.set_cookie(
        KNOWN_CLIENT_COOKIE,
        known_client_mark(email=user.email, mark=request.COOKIES.get(KNOWN_CLIENT_COOKIE, "")),
        max_age=int(KNOWN_CLIENT_MAX_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def second_factor_pending(user: User) -> bool:
    """Whether a log-in of ``user`` still needs the second factor (or its set-up)."""
    return user.needs_second_factor or user_has_second_factor(user=user)


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
    if user_has_second_factor(user=user):
        request.session[SECOND_FACTOR_SESSION_KEY] = True
    if second_factor_pending(user):
        return with_next("accounts:otp", target)
    return target
