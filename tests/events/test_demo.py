import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from events.demo import ensure_demo_events
from events.models import Attendance, Audience, Event, Invitation, Registration, Status
from tests import factories
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    municipalities = [factories.MunicipalityFactory(name=n) for n in ("Jena", "Musterstadt")]
    return model_cohort(municipalities), municipalities


def test_demo_events_are_idempotent(cohort):
    call, municipalities = cohort
    ensure_demo_events(call=call, municipalities=municipalities)
    ensure_demo_events(call=call, municipalities=municipalities)
    assert Event.objects.count() == 5
    # Per model municipality on the past events and on the upcoming one, one by
    # invitation, and three unconfirmed ones for the office's list of suspicious ones.
    assert Registration.objects.count() == 2 * (4 + 3 + 3) + 2 + 1 + 3
    assert Invitation.objects.count() == 3


def test_demo_events_keep_the_dates_of_the_call(cohort):
    call, municipalities = cohort
    ensure_demo_events(call=call, municipalities=municipalities)
    kickoff = Event.objects.get(demo_key="auftakt-online").days.get()
    assert (kickoff.date, kickoff.start_time, kickoff.end_time) == (
        dt.date(2025, 11, 3),
        dt.time(14),
        dt.time(16),
    )
    jena = Event.objects.get(demo_key="netzwerktreffen-jena")
    assert [d.date for d in jena.days.all()] == [dt.date(2026, 4, 20), dt.date(2026, 4, 21)]


@time_machine.travel(dt.datetime(2026, 3, 15, 11, tzinfo=dt.UTC), tick=False)
def test_demo_events_after_the_load_day_are_open_and_without_check_ins(cohort):
    call, municipalities = cohort
    ensure_demo_events(call=call, municipalities=municipalities)
    jena = Event.objects.get(demo_key="netzwerktreffen-jena")
    kickoff = Event.objects.get(demo_key="auftakt-online")
    assert jena.registration_deadline > timezone.now()
    assert Attendance.objects.filter(registration__event=jena).count() == 0
    assert Attendance.objects.filter(registration__event=kickoff).count() == 8


def test_demo_upcoming_event_is_open(cohort, client):
    call, municipalities = cohort
    ensure_demo_events(call=call, municipalities=municipalities)
    upcoming = Event.objects.get(demo_key="werkstatt")
    assert upcoming.registration_deadline > timezone.now()
    assert client.get(f"/veranstaltungen/{upcoming.pk}/").context["form"] is not None


def test_demo_past_days_have_check_ins(cohort):
    call, municipalities = cohort
    ensure_demo_events(call=call, municipalities=municipalities)
    kickoff = Event.objects.get(demo_key="auftakt-online")
    confirmed = kickoff.registrations.filter(status=Status.CONFIRMED).count()
    assert Attendance.objects.filter(registration__event=kickoff).count() == confirmed == 8


def test_demo_invited_event_shows_one_invitation_used(cohort):
    call, municipalities = cohort
    ensure_demo_events(call=call, municipalities=municipalities)
    event = Event.objects.get(demo_key="klausur-beirat")
    assert event.audience == Audience.INVITED
    assert [i.registration is not None for i in event.invitations.order_by("pk")] == [
        True,
        False,
        False,
    ]


def test_demo_upcoming_event_has_suspicious_registrations_for_the_office(cohort):
    from events.selectors import suspicious_for

    call, municipalities = cohort
    ensure_demo_events(call=call, municipalities=municipalities)
    upcoming = Event.objects.get(demo_key="werkstatt")
    assert [r.name for r in suspicious_for(event=upcoming)] == [
        "Platzhalter 1",
        "Platzhalter 2",
        "Platzhalter 3",
    ]
