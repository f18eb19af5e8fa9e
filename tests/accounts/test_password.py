import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import FailedLogin
from accounts.services.throttling import throttle_hash
from core.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Neues-Passwort-2026"


def reset_path(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/konto/passwort-neu/\S+/)", message.body).group(1)


def request_reset(client, capture, email):
    with capture(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email})


def test_password_reset_sends_german_mail(client, django_capture_on_commit_callbacks):
    factories.UserFactory(email="anna@example.org")

    response = request_reset(client, django_capture_on_commit_callbacks, "Anna@Example.org")

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert mail.outbox[0].subject == "Neues Passwort festlegen"


def test_password_reset_unknown_address_sends_nothing_but_same_page(
    client, django_capture_on_commit_callbacks
):
    response = request_reset(client, django_capture_on_commit_callbacks, "niemand@example.org")

    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_sets_new_password(client, django_capture_on_commit_callbacks):
    user = factories.UserFactory(email="anna@example.org")
    FailedLogin.objects.create(
        account_hash=throttle_hash(purpose="account", value="anna@example.org"),
        client_hash=throttle_hash(purpose="client", value="203.0.113.7"),
    )
    request_reset(client, django_capture_on_commit_callbacks, "anna@example.org")

    form_page = client.get(reset_path(mail.outbox[0]))
    response = client.post(form_page.url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    login = client.post(
        reverse("accounts:login"), {"email": "anna@example.org", "password": NEW_PASSWORD}
    )

    assert form_page.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert login.status_code == 302
    assert FailedLogin.objects.count() == 0
    assert (
        AuditEntry.objects.filter(action="account.password_reset", object_id=str(user.pk)).count()
        == 1
    )


def test_password_reset_confirms_unconfirmed_address(client, django_capture_on_commit_callbacks):
    user = factories.UserFactory(email="anna@example.org", email_confirmed_at=None)
    request_reset(client, django_capture_on_commit_callbacks, "anna@example.org")
    form_page = client.get(reset_path(mail.outbox[0]))

    client.post(form_page.url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    user.refresh_from_db()
    assert user.email_confirmed_at is not None


def test_password_reset_link_works_once(client, django_capture_on_commit_callbacks):
    factories.UserFactory(email="anna@example.org")
    request_reset(client, django_capture_on_commit_callbacks, "anna@example.org")
    path = reset_path(mail.outbox[0])
    form_page = client.get(path)
    client.post(form_page.url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = client.get(path)

    assert response.status_code == 200
    assert response.context["validlink"] is False
    assert "ungültig, abgelaufen oder wurde schon benutzt" in response.content.decode()


def test_password_reset_mismatch_shows_error_at_second_field(
    client, django_capture_on_commit_callbacks
):
    factories.UserFactory(email="anna@example.org")
    request_reset(client, django_capture_on_commit_callbacks, "anna@example.org")
    form_page = client.get(reset_path(mail.outbox[0]))

    response = client.post(form_page.url, {"password1": NEW_PASSWORD, "password2": "anders"})

    assert response.context["form"].errors["password2"] == [
        "Die beiden Passwörter stimmen nicht überein."
    ]


def test_password_change_needs_old_password(client, password):
    user = factories.UserFactory()
    client.force_login(user)

    wrong = client.post(
        reverse("accounts:password_change"),
        {"old_password": "falsch", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    right = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert wrong.context["form"].errors["old_password"] == ["Das bisherige Passwort stimmt nicht."]
    assert right.url == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "_auth_user_id" in client.session
    assert AuditEntry.objects.filter(action="account.password_changed").count() == 1
