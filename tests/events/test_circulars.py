"""The office's circular to an event's registrants: preview with the count, sent once on
a double click, the waiting list only when asked, recipients kept until the event's
registrations are anonymised, and the circulars listed on the page."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Circular, CircularRecipient
from events.models import Status
from events.services import retention_ends
from tests import factories
from tests.events.helpers import make_event, register
from tests.programme_helpers import office_log_in

pytestmark = pytest.mark.django_db

TEXT = {"subject": "Raumänderung", "body": "Der Fachtag findet in Saal 2 statt."}


@pytest.fixture
def event():
    event = make_event(
        title="Fachtag",
        capacity=2,
        days=[dt.date(2026, 11, 18), dt.date(2026, 11, 19)],
    )
    register(event, "Anna Angemeldet", email="anna@example.org")
    register(event, "Ben Angemeldet", email="ben@example.org")
    waiting = register(event, "Wanda Warteliste", email="wanda@example.org")
    assert waiting.registration.status == Status.WAITING
    return event


def url(event):
    return reverse("events:office_circular", kwargs={"event_pk": event.pk})


def test_event_circular_preview_says_how_many_people_it_reaches(client, event):
    office_log_in(client)

    response = client.post(url(event), TEXT)

    html = response.content.decode()
    assert response.status_code == 200
    assert "An 2 Personen senden" in html
    assert "Alle Angemeldeten: Fachtag (18.11.2026, 19.11.2026)" in html
    assert Circular.objects.count() == 0


def test_event_circular_reaches_the_confirmed_registrants_in_the_record(
    client, event, django_capture_on_commit_callbacks
):
    office = office_log_in(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(event), {**TEXT, "senden": "1", "anzahl": "2"})

    circular = Circular.objects.get()
    assert response.status_code == 302
    assert (circular.sender, circular.recipient_count, circular.topic) == (
        office,
        2,
        f"events.event:{event.pk}",
    )
    assert circular.audience == "Alle Angemeldeten: Fachtag (18.11.2026, 19.11.2026)"
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anna@example.org",
        "ben@example.org",
    ]
    assert "Der Fachtag findet in Saal 2 statt." in mail.outbox[0].body


def test_event_circular_double_click_sends_once(client, event, django_capture_on_commit_callbacks):
    office_log_in(client)
    data = {**TEXT, "senden": "1", "anzahl": "2"}

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url(event), data)
        second = client.post(url(event), data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert Circular.objects.count() == 1
    assert len(mail.outbox) == 2


def test_event_circular_includes_the_waiting_list_only_when_asked(
    client, event, django_capture_on_commit_callbacks
):
    office_log_in(client)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(event), {**TEXT, "include_waiting": "on", "senden": "1", "anzahl": "3"})

    assert sorted(message.to[0] for message in mail.outbox) == [
        "anna@example.org",
        "ben@example.org",
        "wanda@example.org",
    ]
    assert Circular.objects.get().audience == (
        "Alle Angemeldeten und die Warteliste: Fachtag (18.11.2026, 19.11.2026)"
    )


def test_event_circular_with_a_changed_count_shows_the_preview_again(client, event):
    office_log_in(client)

    response = client.post(url(event), {**TEXT, "senden": "1", "anzahl": "1"})

    assert response.status_code == 200
    assert "Die Zahl der Empfänger*innen hat sich geändert" in response.content.decode()
    assert Circular.objects.count() == 0


def test_event_circular_keeps_its_recipients_until_the_registrations_are_anonymised(client, event):
    office_log_in(client)

    client.post(url(event), {**TEXT, "senden": "1", "anzahl": "2"})

    circular = Circular.objects.get()
    assert circular.recipients_kept_until == retention_ends(event)
    assert sorted(CircularRecipient.objects.values_list("email", flat=True)) == [
        "anna@example.org",
        "ben@example.org",
    ]


def test_event_circular_without_subject_says_so_at_the_field(client, event):
    office_log_in(client)

    response = client.post(url(event), {"subject": "", "body": "Text"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "subject": ["Dieses Feld ist zwingend erforderlich."]
    }


def test_event_circular_is_refused_to_a_coordinator(client, event):
    from tests.helpers import login_verified

    login_verified(client, factories.CoordinatorFactory())

    assert client.get(url(event)).status_code == 403


def _queries_for(client, event, count: int) -> int:
    for number in range(count):
        client.post(
            url(event), {**TEXT, "subject": f"Hinweis {number}", "senden": "1", "anzahl": "2"}
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(event))
    assert response.context["circulars"].count() == count
    Circular.objects.all().delete()
    return len(queries)


def test_event_circular_page_queries_do_not_grow_with_circulars(client, event):
    office_log_in(client)

    assert _queries_for(client, event, 1) == _queries_for(client, event, 3)
