"""Personal data must not outlive its purpose: not in the calendar feed of others, not in
the audit log after anonymisation, not in stored task arguments."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from accounts.models import Role
from core.models import AuditEntry
from events.checkin import check_in
from events.mail import confirmation_send_task
from events.models import Status
from events.selectors import feed_days
from events.services import (
    anonymise_due,
    feed_renew,
    registration_cancel,
    registration_decide,
)
from tests import factories
from tests.events.helpers import make_event, register

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def test_feed_of_a_waiting_person_leaves_out_an_event_another_person_holds():
    user = factories.UserFactory(role=Role.TRAINER, email="t@example.org")
    event = make_event(capacity=1, join_link="https://meet.example.org/geheim", is_online=True)
    register(event, "Alex A", email="alex@example.org")
    waiting = register(event, "T T", email="t@example.org", user=user).registration
    assert waiting.status == Status.WAITING
    assert list(feed_days(user=user)) == []


def test_feed_file_of_a_waiting_person_has_no_join_link(client):
    user = factories.UserFactory(role=Role.TRAINER, email="t@example.org")
    event = make_event(capacity=1, join_link="https://meet.example.org/geheim", is_online=True)
    register(event, "Alex A", email="alex@example.org")
    register(event, "T T", email="t@example.org", user=user)
    response = client.get(reverse("events:feed_ics", args=[feed_renew(user=user)]))
    assert list(Calendar.from_ical(response.content).walk("VEVENT")) == []
    assert b"meet.example.org" not in response.content


def test_audit_log_names_no_registrant():
    office = factories.UserFactory(role=Role.OFFICE)
    event = make_event(needs_approval=True, days=[dt.date(2026, 4, 20)])
    registration = register(event, "Alex Apfelbaum").registration
    registration = registration_decide(actor=office, registration=registration, approve=True)
    check_in(
        actor=office, registration=registration, day=(day := event.days.get()), now=day.starts_at
    )
    entries = list(AuditEntry.objects.values_list("object_label", "changes"))
    assert len(entries) == 2
    assert "Apfelbaum" not in json.dumps(entries)
    assert "alex@example.org" not in json.dumps(entries)


def test_anonymisation_blanks_old_audit_labels():
    office = factories.UserFactory(role=Role.OFFICE)
    event = make_event(days=[dt.date(2026, 4, 20)])
    registration = register(event, "Alex Apfelbaum").registration
    attendance = check_in(
        actor=office, registration=registration, day=(day := event.days.get()), now=day.starts_at
    )
    # Labels as written before names were left out of them.
    AuditEntry.objects.filter(object_id=str(attendance.pk)).update(
        object_label="Netzwerktreffen – Alex Apfelbaum – alex@example.org"
    )
    other = AuditEntry.objects.create(
        action="x", object_type="events.event", object_id=str(event.pk), object_label="Treffen"
    )
    assert anonymise_due(today=dt.date(2026, 12, 1)) == 1
    labels = list(AuditEntry.objects.exclude(pk=other.pk).values_list("object_label", flat=True))
    assert labels == [""]
    other.refresh_from_db()
    assert other.object_label == "Treffen"


def _stored_task_args() -> str:
    return json.dumps(list(DBTaskResult.objects.values_list("args_kwargs", flat=True)))


def test_task_arguments_hold_no_personal_data(settings, django_capture_on_commit_callbacks):
    settings.TASKS = DB_TASKS
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, "Alex Apfelbaum", email="alex@example.org")
        second = register(event, "Berit Birke", email="berit@example.org")
        registration_cancel(registration=first.registration)
    stored = _stored_task_args()
    assert DBTaskResult.objects.count() == 4  # confirmed, waiting, cancelled, offer
    for secret in ("Apfelbaum", "alex@", "Birke", "berit@", first.token, second.token):
        assert secret not in stored
    assert "anmeldung" not in stored


def test_mailed_link_works_and_replaces_the_earlier_one(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booked = register(make_event(), "Alex A")
    (mail,) = mailoutbox
    path = mail.body[mail.body.index("/veranstaltungen/anmeldung/") :].split()[0]
    assert client.get(path).status_code == 200
    assert client.get(reverse("events:registration", args=[booked.token])).status_code == 404


def test_confirmation_is_not_sent_once_cancelled(mailoutbox, django_capture_on_commit_callbacks):
    booked = register(make_event(), "Alex A")
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=booked.registration)
    confirmation_send_task.call(registration_id=booked.registration.pk, with_link=True)
    assert [m.subject for m in mailoutbox] == ["Abgesagt: Netzwerktreffen"]
