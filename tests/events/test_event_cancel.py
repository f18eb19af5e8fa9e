"""The office cancels a whole event: everyone registered is told, registrations end."""

import pytest
from django.urls import reverse

from accounts.models import Role
from core.audit import action_label
from core.models import AuditEntry
from events.models import Status
from tests import factories
from tests.events.helpers import make_event, register
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

MESSAGE = "Wegen Krankheit der Referentin fällt der Fachtag aus."


@pytest.fixture
def office(client):
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    return client


def test_cancelling_an_event_mails_everyone_registered_and_ends_the_registrations(
    office, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    register(event, "Alex A")
    offered = register(event, "Berit B").registration
    register(event, "Cem C")  # on the waiting list
    Registration = type(offered)
    Registration.objects.filter(pk=offered.pk).update(status=Status.OFFERED)
    register(event, "Dora D", known_address="")  # address not confirmed: no mail
    mailoutbox.clear()
    url = reverse("events:office_event_cancel", args=[event.pk])
    page = office.get(url)
    assert page.status_code == 200
    assert page.context["active"] == 4
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(url, {"message": MESSAGE})
    assert response["Location"] == reverse("events:office_event", args=[event.pk])
    event.refresh_from_db()
    assert event.cancelled_at is not None
    assert set(event.registrations.values_list("status", flat=True)) == {Status.CANCELLED}
    assert sorted(m.to[0] for m in mailoutbox) == [
        "alex@example.org",
        "berit@example.org",
        "cem@example.org",
    ]
    assert {m.subject for m in mailoutbox} == {"Veranstaltung abgesagt: Netzwerktreffen"}
    assert MESSAGE in mailoutbox[0].body
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["event_cancelled"]
    assert action_label("event_cancelled") == "Veranstaltung abgesagt"


def test_cancelling_needs_a_message(office):
    event = make_event()
    response = office.post(reverse("events:office_event_cancel", args=[event.pk]), {"message": ""})
    assert response.context["form"].errors == {
        "message": ["Bitte schreiben Sie eine Nachricht an die Angemeldeten."]
    }
    event.refresh_from_db()
    assert event.cancelled_at is None


def test_cancelling_twice_mails_once(office, mailoutbox, django_capture_on_commit_callbacks):
    event = make_event()
    register(event, "Alex A")
    mailoutbox.clear()
    url = reverse("events:office_event_cancel", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        office.post(url, {"message": MESSAGE})
        office.post(url, {"message": MESSAGE})
    assert len(mailoutbox) == 1
    assert AuditEntry.objects.filter(action="event_cancelled").count() == 1


def test_cancelled_event_shows_abgesagt_publicly_and_takes_no_registration(client):
    event = make_event()
    event.cancelled_at = event.published_at
    event.save(update_fields=["cancelled_at"])
    detail = client.get(reverse("events:detail", args=[event.pk]))
    html = detail.content.decode()
    assert detail.context["form"] is None
    assert '<span class="kern-label">abgesagt</span>' in html
    assert "Diese Veranstaltung ist abgesagt." in html
    calendar = client.get(reverse("events:calendar")).content.decode()
    assert '<span class="kern-label">abgesagt</span>' in calendar
