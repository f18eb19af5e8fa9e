"""What a model municipality records for its cohort (``programme.models.MunicipalRecord``
and ``MunicipalActivity``)."""

import datetime as dt

import pytest
from django.db.models import ProtectedError

from network.models import Workshop
from programme.models import EvaluationDate, ProgrammeDocument
from tests import factories
from trainings.models import TrainingSession

MUNICIPAL_ACTIVITIES = [TrainingSession, Workshop, EvaluationDate]


@pytest.mark.parametrize("model", MUNICIPAL_ACTIVITIES, ids=lambda model: model.__name__)
def test_municipal_activities_are_indexed_for_the_counts_per_cohort_and_status(model):
    assert [index.fields for index in model._meta.indexes] == [["call", "status", "starts_at"]]


def test_evaluation_dates_are_listed_by_start_then_in_recorded_order(db):
    call = factories.CallFactory()
    municipality = factories.MunicipalityFactory()
    later = dt.datetime(2027, 3, 2, 9, tzinfo=dt.UTC)
    earlier = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)
    first, second, third = (
        EvaluationDate.objects.create(call=call, municipality=municipality, starts_at=starts_at)
        for starts_at in (later, earlier, later)
    )

    assert list(EvaluationDate.objects.all()) == [second, first, third]


def test_a_municipality_with_recorded_evidence_cannot_be_deleted(db):
    municipality = factories.MunicipalityFactory()
    ProgrammeDocument.objects.create(
        call=factories.CallFactory(),
        municipality=municipality,
        kind="political_backing",
        title="Ratsbeschluss",
        occurred_on=dt.date(2027, 2, 1),
    )

    with pytest.raises(ProtectedError):
        municipality.delete()


def test_only_a_workshop_may_belong_to_no_municipality():
    assert Workshop._meta.get_field("municipality").null is True
    assert TrainingSession._meta.get_field("municipality").null is False
    assert EvaluationDate._meta.get_field("municipality").null is False
