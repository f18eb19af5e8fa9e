"""The evaluation's part of the role × URL matrix, walked with the same kind of world the
site-wide matrix builds (people of municipalities A and B, both model municipalities)."""

import pytest

from accounts.models import Role
from core.permissions import PUBLIC
from tests import factories
from tests.evaluation import permission_world
from tests.helpers import finish, login_verified
from tests.programme_helpers import model_cohort
from tests.test_permissions import all_patterns, build_path, names_municipal_object, refused

ROLES = ["anonymous", "office", "reviewer", "coordinator", "other_coordinator"]
ROLES += ["team_member", "advisory", "trainer", "hr"]


def build_world() -> dict:
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


@pytest.fixture
def world(db):
    return build_world()


def expected(name, route, callback, role, world) -> set[int]:
    if callback.access == PUBLIC:
        return {200}
    if role == "anonymous":
        return {302}
    if refused(callback, world["users"][role]):
        return {403}
    if role == "other_coordinator" and names_municipal_object(callback, route):
        return {404}
    return {200, 405}


def evaluation_patterns():
    return [p for p in all_patterns() if p[0].startswith("evaluation:")]


def test_every_evaluation_url_is_walked():
    assert len(evaluation_patterns()) == 30


@pytest.mark.parametrize("role", ROLES)
def test_evaluation_urls_answer_each_role_as_declared(client, world, role):
    if role != "anonymous":
        login_verified(client, world["users"][role])
    wrong = []
    for name, route, callback in evaluation_patterns():
        response = client.get(build_path(route, world["kwargs"], name))
        finish(response)
        allowed = expected(name, route, callback, role, world)
        if response.status_code not in allowed:
            wrong.append((name, response.status_code, sorted(allowed)))
    assert wrong == []


@pytest.mark.parametrize("role", ["anonymous", "trainer", "other_coordinator", "coordinator"])
def test_refused_writes_change_nothing(client, world, role):
    from evaluation.models import Instrument, Item, Response, Survey

    def counts():
        closed = Survey.objects.filter(closed_at__isnull=False).count()
        return [Instrument.objects.count(), Item.objects.count(), Survey.objects.count(), closed]

    before = counts()
    if role != "anonymous":
        login_verified(client, world["users"][role])
    for name, route, callback in evaluation_patterns():
        if callback.access == PUBLIC:
            continue
        finish(client.post(build_path(route, world["kwargs"], name), {}))
    assert counts() == before
    assert Response.objects.count() == 5
