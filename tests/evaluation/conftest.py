import pytest

from accounts.models import Role
from tests import factories
from tests.evaluation import helpers
from tests.helpers import login_verified
from tests.programme_helpers import model_cohort


@pytest.fixture
def muni_a(db):
    return factories.MunicipalityFactory(name="Musterstadt")


@pytest.fixture
def muni_b(db):
    return factories.MunicipalityFactory(name="Andersdorf")


@pytest.fixture
def call(muni_a, muni_b):
    return model_cohort([muni_a, muni_b])


@pytest.fixture
def office(db):
    return factories.UserFactory(role=Role.OFFICE)


@pytest.fixture
def coordinator_a(muni_a):
    return factories.CoordinatorFactory(municipality=muni_a)


@pytest.fixture
def version(db):
    return helpers.instrument()


@pytest.fixture
def login(client):
    def log_in(user):
        login_verified(client, user)
        return client

    return log_in
