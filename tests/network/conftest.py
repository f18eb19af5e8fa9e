import pytest

from accounts.models import Role
from tests import factories
from tests.helpers import login_verified
from tests.network.helpers import staff
from tests.programme_helpers import model_cohort


@pytest.fixture
def muni_a(db):
    return factories.MunicipalityFactory(name="Musterstadt")


@pytest.fixture
def muni_b(db):
    return factories.MunicipalityFactory(name="Andersdorf")


@pytest.fixture
def call(muni_a, muni_b):
    """A released cohort with both municipalities as model municipalities."""
    return model_cohort([muni_a, muni_b])


@pytest.fixture
def coordinator_a(call, muni_a):
    return staff(muni_a, role=Role.COORDINATOR)


@pytest.fixture
def coordinator_b(call, muni_b):
    return staff(muni_b, role=Role.COORDINATOR)


@pytest.fixture
def hr_a(call, muni_a):
    return staff(muni_a, role=Role.HR)


@pytest.fixture
def team_member_a(call, muni_a):
    return staff(muni_a, role=Role.TEAM_MEMBER)


@pytest.fixture
def login(client):
    def log_in(user):
        login_verified(client, user)
        return client

    return log_in
