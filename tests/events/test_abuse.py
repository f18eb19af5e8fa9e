"""The findings of the penetration test on public registration: seat exhaustion by
invented addresses, the platform as a mail relay, names with line breaks. Each test
makes the attack as it was made and shows what stops it."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import AuditEntry
from events.models import Registration, Status
from events.services import free_places
from tests import factories
from tests.events.helpers import make_event
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"


def _form(**extra):
    return {"name": "Alex Beispiel", "email": "alex@example.org", "datenschutz": "on", **extra}


def _post(client, event, ip=ATTACKER, **extra):
    return client.post(reverse("events:detail", args=[event.pk]), _form(**extra), REMOTE_ADDR=ip)


def _link(mail) -> str:
    return re.search(r"/veranstaltungen/anmeldung/[^/\s]+/", mail.body).group(0)


def test_anonymous_registration_waits_for_the_link_and_sends_no_calendar(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, event)
    assert response["Location"] == reverse("events:registered", args=[event.pk])
    registration = Registration.objects.get()
    assert registration.status == Status.AWAITING_EMAIL
    (mail,) = mailoutbox
    assert mail.subject == "Bitte bestätigen: Anmeldung für Netzwerktreffen"
    assert mail.attachments == []
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 0


def test_following_the_link_confirms_and_only_then_sends_the_calendar(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, event)
    link = _link(mailoutbox[0])
    assert client.get(link).status_code == 200
    assert Registration.objects.get().status == Status.AWAITING_EMAIL  # a GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link + "bestaetigen/")
    assert response["Location"] == reverse("events:registered", args=[event.pk])
    assert Registration.objects.get().status == Status.CONFIRMED
    assert [m.subject for m in mailoutbox] == [
        "Bitte bestätigen: Anmeldung für Netzwerktreffen",
        "Anmeldung bestätigt: Netzwerktreffen",
    ]
    assert [a[0] for a in mailoutbox[1].attachments] == ["veranstaltung.ics"]


def test_confirming_twice_books_once_and_mails_once(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, event)
    link = _link(mailoutbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link + "bestaetigen/")
        second = client.post(link + "bestaetigen/")
    assert second.status_code == 302
    assert event.registrations.get().status == Status.CONFIRMED
    assert len(mailoutbox) == 2


def test_registration_form_sent_twice_registers_once_and_mails_once(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        first = _post(client, event)
        second = _post(client, event)
    assert (first.status_code, second.status_code) == (302, 302)
    assert list(event.registrations.values_list("status", flat=True)) == [Status.AWAITING_EMAIL]
    assert len(mailoutbox) == 1
    assert free_places(event) == 4


def test_link_followed_after_a_day_is_refused_with_a_message(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, event)
    Registration.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    response = client.post(_link(mailoutbox[0]) + "bestaetigen/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Dieser Link ist abgelaufen. Bitte melden Sie sich noch einmal an."
    ]
    assert Registration.objects.get().status == Status.AWAITING_EMAIL


def test_unconfirmed_hold_expires_and_frees_the_place(client, settings):
    settings.EVENTS_HOLD_MINUTES = 30
    event = make_event(capacity=1)
    _post(client, event)
    assert free_places(event) == 0
    later = timezone.now() + dt.timedelta(minutes=31)
    assert free_places(event, now=later) == 1


def test_confirming_after_the_hold_expired_with_no_place_left_joins_the_waiting_list(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, event)
    link = _link(mailoutbox[0])
    Registration.objects.update(
        created_at=timezone.now() - dt.timedelta(minutes=31),
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1),
    )
    login_verified(client, factories.UserFactory(role=Role.TRAINER, email="berit@example.org"))
    client.post(
        reverse("events:detail", args=[event.pk]),
        _form(name="Berit B", email="berit@example.org"),
    )
    client.logout()
    response = client.post(link + "bestaetigen/", follow=True)
    alex = Registration.objects.get(email="alex@example.org")
    assert (alex.status, alex.waiting_position) == (Status.WAITING, 1)
    assert Registration.objects.get(email="berit@example.org").status == Status.CONFIRMED
    assert [str(m) for m in response.context["messages"]] == [
        "Die Frist zum Bestätigen war abgelaufen und alle Plätze sind inzwischen vergeben. "
        "Sie stehen auf der Warteliste."
    ]


def test_many_registrations_from_one_client_neither_exhaust_the_seats_nor_the_mails(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EVENTS_LIMIT_PER_CLIENT = 10
    event = make_event(capacity=26)
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            _post(client, event, name=f"Bot {n}", email=f"bot{n}@invented.example")
            for n in range(26)
        ]
    assert [r.status_code for r in responses] == [302] * 10 + [200] * 16
    assert responses[-1].context["form"].non_field_errors() == [
        "Von Ihrem Anschluss sind in der letzten Stunde schon zu viele Anmeldungen "
        "eingegangen. Bitte versuchen Sie es später noch einmal."
    ]
    assert event.registrations.count() == 10
    assert free_places(event) == 16
    assert len(mailoutbox) == 10
    # Another client still gets a place.
    assert _post(client, event, ip="198.51.100.2", email="echt@example.org").status_code == 302


def test_registrations_for_one_address_are_capped_across_events(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EVENTS_LIMIT_PER_ADDRESS = 3
    events = [make_event(title=f"Treffen {n}") for n in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            _post(client, event, ip=f"198.51.100.{n}", email="opfer@example.org")
            for n, event in enumerate(events)
        ]
    assert [r.status_code for r in responses] == [302, 302, 302, 200, 200]
    assert responses[-1].context["form"].errors["email"] == [
        "Für diese E-Mail-Adresse sind in der letzten Stunde schon zu viele Anmeldungen "
        "eingegangen. Bitte bestätigen Sie zuerst die Anmeldung über den Link in Ihrer "
        "E-Mail oder versuchen Sie es später noch einmal."
    ]
    assert len(mailoutbox) == 3


def test_re_registering_one_address_for_one_event_does_not_lift_the_mail_cap(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EVENTS_LIMIT_PER_ADDRESS = 3
    event = make_event()
    for n in range(6):
        with django_capture_on_commit_callbacks(execute=True):
            _post(client, event, ip=f"198.51.100.{n}", email="opfer@example.org")
    assert len(mailoutbox) == 3


def test_an_unconfirmed_registration_does_not_lock_out_the_owner_of_the_address(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=5)
    _post(client, event, name="Falscher Name", email="echt@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client, event, ip="198.51.100.9", name="Echte Person", email="echt@example.org"
        )
    assert response.status_code == 302
    active = event.registrations.get(status=Status.AWAITING_EMAIL)
    assert active.name == "Echte Person"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link(mailoutbox[-1]) + "bestaetigen/")
    assert list(event.registrations.values_list("name", "status")) == [
        ("Falscher Name", Status.UNCONFIRMED),
        ("Echte Person", Status.CONFIRMED),
    ]
    assert free_places(event) == 4


@pytest.mark.parametrize(
    "name",
    ["Alex\r\nBcc: opfer@example.org", "Alex\nBeispiel", "Alex\u2028Beispiel", "Alex\x1b[31m"],
)
def test_name_with_line_break_or_control_character_is_refused_at_the_field(client, name):
    event = make_event()
    response = _post(client, event, name=name)
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Der Name darf keine Zeilenumbrüche oder Steuerzeichen enthalten."
    ]
    assert Registration.objects.count() == 0


def test_name_of_150_characters_is_refused_at_the_field(client):
    response = _post(client, make_event(), name="A" * 150)
    assert response.context["form"].errors["name"] == [
        "Der Name darf höchstens 100 Zeichen lang sein (er hat 150)."
    ]
    assert Registration.objects.count() == 0


def test_name_with_a_zero_width_non_joiner_is_accepted(client):
    """Persian names are written with U+200C; it is not a line break."""
    _post(client, make_event(), name="Mehr\u200cnaz Rahimi")
    assert Registration.objects.get().name == "Mehr\u200cnaz Rahimi"


def test_first_mail_carries_no_text_chosen_by_the_sender(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event()
    question = event.questions.create(label="Anmerkung")
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, event, name="Billig Kredit", **{f"frage_{question.pk}": "Klicken Sie"})
    (mail,) = mailoutbox
    assert "Billig" not in mail.body + mail.subject
    assert "Klicken" not in mail.body + mail.subject


def test_account_with_confirmed_address_registers_at_once(client):
    person = factories.UserFactory(role=Role.TRAINER, email="t@example.org")
    login_verified(client, person)
    _post(client, make_event(), email="t@example.org")
    assert Registration.objects.get().status == Status.CONFIRMED


def test_account_registering_another_address_waits_for_that_addresses_link(client):
    login_verified(client, factories.UserFactory(role=Role.TRAINER, email="t@example.org"))
    _post(client, make_event(), email="jemand@example.org")
    assert Registration.objects.get().status == Status.AWAITING_EMAIL


def test_client_address_is_kept_only_as_keyed_hash_and_blanked_after_the_window(client):
    from events.confirmation import holds_release

    event = make_event()
    _post(client, event)
    registration = Registration.objects.get()
    assert len(registration.client_hash) == 64
    assert ATTACKER not in registration.client_hash
    holds_release(now=timezone.now() + dt.timedelta(minutes=61))
    registration.refresh_from_db()
    assert registration.client_hash == ""


def test_unconfirmed_registrations_are_deleted_after_a_day(client):
    from events.confirmation import holds_release

    event = make_event()
    _post(client, event)
    holds_release(now=timezone.now() + dt.timedelta(hours=23))
    assert Registration.objects.count() == 1
    holds_release(now=timezone.now() + dt.timedelta(hours=25))
    assert Registration.objects.count() == 0


def test_expired_holds_are_offered_to_the_waiting_list_by_the_hourly_command(client):
    from django.core.management import call_command

    event = make_event(capacity=1)
    _post(client, event)
    person = factories.UserFactory(role=Role.TRAINER, email="t@example.org")
    login_verified(client, person)
    _post(client, event, email="t@example.org")
    assert Registration.objects.get(email="t@example.org").status == Status.WAITING
    Registration.objects.filter(email="alex@example.org").update(
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    call_command("events_expire_offers")
    assert Registration.objects.get(email="t@example.org").status == Status.OFFERED


# --- the office ------------------------------------------------------------------------


@pytest.fixture
def office(client):
    person = factories.UserFactory(role=Role.OFFICE)
    login_verified(client, person)
    return client


def _burst(event, n, ip=ATTACKER):
    from django.test import Client

    bot = Client()
    for i in range(n):
        _post(bot, event, ip=ip, name=f"Bot {i}", email=f"bot{i}-{event.pk}@invented.example")


def test_office_sees_unconfirmed_and_bursts_from_one_client(office):
    event = make_event(capacity=20)
    _burst(event, 4)
    response = office.get(reverse("events:office_suspicious", args=[event.pk]))
    rows = response.context["rows"]
    assert [r.registration.name for r in rows] == ["Bot 0", "Bot 1", "Bot 2", "Bot 3"]
    assert [r.signals for r in rows][0] == [
        "E-Mail-Adresse nicht bestätigt",
        "4 Anmeldungen vom selben Anschluss innerhalb einer Stunde",
    ]


def test_office_removes_suspicious_registrations_in_bulk_with_audit(office):
    event = make_event(capacity=20)
    _burst(event, 3)
    ids = list(event.registrations.values_list("pk", flat=True))
    url = reverse("events:office_suspicious", args=[event.pk])
    first = office.post(url, {"auswahl": ids[:2]})
    again = office.post(url, {"auswahl": ids[:2]})  # a double click
    assert (first.status_code, again.status_code) == (302, 302)
    removed = event.registrations.filter(pk__in=ids[:2])
    assert list(removed.values_list("status", "name", "email")) == [
        (Status.CANCELLED, "", ""),
        (Status.CANCELLED, "", ""),
    ]
    assert event.registrations.get(pk=ids[2]).status == Status.AWAITING_EMAIL
    assert AuditEntry.objects.filter(action="event_registration_removed").count() == 2
    assert free_places(event) == 19


def test_office_bulk_removal_of_another_events_registration_changes_nothing(office):
    event, other = make_event(title="Eins"), make_event(title="Zwei")
    _burst(other, 1)
    target = other.registrations.get()
    response = office.post(
        reverse("events:office_suspicious", args=[event.pk]), {"auswahl": [target.pk]}
    )
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.status == Status.AWAITING_EMAIL


def test_office_suspicious_list_of_unknown_event_is_404(office):
    assert office.get(reverse("events:office_suspicious", args=[999])).status_code == 404


def test_office_suspicious_list_query_count_is_constant(office):
    one, three = make_event(title="Eins"), make_event(title="Drei")
    _burst(one, 1, ip="198.51.100.1")
    _burst(three, 3, ip="198.51.100.3")
    counts = []
    for event in (one, three):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = office.get(reverse("events:office_suspicious", args=[event.pk]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_ipv6_addresses_of_one_network_count_as_one_client(client, settings):
    settings.EVENTS_LIMIT_PER_CLIENT = 2
    event = make_event(capacity=10)
    statuses = [
        _post(
            client, event, ip=f"2001:db8:1:2::{n:x}", email=f"v6-{n}@invented.example"
        ).status_code
        for n in range(1, 4)
    ]
    assert statuses == [302, 302, 200]
    assert event.registrations.count() == 2


def test_confirming_for_an_event_with_approval_waits_for_the_office(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(needs_approval=True)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, event)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link(mailoutbox[0]) + "bestaetigen/")
    assert Registration.objects.get().status == Status.PENDING_APPROVAL
    assert mailoutbox[1].subject == "Anmeldung eingegangen: Netzwerktreffen"
    assert "persönlichen Link aus unserer letzten E-Mail" in mailoutbox[1].body


def test_removing_a_place_holder_offers_the_place_to_the_waiting_list():
    from events.moderation import registrations_remove
    from tests.events.helpers import register

    event = make_event(capacity=1)
    holder = register(event, "Bot", email="bot@invented.example", known_address="").registration
    waiting = register(event, "Berit B").registration
    assert waiting.status == Status.WAITING
    office = factories.UserFactory(role=Role.OFFICE)
    assert registrations_remove(actor=office, event=event, registration_ids=[holder.pk]) == 1
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
