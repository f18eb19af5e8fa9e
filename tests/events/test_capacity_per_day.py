"""The places count per day: a full first day does not fill the second."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events.models import Status
from events.services import registration_cancel, registration_change
from tests.events.helpers import make_event, register

pytestmark = pytest.mark.django_db

DAY_1 = dt.date(2030, 4, 20)


@pytest.fixture
def event():
    return make_event(capacity=1, days=[DAY_1, DAY_1 + dt.timedelta(days=1)])


def test_someone_for_day_two_only_is_confirmed_while_day_one_is_full(event):
    first, second = event.days.all()
    register(event, "Alex A", days=[first])
    booked = register(event, "Berit B", days=[second]).registration
    assert booked.status == Status.CONFIRMED


def test_someone_for_both_days_waits_when_one_day_is_full(event):
    first, _second = event.days.all()
    register(event, "Alex A", days=[first])
    assert register(event, "Berit B").registration.status == Status.WAITING


def test_a_place_freed_on_a_day_goes_to_whoever_waits_for_that_day(event):
    first, second = event.days.all()
    day_one = register(event, "Alex A", days=[first]).registration
    register(event, "Berit B", days=[second])
    waits_for_day_two = register(event, "Cem C", days=[second]).registration
    waits_for_day_one = register(event, "Dora D", days=[first]).registration
    registration_cancel(registration=day_one)
    waits_for_day_one.refresh_from_db()
    waits_for_day_two.refresh_from_db()
    assert (waits_for_day_two.status, waits_for_day_one.status) == (
        Status.WAITING,
        Status.OFFERED,
    )


def test_adding_a_full_day_to_a_confirmed_registration_is_refused(event):
    first, second = event.days.all()
    register(event, "Alex A", days=[first])
    mine = register(event, "Berit B", days=[second]).registration
    with pytest.raises(ValidationError) as raised:
        registration_change(registration=mine, answers={}, days=[first, second])
    assert raised.value.message_dict == {
        "tage": ["An einem der neu gewählten Tage ist kein Platz mehr frei."]
    }
    assert list(mine.days.all()) == [second]
