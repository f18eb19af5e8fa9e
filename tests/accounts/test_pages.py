"""Every account page renders for the people who may see it, with exactly one h1."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests import factories
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "accounts:login",
    "accounts:register",
    "accounts:register_done",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
]
PERSONAL_PAGES = ["accounts:profile", "accounts:password_change", "accounts:security"]
OFFICE_PAGES = ["accounts:invitation_list", "accounts:user_list"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_renders(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize("name", PERSONAL_PAGES)
def test_personal_page_renders(client, name):
    client.force_login(factories.CoordinatorFactory())

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize("name", OFFICE_PAGES)
def test_office_page_renders(office_client, name):
    response = office_client.get(reverse(name))

    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


def test_every_account_view_declares_its_access():
    from django.urls import get_resolver

    resolver = get_resolver()
    patterns = resolver.url_patterns
    accounts = next(p for p in patterns if getattr(p, "app_name", None) == "accounts")

    undeclared = [p.name for p in accounts.url_patterns if not hasattr(p.callback, "access")]

    assert undeclared == []


def test_otp_page_needs_login(client):
    response = client.get(reverse("accounts:otp"))

    assert response.status_code == 302
    assert response.url.startswith("/konto/anmelden/")


def test_user_edit_page_renders(office_client):
    person = factories.UserFactory(role=Role.TRAINER)

    response = office_client.get(reverse("accounts:user_edit", args=[person.pk]))

    assert response.status_code == 200
    assert response.context["form"].initial["role"] == Role.TRAINER


def test_security_page_for_reviewer_without_codes(client):
    login_verified(client, factories.UserFactory(role=Role.REVIEWER))

    response = client.get(reverse("accounts:security"))

    assert response.context["remaining"] == 0
    assert response.context["remaining_low"] is True
