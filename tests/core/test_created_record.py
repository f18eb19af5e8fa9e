"""Who made a record and when (``core.models.CreatedRecord``)."""

import datetime as dt

import pytest
from django.utils import timezone

from programme.models import EvaluationDate
from tests import factories


def application(person):
    return factories.ApplicationFactory(created_by=person)


def evaluation_date(person):
    return EvaluationDate.objects.create(
        call=factories.CallFactory(),
        municipality=factories.MunicipalityFactory(),
        starts_at=dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC),
        created_by=person,
    )


RECORDS = [application, evaluation_date]


@pytest.mark.parametrize("make", RECORDS, ids=lambda make: make.__name__)
def test_a_record_keeps_when_it_was_made(db, make):
    before = timezone.now()

    record = make(factories.UserFactory())

    assert before <= record.created_at <= timezone.now()


@pytest.mark.parametrize("make", RECORDS, ids=lambda make: make.__name__)
def test_a_record_outlives_the_account_of_the_person_who_made_it(db, make):
    person = factories.UserFactory()
    record = make(person)

    person.delete()

    record.refresh_from_db()
    assert record.created_by is None
