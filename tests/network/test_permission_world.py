"""The network's part of the role × URL matrix, walked here with the same world the
site-wide matrix builds (people of municipalities A and B, both model municipalities)."""

import pytest
from django.urls import reverse

from accounts.models import Role
from core.permissions import PUBLIC
from tests import factories
from tests.helpers import finish, login_verified
from tests.network import permission_world
from tests.programme_helpers import model_cohort
from tests.test_permissions import all_patterns, build_path, names_municipal_object, refused

ROLES = ["office", "reviewer", "coordinator", "other_coordinator", "team_member", "advisory"]
ROLES += ["trainer", "hr"]


@pytest.fixture
def world(db):
    a = factories.MunicipalityFactory()
    b = factories.MunicipalityFactory()
    users = {
        "office": factories.UserFactory(role=Role.OFFICE),
        "reviewer": factories.UserFactory(role=Role.REVIEWER),
        "coordinator": factories.CoordinatorFactory(municipality=a),
        "other_coordinator": factories.CoordinatorFactory(municipality=b),
        "trainer": factories.UserFactory(role=Role.TRAINER),
    }
    for role in ("team_member", "advisory", "hr"):
        users[role] = factories.CoordinatorFactory(role=role, municipality=a)
    world = {"users": users, "call": model_cohort([a, b]), "kwargs": {}}
    permission_world.extend(world)
    return world


def expected(name, route, callback, role, world) -> set[int]:
    if callback.access == PUBLIC:
        return {200, 302}
    if refused(callback, world["users"][role]):
        return {403}
    if role == "other_coordinator" and names_municipal_object(callback, route):
        return {404}
    return {200, 302}


def network_patterns():
    return [p for p in all_patterns() if p[0].split(":")[0] in ("network", "network_office")]


# Pages for members and network coordinators only (membership is not a role).
CLOSED = {
    "network:members",
    "network:visibility",
    "network:space",
    "network:announcement_create",
    "network:document_create",
    "network:document_download",
    "network:workshops",
    "network:signup_add",
    "network:signup_remove",
    "network:national_workshops",
    "network:national_workshop_create",
    "network:national_workshop_edit",
    "network:national_workshop_held",
    "network:national_workshop_cancel",
}


def test_closed_pages_are_the_ones_whose_rule_refuses_everyone_of_the_world(world):
    """The walk takes its 403s from the views' rules; this says which pages those are,
    so a rule dropped from a closed page fails here rather than opening it."""
    closed = {
        name
        for name, _route, callback in network_patterns()
        if callback.access != PUBLIC
        and all(refused(callback, user) for user in world["users"].values())
    }
    assert closed == CLOSED


def test_every_network_url_is_walked():
    assert len(network_patterns()) == 32


@pytest.mark.parametrize("role", ROLES)
def test_network_urls_answer_each_role_as_declared(client, world, role):
    login_verified(client, world["users"][role])
    wrong = []
    for name, route, callback in network_patterns():
        response = client.get(build_path(route, world["kwargs"], name))
        finish(response)
        allowed = expected(name, route, callback, role, world)
        if response.status_code not in allowed:
            wrong.append((name, response.status_code, sorted(allowed)))
    assert wrong == []


def test_anonymous_people_are_sent_to_log_in(client, world):
    for name, route, _callback in network_patterns():
        response = client.get(build_path(route, world["kwargs"], name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login")), name
