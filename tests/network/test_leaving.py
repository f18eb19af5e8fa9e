"""Leaving deletes everything that shows membership: registrations for members-only
events (with check-ins), the task records and queued mails about them; nothing else."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.models import Role
from events.models import Attendance, Audience, Registration, Status
from network.services import membership_end_if_ineligible, membership_leave
from tests.events.helpers import make_event, register
from tests.network.helpers import member

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def event_tasks(registration_ids) -> int:
    return sum(
        1
        for task in DBTaskResult.objects.filter(task_path__startswith="events.mail.")
        if task.args_kwargs["kwargs"]["registration_id"] in registration_ids
    )


@pytest.fixture
def queued(django_capture_on_commit_callbacks):
    """Run ``action`` with the database task backend, so mails stay queued as rows."""

    def run(action):
        with override_settings(TASKS=DB_TASKS), django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def test_leaving_deletes_registrations_for_members_only_events(call, muni_a, queued):
    person = member(muni_a, full_name="Aylin Beispiel")
    event = make_event(audience=Audience.NETWORK_MEMBERS)
    booked = queued(lambda: register(event, name="Aylin Beispiel", email=person.email, user=person))
    registration = booked.registration
    Attendance.objects.create(
        registration=registration, day=event.days.first(), checked_in_at=registration.created_at
    )
    assert event_tasks({registration.pk}) == 1
    membership_leave(user=person)
    assert Registration.objects.filter(pk=registration.pk).exists() is False
    assert Attendance.objects.filter(registration_id=registration.pk).exists() is False
    assert event_tasks({registration.pk}) == 0


def test_leaving_keeps_registrations_for_open_events(call, muni_a, queued):
    person = member(muni_a)
    open_event = make_event(audience=Audience.EVERYONE, title="Fachtag")
    booked = queued(lambda: register(open_event, name="Aylin Beispiel", email=person.email))
    membership_leave(user=person)
    assert Registration.objects.filter(pk=booked.registration.pk).exists() is True
    assert event_tasks({booked.registration.pk}) == 1


def test_leaving_deletes_a_registration_made_with_the_address_only(call, muni_a):
    person = member(muni_a, email="aylin@musterstadt.example")
    event = make_event(audience=Audience.NETWORK_MEMBERS)
    booked = register(event, name="Aylin Beispiel", email="Aylin@Musterstadt.example")
    membership_leave(user=person)
    assert Registration.objects.filter(pk=booked.registration.pk).exists() is False


def test_leaving_offers_the_freed_place_to_the_waiting_list(call, muni_a):
    person = member(muni_a)
    event = make_event(audience=Audience.NETWORK_MEMBERS, capacity=1)
    register(event, name="Aylin Beispiel", email=person.email, user=person)
    waiting = register(event, name="Berk Muster", email="berk@example.org").registration
    membership_leave(user=person)
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED


def test_leaving_through_the_page_deletes_the_registration(login, call, muni_a):
    person = member(muni_a)
    event = make_event(audience=Audience.NETWORK_MEMBERS)
    booked = register(event, name="Aylin Beispiel", email=person.email, user=person)
    login(person).post(reverse("network:leave"))
    assert Registration.objects.filter(pk=booked.registration.pk).exists() is False


def test_losing_eligibility_deletes_the_registrations_too(call, muni_a):
    person = member(muni_a)
    event = make_event(audience=Audience.NETWORK_MEMBERS)
    booked = register(event, name="Aylin Beispiel", email=person.email, user=person)
    person.role = Role.ADVISORY
    person.save(update_fields=["role"])
    assert membership_end_if_ineligible(user=person) is True
    assert Registration.objects.filter(pk=booked.registration.pk).exists() is False
