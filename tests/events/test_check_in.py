"""Check-in opens two hours before a day starts and closes at the end of that day
(Europe/Berlin); a check-in can be taken back."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.audit import action_label
from core.models import AuditEntry
from events.checkin import check_in, check_in_undo
from events.models import Attendance
from tests import factories
from tests.events.helpers import make_event, register
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
DAY = dt.date(2030, 4, 20)  # 10–16 h


@pytest.fixture
def booked():
    event = make_event(days=[DAY])
    return event.days.get(), register(event, "Alex A").registration


@pytest.fixture
def office_user():
    return factories.UserFactory(role=Role.OFFICE)


def test_check_in_two_months_early_is_refused_in_german(booked, office_user):
    day, registration = booked
    with pytest.raises(ValidationError) as raised:
        check_in(
            actor=office_user,
            registration=registration,
            day=day,
            now=dt.datetime(2030, 2, 20, 10, tzinfo=BERLIN),
        )
    assert raised.value.messages == [
        "Einchecken ist nur am Veranstaltungstag möglich: ab 20.04.2030, 08:00 Uhr bis zum "
        "Ende des Tages."
    ]
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize(
    "moment",
    [dt.datetime(2030, 4, 20, 7, 59), dt.datetime(2030, 4, 21, 0, 0)],
    ids=["just-before-opening", "midnight-after"],
)
def test_check_in_outside_the_window_is_refused(booked, office_user, moment):
    day, registration = booked
    with pytest.raises(ValidationError):
        check_in(
            actor=office_user,
            registration=registration,
            day=day,
            now=moment.replace(tzinfo=BERLIN),
        )


@pytest.mark.parametrize(
    "moment",
    [dt.datetime(2030, 4, 20, 8, 0), dt.datetime(2030, 4, 20, 23, 59)],
    ids=["two-hours-before", "late-evening"],
)
def test_check_in_inside_the_window_is_recorded(booked, office_user, moment):
    day, registration = booked
    check_in(
        actor=office_user, registration=registration, day=day, now=moment.replace(tzinfo=BERLIN)
    )
    assert list(Attendance.objects.values_list("registration", "day")) == [
        (registration.pk, day.pk)
    ]


def test_check_in_undo_removes_it_once_and_is_audited(booked, office_user):
    day, registration = booked
    check_in(actor=office_user, registration=registration, day=day, now=day.starts_at)
    assert check_in_undo(actor=office_user, registration=registration, day=day) is True
    assert check_in_undo(actor=office_user, registration=registration, day=day) is False
    assert Attendance.objects.count() == 0
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["event_check_in", "event_check_in_undone"]
    assert action_label("event_check_in_undone") == "Teilnahme an Veranstaltung zurückgenommen"


def test_office_undoes_a_check_in_on_the_attendance_page(client):
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    event = make_event()
    event.days.update(date=timezone.localdate(), start_time=dt.time(0))
    day = event.days.get()
    registration = register(event, "Alex A").registration
    client.post(reverse("events:office_check_in", args=[event.pk, day.pk, registration.pk]))
    assert Attendance.objects.count() == 1
    page = client.get(reverse("events:office_attendance", args=[event.pk, day.pk]))
    undo = reverse("events:office_check_in_undo", args=[event.pk, day.pk, registration.pk])
    assert undo in page.content.decode()
    client.post(undo)
    assert Attendance.objects.count() == 0


def test_attendance_page_outside_the_window_offers_no_check_in(client, booked):
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    day, registration = booked
    page = client.get(reverse("events:office_attendance", args=[day.event_id, day.pk]))
    html = page.content.decode()
    assert page.context["check_in_open"] is False
    assert (
        reverse("events:office_check_in", args=[day.event_id, day.pk, registration.pk]) not in html
    )
    assert 'id="check-in-closed"' in html
