import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken

from accounts.demo import DEMO_PASSWORD, demo_account_once, demo_totp_code, ensure_demo_users
from accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_ensure_demo_users_creates_one_per_role(municipality):
    logins = ensure_demo_users(municipality_for_coordinator=municipality)

    assert set(logins) == set(Role)
    assert logins[Role.OFFICE] == ("buero@kommunen-fuer-alle.example", DEMO_PASSWORD)
    coordinator = User.objects.get(email=logins[Role.COORDINATOR][0])
    assert coordinator.approved_municipality_id == municipality.pk
    assert User.objects.get(email=logins[Role.TRAINER][0]).municipality is None


def test_ensure_demo_users_is_idempotent_and_restores_codes(municipality):
    ensure_demo_users(municipality_for_coordinator=municipality)
    office = User.objects.get(email="buero@kommunen-fuer-alle.example")
    StaticToken.objects.filter(device__user=office).first().delete()

    ensure_demo_users(municipality_for_coordinator=municipality)

    assert User.objects.count() == len(Role)
    assert StaticToken.objects.filter(device__user=office).count() == 10


def test_demo_office_login_completes_with_demo_code(client, municipality):
    ensure_demo_users(municipality_for_coordinator=municipality)
    office = User.objects.get(email="buero@kommunen-fuer-alle.example")

    client.post(
        reverse("accounts:login"),
        {"email": "buero@kommunen-fuer-alle.example", "password": DEMO_PASSWORD},
    )
    response = client.post(
        reverse("accounts:otp"), {"code": demo_totp_code(office), "next": "/geschaeftsstelle/"}
    )

    assert response.url == "/geschaeftsstelle/"
    assert DEVICE_ID_SESSION_KEY in client.session


def test_demo_logins_command_prints_credentials(municipality, capsys):
    ensure_demo_users(municipality_for_coordinator=municipality)

    call_command("demo_logins")

    out = capsys.readouterr().out
    assert "buero@kommunen-fuer-alle.example" in out
    assert "koordination@demo.kommunen-fuer-alle.example" in out
    assert DEMO_PASSWORD in out
    assert "buerodemo01" in out
    assert "gutachtendemo10" in out


def test_demo_logins_command_prints_the_demo_mailbox_at_the_site_address(
    municipality, capsys, settings
):
    settings.SITE_URL = "http://127.0.0.1:8101"
    ensure_demo_users(municipality_for_coordinator=municipality)

    call_command("demo_logins")

    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "  http://127.0.0.1:8101/demo-postfach/"


def _team_member_once(municipality, password: str) -> User:
    return demo_account_once(
        email="team@demo.example",
        full_name="Team Demo",
        role=Role.TEAM_MEMBER,
        municipality=municipality,
        password=password,
        now=timezone.now(),
    )


def test_demo_account_once_makes_an_approved_account_with_the_password(municipality):
    user = _team_member_once(municipality, "Erstes-Passwort-1!")

    assert (user.role, user.approved_municipality_id) == (Role.TEAM_MEMBER, municipality.pk)
    assert user.check_password("Erstes-Passwort-1!") is True


def test_demo_account_once_leaves_an_existing_account_as_it_is(municipality):
    first = _team_member_once(municipality, "Erstes-Passwort-1!")

    again = _team_member_once(municipality, "Anderes-Passwort-2!")

    again.refresh_from_db()
    assert again.pk == first.pk
    assert again.check_password("Erstes-Passwort-1!") is True
