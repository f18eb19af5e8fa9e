"""Saving an event with its days and questions, and its audit entry."""

import datetime as dt

import pytest

from accounts.models import Role
from core.models import AuditEntry
from events.editing import event_save
from events.forms import DayFormSet, EventForm, QuestionFormSet
from events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

EVENT = {
    "title": "Netzwerktreffen Jena",
    "place": "Jena",
    "audience": "everyone",
    "capacity": "40",
    "retention_months": "6",
    "offer_hours": "48",
    "registration_deadline": "2026-04-01T12:00",
}
ONE_DAY = {
    "tage-TOTAL_FORMS": "1",
    "tage-INITIAL_FORMS": "0",
    "tage-0-date": "2026-04-20",
    "tage-0-start_time": "10:00",
    "tage-0-end_time": "17:00",
}
NO_QUESTIONS = {"fragen-TOTAL_FORMS": "0", "fragen-INITIAL_FORMS": "0"}


def _forms(data: dict, event: Event | None = None):
    form = EventForm(data, instance=event)
    days = DayFormSet(data, instance=event or Event(), prefix="tage")
    questions = QuestionFormSet(data, instance=event or Event(), prefix="fragen")
    assert form.is_valid() and days.is_valid() and questions.is_valid()
    return {"form": form, "days": days, "questions": questions}


def test_event_save_creates_event_with_its_days_and_records_the_creation():
    office = factories.UserFactory(role=Role.OFFICE)

    event = event_save(**_forms(EVENT | ONE_DAY | NO_QUESTIONS), actor=office)

    assert [(d.date, d.start_time) for d in event.days.all()] == [
        (dt.date(2026, 4, 20), dt.time(10))
    ]
    entry = AuditEntry.objects.get(object_id=str(event.pk))
    assert (entry.action, entry.actor) == ("event_created", office)


def test_event_save_of_an_existing_event_records_an_update():
    office = factories.UserFactory(role=Role.OFFICE)
    event = event_save(**_forms(EVENT | ONE_DAY | NO_QUESTIONS), actor=office)
    day = event.days.get()
    kept_day = {
        "tage-TOTAL_FORMS": "1",
        "tage-INITIAL_FORMS": "1",
        "tage-0-id": str(day.pk),
        "tage-0-date": "2026-04-20",
        "tage-0-start_time": "10:00",
        "tage-0-end_time": "17:00",
    }

    saved = event_save(
        **_forms(EVENT | {"place": "Erfurt"} | kept_day | NO_QUESTIONS, event), actor=office
    )

    assert (saved.pk, Event.objects.get().place) == (event.pk, "Erfurt")
    assert list(
        AuditEntry.objects.filter(object_id=str(event.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["event_created", "event_updated"]
