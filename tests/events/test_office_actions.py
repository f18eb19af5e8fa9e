"""The office cancels a registration, registers someone by phone and moves someone up
from the waiting list: each mailed, audited in German and harmless when sent twice."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import Role
from core.audit import action_label
from core.models import AuditEntry
from events.models import Registration, Status
from tests import factories
from tests.events.helpers import make_event, register
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    return client


def _actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


# --- cancel a registration ------------------------------------------------------------


def test_office_cancels_a_registration_with_reason_mail_and_waiting_list_moving_on(
    office, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    first = register(event, "Alex A").registration
    second = register(event, "Berit B").registration
    mailoutbox.clear()
    url = reverse("events:office_registration_cancel", args=[event.pk, first.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(url, {"reason": "Doppelt angemeldet"})
    assert response["Location"] == reverse("events:office_event", args=[event.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.cancel_reason) == (Status.CANCELLED, "Doppelt angemeldet")
    assert second.status == Status.OFFERED
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["alex@example.org"], "Abgesagt: Netzwerktreffen"),
        (["berit@example.org"], "Ein Platz ist frei: Netzwerktreffen"),
    ]
    assert "Grund: Doppelt angemeldet" in mailoutbox[0].body
    assert _actions() == ["event_registration_cancelled"]
    assert action_label("event_registration_cancelled") == (
        "Anmeldung zur Veranstaltung von der Geschäftsstelle abgesagt"
    )


def test_office_cancel_sent_twice_mails_and_records_once(
    office, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event()
    registration = register(event, "Alex A").registration
    mailoutbox.clear()
    url = reverse("events:office_registration_cancel", args=[event.pk, registration.pk])
    with django_capture_on_commit_callbacks(execute=True):
        office.post(url, {"reason": "Erkrankt"})
        second = office.post(url, {"reason": "Erkrankt"})
    assert second.status_code == 302
    assert len(mailoutbox) == 1
    assert _actions() == ["event_registration_cancelled"]


def test_office_cancel_without_reason_is_an_error_at_the_field(office):
    event = make_event()
    registration = register(event, "Alex A").registration
    url = reverse("events:office_registration_cancel", args=[event.pk, registration.pk])
    response = office.post(url, {"reason": " "})
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Bitte geben Sie einen Grund an."]}
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_office_cancel_of_another_events_registration_is_404(office):
    event, other = make_event(), make_event(title="Fachtag")
    registration = register(other, "Alex A").registration
    url = reverse("events:office_registration_cancel", args=[event.pk, registration.pk])
    assert office.post(url, {"reason": "x"}).status_code == 404


# --- add by phone ---------------------------------------------------------------------


def _phone(**extra):
    return {"name": "Cem Yilmaz", "email": "Cem@Example.org", **extra}


def test_office_adds_a_phone_registration_confirmed_with_calendar_mail(
    office, mailoutbox, django_capture_on_commit_callbacks
):
    today = dt.date(2030, 5, 1)
    event = make_event(days=[today, today + dt.timedelta(days=1)])
    question = event.questions.create(label="Essen")
    first, second = event.days.all()
    data = _phone(tage=[str(second.pk)], **{f"frage_{question.pk}": "vegan"})
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(reverse("events:office_registration_add", args=[event.pk]), data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.status) == (
        "Cem Yilmaz",
        "cem@example.org",
        Status.CONFIRMED,
    )
    assert registration.answers == {str(question.pk): "vegan"}
    assert list(registration.days.all()) == [second]
    (mail,) = mailoutbox
    assert mail.subject == "Anmeldung bestätigt: Netzwerktreffen"
    assert [a[0] for a in mail.attachments] == ["veranstaltung.ics"]
    assert _actions() == ["event_registration_added"]
    assert action_label("event_registration_added") == (
        "Anmeldung zur Veranstaltung von der Geschäftsstelle eingetragen"
    )


def test_office_phone_registration_sent_twice_registers_once(
    office, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event()
    url = reverse("events:office_registration_add", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        office.post(url, _phone())
        second = office.post(url, _phone())
    assert second.status_code == 302
    assert Registration.objects.count() == 1
    assert len(mailoutbox) == 1
    assert _actions() == ["event_registration_added"]


def test_office_phone_registration_on_a_full_day_needs_explicit_consent(office):
    event = make_event(capacity=1)
    register(event, "Alex A")
    url = reverse("events:office_registration_add", args=[event.pk])
    response = office.post(url, _phone())
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "over_capacity": [
            "An mindestens einem der Tage ist kein Platz frei. Bestätigen Sie, dass Sie die "
            "Person trotzdem über die Plätze hinaus aufnehmen."
        ]
    }
    assert event.registrations.count() == 1
    office.post(url, _phone(over_capacity="on"))
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 2


# --- move up --------------------------------------------------------------------------


def test_office_moves_someone_up_when_a_place_is_free(
    office, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    register(event, "Alex A")
    waiting = register(event, "Berit B").registration
    event.capacity = 2  # the office made room, nobody has been offered it yet
    event.save(update_fields=["capacity"])
    mailoutbox.clear()
    url = reverse("events:office_registration_promote", args=[event.pk, waiting.pk])
    assert office.get(url).context["full"] is False
    with django_capture_on_commit_callbacks(execute=True):
        office.post(url, {})
        office.post(url, {})  # a double click
    waiting.refresh_from_db()
    assert (waiting.status, waiting.waiting_position) == (Status.CONFIRMED, None)
    assert [m.subject for m in mailoutbox] == ["Anmeldung bestätigt: Netzwerktreffen"]
    assert _actions() == ["event_registration_promoted"]
    assert action_label("event_registration_promoted") == "Von der Warteliste nachgerückt"


def test_office_moves_someone_up_over_capacity_only_with_consent(office):
    event = make_event(capacity=1)
    register(event, "Alex A")
    waiting = register(event, "Berit B").registration
    url = reverse("events:office_registration_promote", args=[event.pk, waiting.pk])
    page = office.get(url)
    assert page.context["full"] is True
    assert 'id="promote-full"' in page.content.decode()
    refused = office.post(url, {})
    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["over_capacity"]
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING
    office.post(url, {"over_capacity": "on"})
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 2


def test_office_event_page_links_the_actions_per_registration(office):
    event = make_event(capacity=1)
    confirmed = register(event, "Alex A").registration
    waiting = register(event, "Berit B").registration
    html = office.get(reverse("events:office_event", args=[event.pk])).content.decode()
    assert reverse("events:office_registration_cancel", args=[event.pk, confirmed.pk]) in html
    assert reverse("events:office_registration_promote", args=[event.pk, waiting.pk]) in html
    assert reverse("events:office_registration_promote", args=[event.pk, confirmed.pk]) not in html
    assert reverse("events:office_registration_add", args=[event.pk]) in html
