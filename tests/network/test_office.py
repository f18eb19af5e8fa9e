import pytest
from django.urls import reverse

from accounts.models import Role
from core.models import AuditEntry
from network.models import NetworkCoordinator
from tests import factories

ADD = reverse("network_office:coordinator_add")


def test_office_names_a_network_coordinator_by_email(office_client, office_user):
    person = factories.UserFactory(role=Role.TRAINER, email="netz@example.org")
    response = office_client.post(ADD, {"email": " Netz@Example.org "})
    assert response.status_code == 302
    coordinator = NetworkCoordinator.objects.get()
    assert (coordinator.user, coordinator.appointed_by) == (person, office_user)
    assert AuditEntry.objects.filter(action="network.coordinator_appoint").count() == 1


def test_naming_twice_is_harmless(office_client):
    factories.UserFactory(email="netz@example.org")
    office_client.post(ADD, {"email": "netz@example.org"})
    office_client.post(ADD, {"email": "netz@example.org"})
    assert NetworkCoordinator.objects.count() == 1
    assert AuditEntry.objects.filter(action="network.coordinator_appoint").count() == 1


def test_an_unknown_address_is_refused_at_the_field(office_client):
    response = office_client.post(ADD, {"email": "niemand@example.org"})
    assert response.context["form"].errors == {
        "email": ["Es gibt kein Konto mit dieser E-Mail-Adresse."]
    }
    assert NetworkCoordinator.objects.count() == 0


def test_a_deactivated_account_is_refused(office_client):
    factories.UserFactory(email="weg@example.org", is_active=False)
    response = office_client.post(ADD, {"email": "weg@example.org"})
    assert response.context["form"].errors == {"email": ["Dieses Konto ist deaktiviert."]}


def test_office_removes_a_network_coordinator(office_client):
    coordinator = NetworkCoordinator.objects.create(user=factories.UserFactory())
    url = reverse("network_office:coordinator_remove", args=[coordinator.pk])
    assert office_client.get(url).status_code == 200
    response = office_client.post(url)
    assert response.status_code == 302
    assert NetworkCoordinator.objects.count() == 0
    assert AuditEntry.objects.filter(action="network.coordinator_remove").count() == 1


def test_office_index_lists_coordinators_and_cohorts(office_client, call):
    NetworkCoordinator.objects.create(user=factories.UserFactory(full_name="Derya Netz"))
    response = office_client.get(reverse("network_office:index"))
    assert [c.user.full_name for c in response.context["coordinators"]] == ["Derya Netz"]
    assert response.context["calls"] == [call]


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.TRAINER, Role.REVIEWER])
def test_only_the_office_names_coordinators(db, login, role):
    person = factories.UserFactory(email="netz@example.org")
    client = login(factories.UserFactory(role=role))
    assert client.post(ADD, {"email": person.email}).status_code == 403
    assert NetworkCoordinator.objects.count() == 0
