import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.checkin import check_in
from events.models import Attendance, Registration, Status
from events.services import (
    anonymise_due,
    offer_accept,
    offers_expire,
    registration_cancel,
    registration_change,
    registration_decide,
    reminders_send,
)
from events.tokens import token_hash
from tests import factories
from tests.events.helpers import make_event, register

pytestmark = pytest.mark.django_db


def test_register_confirms_while_places_are_free():
    event = make_event(capacity=2)
    assert register(event, "Alex A").registration.status == Status.CONFIRMED
    assert register(event, "Berit B").registration.status == Status.CONFIRMED


def test_register_when_full_goes_to_waiting_list_in_order():
    event = make_event(capacity=1)
    register(event, "Alex A")
    second = register(event, "Berit B").registration
    third = register(event, "Cem C").registration
    assert (second.status, second.waiting_position) == (Status.WAITING, 1)
    assert (third.status, third.waiting_position) == (Status.WAITING, 2)


def test_register_stores_only_the_hash_of_the_token():
    booked = register(make_event(), "Alex A")
    stored = Registration.objects.get(pk=booked.registration.pk).token_hash
    assert stored == token_hash(booked.token)
    assert booked.token not in stored


def test_register_twice_with_same_address_is_refused():
    event = make_event()
    register(event, "Alex A", email="alex@example.org")
    with pytest.raises(
        ValidationError, match="Mit dieser E-Mail-Adresse besteht schon eine Anmeldung"
    ):
        register(event, "Alex A", email="ALEX@example.org")
    assert event.registrations.count() == 1


def test_register_after_deadline_is_refused():
    event = make_event(deadline=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="Der Anmeldeschluss ist vorbei"):
        register(event, "Alex A")
    assert event.registrations.count() == 0


def test_register_with_approval_waits_for_the_office():
    event = make_event(needs_approval=True)
    assert register(event, "Alex A").registration.status == Status.PENDING_APPROVAL


def test_approve_confirms_and_mails(mailoutbox, django_capture_on_commit_callbacks):
    event = make_event(needs_approval=True)
    registration = register(event, "Alex A").registration
    with django_capture_on_commit_callbacks(execute=True):
        registration_decide(
            actor=factories.UserFactory(role="office"), registration=registration, approve=True
        )
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert mailoutbox[-1].subject == "Anmeldung bestätigt: Netzwerktreffen"


def test_decline_cancels_and_offers_the_place_to_the_waiting_list():
    event = make_event(capacity=1, needs_approval=True)
    pending = register(event, "Alex A").registration
    waiting = register(event, "Berit B").registration
    registration_decide(
        actor=factories.UserFactory(role="office"), registration=pending, approve=False
    )
    pending.refresh_from_db()
    waiting.refresh_from_db()
    assert (pending.status, waiting.status) == (Status.CANCELLED, Status.OFFERED)


def test_cancel_offers_the_place_to_the_first_on_the_waiting_list(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    first = register(event, "Alex A").registration
    second = register(event, "Berit B").registration
    third = register(event, "Cem C").registration
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first, now=now)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.OFFERED
    assert second.offer_expires_at == now + dt.timedelta(hours=48)
    assert third.status == Status.WAITING
    offer = [m for m in mailoutbox if m.to == ["berit@example.org"]][-1]
    assert offer.subject == "Ein Platz ist frei: Netzwerktreffen"
    assert "/veranstaltungen/anmeldung/" in offer.body


def test_accept_offer_confirms():
    event = make_event(capacity=1)
    first = register(event, "Alex A").registration
    second = register(event, "Berit B").registration
    registration_cancel(registration=first)
    second.refresh_from_db()
    assert offer_accept(registration=second).status == Status.CONFIRMED


def test_accept_offer_after_expiry_is_refused():
    event = make_event(capacity=1)
    first = register(event, "Alex A").registration
    second = register(event, "Berit B").registration
    registration_cancel(registration=first)
    second.refresh_from_db()
    with pytest.raises(ValidationError, match="Dieses Angebot gilt nicht mehr"):
        offer_accept(registration=second, now=timezone.now() + dt.timedelta(hours=49))


def test_expired_offer_moves_on_to_the_next():
    event = make_event(capacity=1)
    first = register(event, "Alex A").registration
    second = register(event, "Berit B").registration
    third = register(event, "Cem C").registration
    registration_cancel(registration=first)
    assert offers_expire(now=timezone.now() + dt.timedelta(hours=49)) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (Status.CANCELLED, Status.OFFERED)


def test_offers_expire_leaves_running_offers_alone():
    event = make_event(capacity=1)
    first = register(event, "Alex A").registration
    second = register(event, "Berit B").registration
    registration_cancel(registration=first)
    assert offers_expire(now=timezone.now() + dt.timedelta(hours=47)) == 0
    second.refresh_from_db()
    assert second.status == Status.OFFERED


def test_cancel_twice_is_harmless():
    event = make_event(capacity=1)
    first = register(event, "Alex A").registration
    register(event, "Berit B")
    registration_cancel(registration=first)
    registration_cancel(registration=first)
    assert list(event.registrations.values_list("status", flat=True).order_by("pk")) == [
        Status.CANCELLED,
        Status.OFFERED,
    ]


def test_change_registration_updates_answers_and_days():
    today = timezone.localdate()
    event = make_event(days=[today + dt.timedelta(days=5), today + dt.timedelta(days=6)])
    registration = register(event, "Alex A").registration
    second_day = event.days.last()
    registration_change(registration=registration, answers={"1": "vegetarisch"}, days=[second_day])
    registration.refresh_from_db()
    assert registration.answers == {"1": "vegetarisch"}
    assert list(registration.days.all()) == [second_day]


def test_change_cancelled_registration_is_refused():
    registration = register(make_event(), "Alex A").registration
    registration_cancel(registration=registration)
    with pytest.raises(ValidationError, match="Diese Anmeldung kann nicht mehr geändert werden"):
        registration_change(registration=registration, answers={}, days=[])


def test_check_in_once_per_day():
    event = make_event()
    registration = register(event, "Alex A").registration
    office = factories.UserFactory(role="office")
    day = event.days.get()
    check_in(actor=office, registration=registration, day=day, now=day.starts_at)
    check_in(actor=office, registration=registration, day=day, now=day.starts_at)
    assert Attendance.objects.filter(registration=registration, day=day).count() == 1


def test_check_in_of_waiting_person_is_refused():
    event = make_event(capacity=1)
    register(event, "Alex A")
    waiting = register(event, "Berit B").registration
    with pytest.raises(
        ValidationError, match="Nur bestätigte Angemeldete können eingecheckt werden"
    ):
        check_in(
            actor=factories.UserFactory(role="office"), registration=waiting, day=event.days.get()
        )


def test_reminder_is_sent_once(mailoutbox, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    event = make_event(days=[today + dt.timedelta(days=2)])
    register(event, "Alex A")
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 0
    reminders = [m for m in mailoutbox if m.subject == "Erinnerung: Netzwerktreffen"]
    assert len(reminders) == 1


def test_reminder_not_sent_too_early():
    event = make_event(days=[timezone.localdate() + dt.timedelta(days=3)])
    register(event, "Alex A")
    assert reminders_send() == 0


def test_anonymise_after_retention_keeps_counts():
    muni = factories.MunicipalityFactory(name="Jena")
    last_day = dt.date(2026, 4, 21)
    event = make_event(days=[dt.date(2026, 4, 20), last_day], capacity=1)
    kept = register(event, "Alex A", municipality=muni).registration
    register(event, "Berit B", municipality=muni)
    first = event.days.first()
    check_in(
        actor=factories.UserFactory(role="office"),
        registration=kept,
        day=first,
        now=first.starts_at,
    )
    assert anonymise_due(today=dt.date(2026, 10, 21)) == 0
    assert anonymise_due(today=dt.date(2026, 10, 22)) == 2
    kept.refresh_from_db()
    assert (kept.name, kept.email, kept.token_hash, kept.answers) == ("", "", None, {})
    assert kept.anonymised_at is not None
    assert event.registrations.filter(municipality=muni, status=Status.CONFIRMED).count() == 1
    assert Attendance.objects.filter(registration__event=event).count() == 1


def test_anonymise_respects_the_events_own_retention():
    event = make_event(days=[dt.date(2026, 1, 31)], retention_months=1)
    register(event, "Alex A")
    assert anonymise_due(today=dt.date(2026, 2, 28)) == 0
    assert anonymise_due(today=dt.date(2026, 3, 1)) == 1


def test_mails_show_names_and_titles_as_typed(mailoutbox, django_capture_on_commit_callbacks):
    """Plain-text mails are not HTML: an apostrophe or ampersand stays what it is."""
    event = make_event(needs_approval=True, title="Austausch & Vernetzung")
    registration = register(event, "Siobhán O'Brien").registration
    with django_capture_on_commit_callbacks(execute=True):
        registration_decide(
            actor=factories.UserFactory(role="office"), registration=registration, approve=True
        )
    assert mailoutbox[-1].subject == "Anmeldung bestätigt: Austausch & Vernetzung"
    assert "Guten Tag Siobhán O'Brien," in mailoutbox[-1].body
