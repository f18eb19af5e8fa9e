import pytest
from django.urls import reverse

from accounts.models import Role
from kfa.menu import MainMenu, main_menu_for
from network.models import NetworkCoordinator
from tests import factories
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db


def _menu_html(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("accounts:profile")).content.decode()


def test_new_coordinator_sees_neither_network_nor_programme_area(client, coordinator):
    html = _menu_html(client, coordinator)
    assert reverse("network:index") not in html
    assert reverse("programme_area") not in html


def test_coordinator_of_a_model_municipality_sees_programme_area_and_network(client, coordinator):
    model_cohort([coordinator.municipality])
    html = _menu_html(client, coordinator)
    assert reverse("programme_area") in html
    assert reverse("network:index") in html


def test_advisory_member_of_a_model_municipality_sees_programme_area_but_not_network(
    coordinator,
):
    model_cohort([coordinator.municipality])
    advisor = factories.CoordinatorFactory(
        municipality=coordinator.municipality, role=Role.ADVISORY
    )
    assert main_menu_for(advisor) == MainMenu(programme_area=True, network=False)


def test_network_coordinator_without_municipality_sees_network(db):
    person = factories.UserFactory(role=Role.TRAINER)
    NetworkCoordinator.objects.create(user=person)
    assert main_menu_for(person) == MainMenu(programme_area=False, network=True)


def test_office_sees_network_without_a_query(django_assert_num_queries, office_user):
    with django_assert_num_queries(0):
        assert main_menu_for(office_user) == MainMenu(programme_area=False, network=True)


def test_simple_page_costs_one_query_more_for_the_menu(
    client, coordinator, django_assert_num_queries
):
    model_cohort([coordinator.municipality])
    client.force_login(coordinator)
    # Session and account (2), and the menu (1).
    with django_assert_num_queries(5):
        assert client.get(reverse("accounts:profile")).status_code == 200


def test_coordinator_of_a_model_municipality_finds_the_applications_in_the_menu(
    client, coordinator
):
    model_cohort([coordinator.municipality])

    html = _menu_html(client, coordinator)

    assert f'href="{reverse("applications:index")}"' in html


def test_applicant_reaches_the_applications_through_my_area_not_a_second_entry(client, coordinator):
    html = _menu_html(client, coordinator)

    assert f'href="{reverse("applications:index")}"' not in html


def test_team_member_of_a_model_municipality_gets_no_applications_entry(coordinator):
    model_cohort([coordinator.municipality])
    person = factories.CoordinatorFactory(
        municipality=coordinator.municipality, role=Role.TEAM_MEMBER
    )

    assert main_menu_for(person) == MainMenu(programme_area=True, network=True)
