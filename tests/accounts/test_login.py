import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import FailedLogin, Role
from accounts.services import failed_logins_prune
from accounts.services.throttling import throttle_hash
from core.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def account_hash(email: str) -> str:
    return throttle_hash(purpose="account", value=email)


def test_login_email_is_case_insensitive(client, password):
    user = factories.UserFactory(email="anna@example.org")

    response = client.post(LOGIN, {"email": "  Anna@EXAMPLE.org ", "password": password})

    assert response.status_code == 302
    assert response.url == reverse("core:dashboard")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_login_wrong_password_shows_german_error(client):
    factories.UserFactory(email="anna@example.org")

    response = client.post(LOGIN, {"email": "anna@example.org", "password": "falsch"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "E-Mail-Adresse oder Passwort stimmen nicht."
    ]
    assert FailedLogin.objects.filter(account_hash=account_hash("anna@example.org")).count() == 1


def test_login_follows_safe_next(client, password):
    factories.UserFactory(email="anna@example.org")

    response = client.post(
        LOGIN, {"email": "anna@example.org", "password": password, "next": "/kommunen/"}
    )

    assert response.url == "/kommunen/"


def test_login_ignores_next_to_other_host(client, password):
    factories.UserFactory(email="anna@example.org")

    response = client.post(
        LOGIN,
        {"email": "anna@example.org", "password": password, "next": "https://evil.example/"},
    )

    assert response.url == reverse("core:dashboard")


def test_login_sets_language_of_user(client, password):
    factories.UserFactory(email="anna@example.org", language="en")

    response = client.post(LOGIN, {"email": "anna@example.org", "password": password})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_login_locks_after_limit_even_with_right_password(client, password):
    user = factories.UserFactory(email="anna@example.org")
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(LOGIN, {"email": "anna@example.org", "password": "falsch"})

    response = client.post(LOGIN, {"email": "ANNA@example.org", "password": password})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    error = response.context["form"].non_field_errors()[0]
    assert error.startswith("Zu viele fehlgeschlagene Versuche.")
    assert "Uhr gesperrt" in error
    assert AuditEntry.objects.filter(action="account.locked", object_id=str(user.pk)).count() == 1


def test_login_allowed_again_after_window(client, password):
    user = factories.UserFactory(email="anna@example.org")
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(LOGIN, {"email": "anna@example.org", "password": "falsch"})
    FailedLogin.objects.update(
        created_at=timezone.now()
        - dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES, seconds=1)
    )

    response = client.post(LOGIN, {"email": "anna@example.org", "password": password})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert FailedLogin.objects.count() == 0


def test_login_success_clears_failures(client, password):
    factories.UserFactory(email="anna@example.org")
    client.post(LOGIN, {"email": "anna@example.org", "password": "falsch"})

    client.post(LOGIN, {"email": "anna@example.org", "password": password})

    assert FailedLogin.objects.count() == 0


def test_login_lockout_counts_per_address(client, password):
    factories.UserFactory(email="anna@example.org")
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(LOGIN, {"email": "bernd@example.org", "password": "falsch"})

    response = client.post(LOGIN, {"email": "anna@example.org", "password": password})

    assert response.status_code == 302


def test_logout_needs_post(client, password):
    user = factories.UserFactory()
    client.force_login(user)

    refused = client.get(reverse("accounts:logout"))
    response = client.post(reverse("accounts:logout"))

    assert refused.status_code == 405
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_office_user_without_device_is_sent_to_otp_setup(client, password):
    factories.UserFactory(role=Role.OFFICE, email="buero@example.org")
    client.post(LOGIN, {"email": "buero@example.org", "password": password})

    response = client.get("/geschaeftsstelle/")
    setup = client.get(response.url, follow=False)

    assert response.status_code == 302
    assert response.url == "/konto/zweiter-faktor/?next=%2Fgeschaeftsstelle%2F"
    assert setup.status_code == 302
    assert setup.url == "/konto/zweiter-faktor/einrichten/?next=%2Fgeschaeftsstelle%2F"


def test_office_pages_under_konto_need_second_factor(client):
    user = factories.UserFactory(role=Role.OFFICE)
    client.force_login(user)

    response = client.get(reverse("accounts:invitation_list"))

    assert response.status_code == 302
    assert response.url.startswith("/konto/zweiter-faktor/?next=")


def test_login_page_renders(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


def test_failed_logins_prune_keeps_only_the_window():
    FailedLogin.objects.create(account_hash=account_hash("alt@example.org"), client_hash="c")
    FailedLogin.objects.create(account_hash=account_hash("neu@example.org"), client_hash="c")
    FailedLogin.objects.filter(account_hash=account_hash("alt@example.org")).update(
        created_at=timezone.now() - dt.timedelta(days=1)
    )

    deleted = failed_logins_prune()

    assert deleted == 1
    assert list(FailedLogin.objects.values_list("account_hash", flat=True)) == [
        account_hash("neu@example.org")
    ]
