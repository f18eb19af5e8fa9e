"""The office's pages of an event for network members only: counts in bands of five,
never below five, and no names, addresses or municipalities anywhere."""

import pytest
from django.urls import reverse

from events.models import Audience
from tests.events.helpers import make_event, register
from tests.helpers import finish
from tests.network.helpers import member, members


@pytest.fixture
def event(call, muni_a):
    event = make_event(audience=Audience.NETWORK_MEMBERS, title="Netzwerktreffen")
    for person in [member(muni_a, full_name="Aylin Beispiel"), *members(muni_a, 5)]:
        register(event, name=person.full_name, email=person.email, user=person)
    return event


def test_office_event_page_shows_no_names_nor_municipalities(office_client, event, muni_a):
    response = office_client.get(reverse("events:office_event", args=[event.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aylin" not in html
    assert muni_a.name not in html
    assert "@" not in html.split("<main", 1)[1].split("</main>")[0]


def test_office_event_page_shows_counts_in_bands(office_client, event):
    response = office_client.get(reverse("events:office_event", args=[event.pk]))
    assert response.context["counts"] == [
        ("Wartet auf Bestätigung der E-Mail-Adresse", "weniger als 5"),
        ("Bestätigt", "5 bis 9"),
        ("Warteliste", "weniger als 5"),
        ("Wartet auf Freigabe", "weniger als 5"),
        ("Platz angeboten", "weniger als 5"),
    ]


def test_office_event_list_shows_the_banded_counts(office_client, event):
    response = office_client.get(reverse("events:office_index"))
    [shown] = [e for e in response.context["events"] if e.pk == event.pk]
    assert (shown.n_confirmed, shown.n_waiting) == ("5 bis 9", "weniger als 5")


@pytest.mark.parametrize(
    "url_name",
    ["events:office_export_csv", "events:office_export_xlsx", "events:office_attendee_pdf"],
)
def test_office_lists_of_a_members_only_event_answer_404(office_client, event, url_name):
    response = office_client.get(reverse(url_name, args=[event.pk]))
    finish(response)
    assert response.status_code == 404


def test_office_attendance_of_a_members_only_event_answers_404(office_client, event):
    day = event.days.first()
    response = office_client.get(reverse("events:office_attendance", args=[event.pk, day.pk]))
    assert response.status_code == 404


def test_office_check_in_of_a_members_only_event_answers_404(office_client, event):
    day = event.days.first()
    registration = event.registrations.first()
    url = reverse("events:office_check_in", args=[event.pk, day.pk, registration.pk])
    assert office_client.post(url).status_code == 404
    assert registration.attendances.exists() is False
