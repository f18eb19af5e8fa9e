"""Failed log-ins slow down the client that fails, not the person who knows the password."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import FailedLogin, Role
from tests import factories
from tests.accounts.test_second_factor import code_for

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
OTP = reverse("accounts:otp")
OFFICE = reverse("office:index")
LOCKED = "Zu viele fehlgeschlagene Versuche."


def client_at(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def fail(client: Client, email: str, times: int) -> None:
    for _attempt in range(times):
        client.post(LOGIN, {"email": email, "password": "falsch-geraten"})


@pytest.fixture
def office(password):
    user = factories.UserFactory(role=Role.OFFICE, email="buero@example.org")
    device = TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=True)
    return user, device


def test_login_stranger_failing_twenty_times_does_not_lock_out_the_office(office, password):
    user, device = office
    stranger, colleague = client_at("203.0.113.7"), client_at("198.51.100.4")
    fail(stranger, "buero@example.org", 20)

    login = colleague.post(LOGIN, {"email": "buero@example.org", "password": password})
    second = colleague.post(login.url, {"code": code_for(device)})
    office_page = colleague.get(OFFICE)
    stranger_again = stranger.post(LOGIN, {"email": "buero@example.org", "password": password})

    assert (login.status_code, login.url) == (302, f"{OTP}?next=%2Fmein-bereich%2F")
    assert (second.status_code, office_page.status_code) == (302, 200)
    assert int(colleague.session["_auth_user_id"]) == user.pk
    assert stranger_again.status_code == 200
    assert stranger_again.context["form"].non_field_errors()[0].startswith(LOCKED)
    assert "_auth_user_id" not in stranger.session


def test_login_failing_client_is_locked_for_that_address_only(password):
    factories.UserFactory(email="anna@example.org")
    factories.UserFactory(email="bernd@example.org")
    stranger = client_at("203.0.113.7")
    fail(stranger, "anna@example.org", settings.LOGIN_FAILURE_LIMIT)

    locked = stranger.post(LOGIN, {"email": "anna@example.org", "password": password})
    other = stranger.post(LOGIN, {"email": "bernd@example.org", "password": password})

    assert locked.context["form"].non_field_errors()[0].startswith(LOCKED)
    assert other.status_code == 302


def test_login_guessing_from_many_clients_locks_unknown_clients_only(password):
    user = factories.UserFactory(email="anna@example.org")
    usual_browser = client_at("192.0.2.10")
    usual_browser.post(LOGIN, {"email": "anna@example.org", "password": password})
    usual_browser.post(reverse("accounts:logout"))
    per_client = settings.LOGIN_FAILURE_LIMIT - 1
    for number in range(-(-settings.LOGIN_ACCOUNT_FAILURE_LIMIT // per_client)):
        fail(client_at(f"203.0.113.{number + 1}"), "anna@example.org", per_client)

    new_client = client_at("198.51.100.4")
    refused = new_client.post(LOGIN, {"email": "anna@example.org", "password": password})
    known = usual_browser.post(LOGIN, {"email": "anna@example.org", "password": password})

    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors()[0].startswith(LOCKED)
    assert known.status_code == 302
    assert int(usual_browser.session["_auth_user_id"]) == user.pk


def test_login_known_client_mark_of_another_account_does_not_help(password):
    factories.UserFactory(email="anna@example.org")
    factories.UserFactory(email="bernd@example.org")
    browser = client_at("192.0.2.10")
    browser.post(LOGIN, {"email": "bernd@example.org", "password": password})
    browser.post(reverse("accounts:logout"))
    per_client = settings.LOGIN_FAILURE_LIMIT - 1
    for number in range(-(-settings.LOGIN_ACCOUNT_FAILURE_LIMIT // per_client)):
        fail(client_at(f"203.0.113.{number + 1}"), "anna@example.org", per_client)

    response = browser.post(LOGIN, {"email": "anna@example.org", "password": password})

    assert response.context["form"].non_field_errors()[0].startswith(LOCKED)


def test_login_failures_keep_neither_address_nor_ip(password):
    factories.UserFactory(email="anna@example.org")

    fail(client_at("203.0.113.7"), "Anna@example.org", 1)

    row = FailedLogin.objects.get()
    stored = " ".join(str(value) for value in row.__dict__.values())
    assert "anna@example.org" not in stored.lower()
    assert "203.0.113.7" not in stored
    assert (len(row.account_hash), len(row.client_hash)) == (64, 64)


def test_otp_wrong_codes_lock_only_the_failing_client(office, password):
    user, device = office
    stranger, colleague = client_at("203.0.113.7"), client_at("198.51.100.4")
    stranger.post(LOGIN, {"email": "buero@example.org", "password": password})
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
        stranger.post(OTP, {"code": "000000"})
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)

    colleague.post(LOGIN, {"email": "buero@example.org", "password": password})
    second = colleague.post(OTP, {"code": code_for(device)})

    assert second.status_code == 302
    assert colleague.get(OFFICE).status_code == 200


def test_login_failing_ipv6_client_is_locked_across_its_network(password):
    factories.UserFactory(email="anna@example.org")
    for number in range(settings.LOGIN_FAILURE_LIMIT):
        fail(client_at(f"2001:db8:1:2::{number + 1}"), "anna@example.org", 1)

    same_network = client_at("2001:db8:1:2:ffff::9")
    locked = same_network.post(LOGIN, {"email": "anna@example.org", "password": password})
    other_network = client_at("2001:db8:1:3::1")
    allowed = other_network.post(LOGIN, {"email": "anna@example.org", "password": password})

    assert locked.context["form"].non_field_errors()[0].startswith(LOCKED)
    assert allowed.status_code == 302
