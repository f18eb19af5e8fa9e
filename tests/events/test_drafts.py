"""A new event is a draft until the office publishes it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from core.audit import action_label
from core.models import AuditEntry
from events.models import Event
from tests import factories
from tests.events.helpers import make_event, register
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    return client


def _new_event_data():
    return {
        "title": "Fachtag Vielfalt",
        "place": "Jena",
        "audience": "everyone",
        "capacity": "20",
        "registration_deadline": "2030-04-01T12:00",
        "retention_months": "6",
        "offer_hours": "48",
        "tage-TOTAL_FORMS": "1",
        "tage-INITIAL_FORMS": "0",
        "tage-MIN_NUM_FORMS": "1",
        "tage-MAX_NUM_FORMS": "1000",
        "tage-0-date": "2030-04-20",
        "tage-0-start_time": "10:00",
        "tage-0-end_time": "17:00",
        "fragen-TOTAL_FORMS": "0",
        "fragen-INITIAL_FORMS": "0",
        "fragen-MIN_NUM_FORMS": "0",
        "fragen-MAX_NUM_FORMS": "1000",
    }


def test_saving_a_new_event_leaves_it_a_draft(office):
    response = office.post(reverse("events:office_create"), _new_event_data(), follow=True)
    event = Event.objects.get()
    assert event.published_at is None
    assert [str(m) for m in response.context["messages"]] == [
        "Die Veranstaltung ist als Entwurf gespeichert. Prüfen Sie die Vorschau und "
        "veröffentlichen Sie sie, wenn sie fertig ist."
    ]
    assert office.get(reverse("events:calendar")).context["events"] == []


def test_draft_is_missing_from_the_calendar_for_everyone(client, office):
    make_event(title="Entwurf", published=False)
    published = make_event(title="Fachtag")
    assert [e.pk for e in office.get(reverse("events:calendar")).context["events"]] == [
        published.pk
    ]


@pytest.mark.parametrize("role", [None, Role.COORDINATOR, Role.TRAINER])
def test_draft_detail_and_calendar_file_answer_404_to_the_public(client, role):
    event = make_event(published=False)
    if role:
        login_verified(client, factories.UserFactory(role=role))
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 404
    assert client.get(reverse("events:event_ics", args=[event.pk])).status_code == 404


def test_draft_takes_no_registration():
    event = make_event(published=False)
    with pytest.raises(ValidationError) as raised:
        register(event)
    assert raised.value.messages == ["Für diese Veranstaltung ist keine Anmeldung möglich."]
    assert event.registrations.count() == 0


def test_office_previews_a_draft_without_registration_form(office):
    event = make_event(published=False)
    response = office.get(reverse("events:detail", args=[event.pk]))
    assert response.status_code == 200
    assert response.context["form"] is None
    html = response.content.decode()
    assert 'id="draft-preview"' in html
    assert "Vorschau: Diese Veranstaltung ist noch nicht veröffentlicht." in html


def test_office_publishes_a_draft_once_and_audited(office, client):
    event = make_event(published=False)
    url = reverse("events:office_publish", args=[event.pk])
    office.post(url)
    office.post(url)  # a double click
    event.refresh_from_db()
    assert event.published_at is not None
    entries = list(AuditEntry.objects.filter(action="event_published").values_list("object_id"))
    assert entries == [(str(event.pk),)]
    assert action_label("event_published") == "Veranstaltung veröffentlicht"
    client.logout()
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200


def test_office_event_page_offers_publishing_a_draft(office):
    event = make_event(published=False)
    html = office.get(reverse("events:office_event", args=[event.pk])).content.decode()
    assert "Entwurf – nicht veröffentlicht" in html
    assert reverse("events:office_publish", args=[event.pk]) in html
