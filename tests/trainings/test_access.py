"""Every trainings URL against every role, with the objects the role × URL test gets from
``permission_world.extend``: the declared roles get an answer, others 403, and B's
coordinator 404 for A's session."""

import pytest
from django.utils import timezone

from accounts.models import Role
from tests import factories
from tests.helpers import finish, login_verified
from tests.programme_helpers import model_cohort
from tests.test_permissions import all_patterns, build_path, names_municipal_object, refused
from tests.trainings import permission_world

pytestmark = pytest.mark.django_db

ROLES = [
    "office",
    "reviewer",
    "coordinator",
    "other_coordinator",
    "team_member",
    "advisory",
    "hr",
    "trainer",
]
NAMESPACES = ("trainings:", "trainings_office:")


@pytest.fixture
def world():
    coordinator = factories.CoordinatorFactory()
    other = factories.CoordinatorFactory()
    a = coordinator.municipality

    def member(role):
        return factories.UserFactory(
            role=role, municipality=a, municipality_approved_at=timezone.now()
        )

    world = {
        "users": {
            "office": factories.UserFactory(role=Role.OFFICE),
            "reviewer": factories.UserFactory(role=Role.REVIEWER),
            "coordinator": coordinator,
            "other_coordinator": other,
            "team_member": member(Role.TEAM_MEMBER),
            "advisory": member(Role.ADVISORY),
            "hr": member(Role.HR),
            "trainer": factories.UserFactory(role=Role.TRAINER),
        },
        "call": model_cohort([a, other.municipality]),
        "kwargs": {"per_url": {}},
    }
    permission_world.extend(world)
    return world


def expected(callback, route, role, world):
    if refused(callback, world["users"][role]):
        return {403}
    if role == "other_coordinator" and names_municipal_object(callback, route):
        return {404, 405}
    return {200, 302, 405}


@pytest.mark.parametrize("role", ROLES)
def test_every_trainings_url_answers_each_role_as_declared(client, world, role):
    login_verified(client, world["users"][role])
    wrong = []
    checked = 0
    for name, route, callback in all_patterns():
        if not name or not name.startswith(NAMESPACES):
            continue
        response = client.get(build_path(route, world["kwargs"], name))
        finish(response)
        checked += 1
        allowed = expected(callback, route, role, world)
        if response.status_code not in allowed:
            wrong.append((name, response.status_code, sorted(allowed)))
    assert wrong == []
    assert checked == 23
