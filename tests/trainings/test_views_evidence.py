"""Agenda and attendance list of a session: the agenda is for everyone of the
municipality, the attendance list (it may name staff) only for its coordination and the
office."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Role
from tests.helpers import finish, login_verified, minimal_pdf
from tests.trainings.conftest import municipal_user

pytestmark = pytest.mark.django_db


def test_agenda_download_for_the_municipality(client, coordinator, held):
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:agenda_download", args=[held.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert finish(response) == minimal_pdf()


def test_agenda_download_of_another_municipality_answers_404(client, other_coordinator, held):
    login_verified(client, other_coordinator)
    response = client.get(reverse("trainings:agenda_download", args=[held.pk]))
    assert response.status_code == 404


def test_attendance_download_refuses_the_trainer(client, trainer, held):
    login_verified(client, trainer)
    response = client.get(reverse("trainings:attendance_download", args=[held.pk]))
    assert response.status_code == 403


def test_attendance_download_without_a_file_answers_404(client, coordinator, held):
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:attendance_download", args=[held.pk]))
    assert response.status_code == 404


@pytest.fixture
def listed(held):
    """The held session with an attendance list, which may name staff."""
    held.attendance_name = "Teilnahmeliste.pdf"
    held.attendance.save("liste.pdf", ContentFile(minimal_pdf()), save=True)
    return held


@pytest.mark.parametrize("role", [Role.TEAM_MEMBER, Role.ADVISORY, Role.HR])
def test_attendance_download_refuses_other_people_of_the_municipality(
    client, municipality, listed, role
):
    login_verified(client, municipal_user(municipality, role))
    response = client.get(reverse("trainings:attendance_download", args=[listed.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize("role", [Role.TEAM_MEMBER, Role.ADVISORY, Role.HR])
def test_agenda_download_stays_open_to_the_municipality(client, municipality, listed, role):
    login_verified(client, municipal_user(municipality, role))
    response = client.get(reverse("trainings:agenda_download", args=[listed.pk]))
    assert response.status_code == 200
    assert finish(response) == minimal_pdf()


def test_attendance_download_for_the_coordinator(client, coordinator, listed):
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:attendance_download", args=[listed.pk]))
    assert response.status_code == 200
    assert finish(response) == minimal_pdf()


def test_attendance_download_for_the_office(office_client, listed):
    response = office_client.get(reverse("trainings:attendance_download", args=[listed.pk]))
    assert response.status_code == 200
    assert finish(response) == minimal_pdf()


def test_attendance_download_of_another_municipality_answers_404(client, other_coordinator, listed):
    login_verified(client, other_coordinator)
    response = client.get(reverse("trainings:attendance_download", args=[listed.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.TEAM_MEMBER, Role.ADVISORY, Role.HR])
def test_session_detail_hides_the_attendance_list_from_other_people(
    client, municipality, listed, role
):
    login_verified(client, municipal_user(municipality, role))
    response = client.get(reverse("trainings:session_detail", args=[listed.pk]))
    assert response.status_code == 200
    assert reverse("trainings:attendance_download", args=[listed.pk]) not in response.text
    assert "Teilnahmeliste.pdf" not in response.text
    assert reverse("trainings:agenda_download", args=[listed.pk]) in response.text


def test_session_detail_links_the_attendance_list_for_the_coordinator(client, coordinator, listed):
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:session_detail", args=[listed.pk]))
    assert reverse("trainings:attendance_download", args=[listed.pk]) in response.text
