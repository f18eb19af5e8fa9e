import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from accounts.second_factor import recovery_codes_replace
from core.models import AuditEntry
from tests import factories
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

OTP = reverse("accounts:otp")
SETUP = reverse("accounts:otp_setup")


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def office_with_device(client, password):
    user = factories.UserFactory(role=Role.OFFICE, email="buero@example.org")
    device = TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=True)
    recovery_codes_replace(user=user, tokens=["erstcode", "zweitcod"])
    client.post(reverse("accounts:login"), {"email": "buero@example.org", "password": password})
    return user, device


def test_otp_setup_shows_qr_code_and_secret(client):
    user = factories.UserFactory(role=Role.REVIEWER)
    client.force_login(user)

    response = client.get(SETUP)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg role="img" aria-label="QR-Code für die Authenticator-App"' in html
    assert "style=" not in html
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed is False
    assert response.context["secret"].replace(" ", "") in html.replace(" ", "")


def test_otp_setup_confirm_shows_ten_recovery_codes_once(client):
    user = factories.UserFactory(role=Role.OFFICE)
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)

    response = client.post(SETUP, {"code": code_for(device), "next": "/geschaeftsstelle/"})
    codes_page = client.get(response.url)
    download = client.get(reverse("accounts:otp_recovery_codes_download"))
    done = client.post(response.url)
    again = client.get(response.url)

    device.refresh_from_db()
    assert device.confirmed is True
    assert (
        response.url == "/konto/zweiter-faktor/wiederherstellungscodes/?next=%2Fgeschaeftsstelle%2F"
    )
    assert len(codes_page.context["codes"]) == 10
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert codes_page.context["codes"][0] in download.content.decode()
    assert done.url == "/geschaeftsstelle/"
    assert again.status_code == 302
    assert client.get("/geschaeftsstelle/").status_code == 200
    assert AuditEntry.objects.filter(action="account.second_factor_set_up").count() == 1


def test_otp_setup_wrong_code_shows_german_error_at_field(client):
    user = factories.UserFactory(role=Role.OFFICE)
    client.force_login(user)
    client.get(SETUP)

    response = client.post(SETUP, {"code": "000000"})

    assert response.context["form"].errors["code"] == [
        "Der Code stimmt nicht. Bitte geben Sie den aktuellen Code aus Ihrer App ein."
    ]
    assert TOTPDevice.objects.get(user=user).confirmed is False


def test_otp_setup_needs_current_device_to_replace_it(client, office_with_device):
    response = client.get(SETUP)

    assert response.status_code == 302
    assert response.url.startswith(OTP)


def test_otp_totp_code_accepted(client, office_with_device):
    _user, device = office_with_device

    response = client.post(OTP, {"code": code_for(device), "next": "/geschaeftsstelle/"})

    assert response.status_code == 302
    assert response.url == "/geschaeftsstelle/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/geschaeftsstelle/").status_code == 200


def test_otp_wrong_code_refused(client, office_with_device):
    response = client.post(OTP, {"code": "123456"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "Der Code stimmt nicht. Bitte geben Sie den aktuellen Code aus Ihrer App ein."
    ]
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_otp_recovery_code_works_once(client, office_with_device):
    user, _device = office_with_device

    first = client.post(OTP, {"code": "ERST-CODE"})
    client.post(reverse("accounts:logout"))
    client.post(
        reverse("accounts:login"),
        {"email": "buero@example.org", "password": factories.PASSWORD},
    )
    second = client.post(OTP, {"code": "erstcode"})

    assert first.status_code == 302
    assert StaticToken.objects.filter(device__user=user).count() == 1
    assert second.status_code == 200
    assert second.context["form"].errors["code"] == [
        "Der Code stimmt nicht. Bitte geben Sie den aktuellen Code aus Ihrer App ein."
    ]


def test_otp_wrong_codes_lock(client, office_with_device):
    user, device = office_with_device
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
        client.post(OTP, {"code": "000000"})
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)

    response = client.post(OTP, {"code": code_for(device)})

    assert response.status_code == 200
    assert (
        response.context["form"].errors["code"][0].startswith("Zu viele fehlgeschlagene Versuche.")
    )
    assert AuditEntry.objects.filter(action="account.locked", object_id=str(user.pk)).count() == 1


def test_otp_optional_device_is_asked_for_at_login(client, password):
    user = factories.UserFactory(email="koordination@example.org")
    TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=True)

    response = client.post(
        reverse("accounts:login"), {"email": "koordination@example.org", "password": password}
    )
    blocked = client.get(reverse("accounts:profile"))

    assert response.url == "/konto/zweiter-faktor/?next=%2Fmein-bereich%2F"
    assert blocked.status_code == 302


def test_otp_not_required_for_coordinator_without_device(client, password):
    factories.UserFactory(email="koordination@example.org")

    client.post(
        reverse("accounts:login"), {"email": "koordination@example.org", "password": password}
    )

    assert client.get(reverse("accounts:profile")).status_code == 200


def test_security_regenerates_recovery_codes(client):
    user = factories.UserFactory(role=Role.REVIEWER)
    login_verified(client, user)
    recovery_codes_replace(user=user, tokens=["altercod"])

    response = client.post(reverse("accounts:recovery_codes_new"))
    page = client.get(response.url)

    codes = [c.replace("-", "") for c in page.context["codes"]]
    assert len(codes) == 10
    assert sorted(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    ) == sorted(codes)
    assert "altercod" not in codes
    assert AuditEntry.objects.filter(action="account.recovery_codes_regenerated").count() == 1


def test_security_page_shows_remaining_codes(client):
    user = factories.UserFactory(role=Role.REVIEWER)
    login_verified(client, user)
    recovery_codes_replace(user=user, tokens=["eins1111", "zwei2222"])

    response = client.get(reverse("accounts:security"))

    assert response.context["remaining"] == 2
    assert re.search(r"noch 2 unbenutzte Wiederherstellungscodes", response.content.decode())


def test_otp_right_code_during_back_off_names_the_seconds_left(client, office_with_device):
    _user, device = office_with_device
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=3, throttling_failure_timestamp=timezone.now()
    )

    response = client.post(OTP, {"code": code_for(device)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "Bitte warten Sie noch 4 Sekunden und geben Sie dann den aktuellen Code ein."
    ]
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_otp_right_code_just_after_a_wrong_one_names_one_second(client, office_with_device):
    _user, device = office_with_device
    client.post(OTP, {"code": "000000"})

    response = client.post(OTP, {"code": code_for(device)})

    assert response.context["form"].errors["code"] == [
        "Bitte warten Sie noch 1 Sekunde und geben Sie dann den aktuellen Code ein."
    ]


def test_otp_wait_message_in_english(client, office_with_device):
    _user, device = office_with_device
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=2, throttling_failure_timestamp=timezone.now()
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(OTP, {"code": code_for(device)})

    assert response.context["form"].errors["code"] == [
        "Please wait 2 more seconds and then enter the current code."
    ]


def test_otp_right_code_accepted_once_the_wait_is_over(client, office_with_device):
    _user, device = office_with_device
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=1,
        throttling_failure_timestamp=timezone.now() - dt.timedelta(seconds=2),
    )

    response = client.post(OTP, {"code": code_for(device)})

    assert response.status_code == 302
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
