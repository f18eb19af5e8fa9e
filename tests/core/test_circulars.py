"""Circulars: stored with their recipients, mailed once to each in their language,
audited, sent once on a repeat, and forgotten after their retention day."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from core.audit import ACTION_LABELS
from core.circulars import Audience, Recipient, circular_send, circulars_forget
from core.models import AuditEntry, Circular, CircularRecipient
from tests import factories
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

AUDIENCE = Audience(topic="test:1", label="Alle Angemeldeten: Fachtag (18.11.2026)")


@pytest.fixture
def office():
    return factories.UserFactory(role=Role.OFFICE, full_name="Olga Office")


def send(office, recipients, *, audience=AUDIENCE, subject="Hinweis", body="Bitte beachten."):
    return circular_send(
        sender=office, audience=audience, recipients=recipients, subject=subject, body=body
    )


def test_circular_send_mails_each_recipient_once_after_commit(
    office, django_capture_on_commit_callbacks
):
    person = factories.CoordinatorFactory(email="koordination@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        circular = send(
            office,
            [
                Recipient(user=person),
                Recipient(name="Gast Beispiel", email="gast@example.org"),
                Recipient(name="Gast Beispiel", email="GAST@example.org"),
            ],
        )

    assert circular.recipient_count == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "gast@example.org",
        "koordination@example.org",
    ]
    assert [message.subject for message in mail.outbox] == ["Hinweis", "Hinweis"]
    assert CircularRecipient.objects.filter(mailed_at__isnull=False).count() == 2


def test_circular_mail_is_framed_in_the_recipients_language(
    office, django_capture_on_commit_callbacks
):
    person = factories.CoordinatorFactory(language="en", full_name="Ann Smith")
    with django_capture_on_commit_callbacks(execute=True):
        send(office, [Recipient(user=person, details=("Line for Ann",))])

    body = mail.outbox[0].body
    assert body.startswith("Dear Ann Smith,\n\nBitte beachten.\n")
    assert "Line for Ann\n" in body
    assert "The programme office of “Kommunen für alle?” sent you this message" in body


def test_circular_keeps_no_address_of_a_recipient_with_an_account(office):
    person = factories.CoordinatorFactory()

    send(office, [Recipient(user=person, name="Name", email="x@example.org")])

    assert list(CircularRecipient.objects.values_list("user", "name", "email")) == [
        (person.pk, "", "")
    ]


def test_circular_sent_twice_within_the_window_is_stored_and_mailed_once(
    office, django_capture_on_commit_callbacks
):
    recipients = [Recipient(name="Gast", email="gast@example.org")]
    with django_capture_on_commit_callbacks(execute=True):
        first = send(office, recipients)
    with django_capture_on_commit_callbacks(execute=True):
        second = send(office, recipients)

    assert second.pk == first.pk
    assert Circular.objects.count() == 1
    assert len(mail.outbox) == 1


def test_circular_send_is_refused_to_anyone_but_the_office():
    coordinator = factories.CoordinatorFactory()

    with pytest.raises(PermissionDenied):
        send(coordinator, [Recipient(name="Gast", email="gast@example.org")])


def test_circular_without_recipients_is_refused(office):
    with pytest.raises(ValidationError):
        send(office, [Recipient(name="Niemand")])
    assert Circular.objects.count() == 0


def test_circular_send_is_audited_in_german(office):
    circular = send(office, [Recipient(name="Gast", email="gast@example.org")])

    entry = AuditEntry.objects.get(action="core.circular_sent")
    assert (entry.actor, entry.object_id) == (office, str(circular.pk))
    assert entry.changes == {
        "audience": [None, "Alle Angemeldeten: Fachtag (18.11.2026)"],
        "recipient_count": [None, 1],
    }
    assert str(ACTION_LABELS["core.circular_sent"]) == "Rundschreiben versandt"


def test_circular_recipients_are_forgotten_after_their_day_and_the_record_stays(office):
    kept = send(
        office,
        [Recipient(name="Gast", email="gast@example.org")],
        audience=Audience(topic="test:1", label="A", kept_until=dt.date(2026, 5, 31)),
    )
    later = send(
        office,
        [Recipient(name="Gast", email="gast@example.org")],
        audience=Audience(topic="test:2", label="B", kept_until=dt.date(2026, 6, 1)),
    )

    deleted = circulars_forget(today=dt.date(2026, 6, 1))

    kept.refresh_from_db()
    assert deleted == 1
    assert list(CircularRecipient.objects.values_list("circular", flat=True)) == [later.pk]
    assert (kept.recipient_count, kept.body) == (1, "Bitte beachten.")
    assert kept.recipients_forgotten_at is not None


def test_circular_mail_task_sends_nothing_once_recipients_are_forgotten(
    office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send(
            office,
            [Recipient(name="Gast", email="gast@example.org")],
            audience=Audience(topic="t", label="A", kept_until=dt.date(2026, 5, 31)),
        )
    circulars_forget(today=dt.date(2026, 6, 1))
    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_circulars_page_shows_the_record(client, office):
    send(office, [Recipient(name="Gast", email="gast@example.org")], body="Zeile eins\nZeile zwei")
    login_verified(client, office)

    response = client.get(reverse("core:circulars"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Olga Office" in html
    assert "Alle Angemeldeten: Fachtag (18.11.2026)" in html
    assert "Hinweis" in html
    assert "Zeile eins<br>Zeile zwei" in html


def test_circulars_page_is_refused_to_a_coordinator(client):
    login_verified(client, factories.CoordinatorFactory())

    assert client.get(reverse("core:circulars")).status_code == 403


def _queries_for(client, office, count: int) -> int:
    for number in range(count):
        send(
            office,
            [Recipient(name="Gast", email=f"gast{number}@example.org")],
            subject=f"Hinweis {number}",
        )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:circulars")).status_code == 200
    Circular.objects.all().delete()
    return len(queries)


def test_circulars_page_queries_do_not_grow_with_circulars(client, office):
    login_verified(client, office)

    assert _queries_for(client, office, 1) == _queries_for(client, office, 3)


def test_circular_form_keeps_the_subject_on_one_line_and_breaks_as_newlines():
    from core.circular_views import CircularForm

    form = CircularForm(data={"subject": "Raum\r\nänderung  heute", "body": "Eins\r\nZwei"})

    assert form.is_valid()
    assert form.cleaned_data == {"subject": "Raum änderung heute", "body": "Eins\nZwei"}
