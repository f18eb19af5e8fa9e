"""Where a person lands after log-in: the start page of what they can use."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests import factories
from tests.helpers import login_verified
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
DASHBOARD = reverse("core:dashboard")


def _landing(client, user) -> str:
    login_verified(client, user)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    return response.url


def test_coordinator_of_a_model_municipality_lands_in_the_programme_area(client, coordinator):
    model_cohort([coordinator.municipality])

    assert _landing(client, coordinator) == reverse("programme_area")


@pytest.mark.parametrize("role", [Role.TEAM_MEMBER, Role.ADVISORY, Role.HR])
def test_people_of_a_model_municipality_land_in_the_programme_area(client, coordinator, role):
    model_cohort([coordinator.municipality])
    person = factories.CoordinatorFactory(municipality=coordinator.municipality, role=role)

    assert _landing(client, person) == reverse("programme_area")


def test_applicant_coordinator_lands_on_the_applications(client, coordinator):
    assert _landing(client, coordinator) == reverse("applications:index")


def test_coordinator_before_the_decision_is_released_lands_on_the_applications(client, coordinator):
    model_cohort([coordinator.municipality], released=False)

    assert _landing(client, coordinator) == reverse("applications:index")


def test_coordinator_of_another_model_municipality_does_not_land_in_the_programme_area(
    client, coordinator, other_municipality
):
    model_cohort([other_municipality])

    assert _landing(client, coordinator) == reverse("applications:index")


def test_office_lands_on_the_office_start_page(client, office_user):
    assert _landing(client, office_user) == reverse("office:index")


def test_reviewer_lands_on_the_assignments(client):
    reviewer = factories.UserFactory(role=Role.REVIEWER)

    assert _landing(client, reviewer) == reverse("reviews:my_assignments")


def test_trainer_lands_on_the_trainer_sessions(client):
    trainer = factories.UserFactory(role=Role.TRAINER)

    assert _landing(client, trainer) == reverse("trainings:trainer_sessions")


def test_team_member_outside_the_programme_sees_the_plain_start_page(client, coordinator):
    person = factories.CoordinatorFactory(
        municipality=coordinator.municipality, role=Role.TEAM_MEMBER
    )
    client.force_login(person)

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    assert response.templates[0].name == "core/dashboard.html"


def test_log_in_of_a_model_municipality_coordinator_ends_in_the_programme_area(
    client, coordinator, password
):
    model_cohort([coordinator.municipality])

    response = client.post(LOGIN, {"email": coordinator.email, "password": password}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("programme_area")
    assert response.status_code == 200


def test_log_in_keeps_next_inside_the_site(client, coordinator, password):
    model_cohort([coordinator.municipality])

    response = client.post(
        LOGIN, {"email": coordinator.email, "password": password, "next": "/schulungen/termine/"}
    )

    assert response.url == "/schulungen/termine/"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "http://testserver/kommunen/",
        "/\\evil.example/",
        "kommunen/",
        "javascript:alert(1)",
    ],
)
def test_log_in_ignores_next_that_is_not_a_path_of_this_site(client, coordinator, password, target):
    response = client.post(
        LOGIN, {"email": coordinator.email, "password": password, "next": target}
    )

    assert response.url == DASHBOARD
