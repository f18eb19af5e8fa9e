"""The advisory URLs against every role, with the objects ``permission_world.extend``
adds, as the site-wide role × URL test will walk them."""

import pytest
from django.utils import timezone

from accounts.models import Role
from tests import factories
from tests.advisory import permission_world
from tests.helpers import finish, login_verified
from tests.programme_helpers import model_cohort
from tests.test_permissions import all_patterns, build_path, names_municipal_object, refused

ROLES = [
    "anonymous",
    "office",
    "reviewer",
    "coordinator",
    "other_coordinator",
    "team_member",
    "advisory",
    "trainer",
    "hr",
]


@pytest.fixture
def world(db):
    a, b = factories.MunicipalityFactory(), factories.MunicipalityFactory()
    call = model_cohort([a, b])

    def municipal(role, municipality):
        return factories.UserFactory(
            role=role, municipality=municipality, municipality_approved_at=timezone.now()
        )

    world = {
        "call": call,
        "users": {
            "office": factories.UserFactory(role=Role.OFFICE),
            "reviewer": factories.UserFactory(role=Role.REVIEWER),
            "coordinator": municipal(Role.COORDINATOR, a),
            "other_coordinator": municipal(Role.COORDINATOR, b),
            "team_member": municipal(Role.TEAM_MEMBER, a),
            "advisory": municipal(Role.ADVISORY, a),
            "trainer": factories.UserFactory(role=Role.TRAINER),
            "hr": municipal(Role.HR, a),
        },
        "kwargs": {"per_url": {}},
    }
    permission_world.extend(world)
    return world


def advisory_patterns():
    return [p for p in all_patterns() if p[0].startswith("advisory:")]


def expected(callback, route, role, world):
    if role == "anonymous":
        return {302}
    if refused(callback, world["users"][role]):
        return {403}
    if role == "other_coordinator" and names_municipal_object(callback, route):
        return {404}
    return {200, 302}


def test_extend_registers_distinct_kwargs(world):
    assert set(world["kwargs"]) == {
        "per_url",
        "board_pk",
        "member_pk",
        "meeting_pk",
        "assessment_pk",
        "year_number",
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_advisory_url_answers_each_role_as_declared(client, world, role):
    if role != "anonymous":
        login_verified(client, world["users"][role])
    wrong = []
    for name, route, callback in advisory_patterns():
        response = client.get(build_path(route, world["kwargs"], name))
        finish(response)
        allowed = expected(callback, route, role, world)
        if response.status_code not in allowed:
            wrong.append((name, response.status_code, sorted(allowed)))
    assert wrong == []


@pytest.mark.parametrize("role", ["trainer", "other_coordinator", "team_member", "hr"])
def test_every_advisory_write_is_refused_to_those_who_may_not_make_it(client, world, role):
    login_verified(client, world["users"][role])
    wrong = []
    for name, route, callback in advisory_patterns():
        refusal = expected(callback, route, role, world) - {200, 302}
        if not refusal:
            continue
        response = client.post(build_path(route, world["kwargs"], name), {})
        finish(response)
        if response.status_code not in refusal:
            wrong.append((name, response.status_code, sorted(refusal)))
    assert wrong == []
