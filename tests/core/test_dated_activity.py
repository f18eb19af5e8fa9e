"""The fields every dated activity of the programme shares (``core.models.DatedActivity``)."""

import pytest

from advisory.models import Meeting
from core.choices import ActivityStatus
from network.models import Workshop
from programme.models import EvaluationDate
from trainings.models import TrainingSession

ACTIVITIES = [TrainingSession, Workshop, EvaluationDate, Meeting]


@pytest.mark.parametrize("model", ACTIVITIES, ids=lambda model: model.__name__)
def test_a_new_activity_is_planned(model):
    assert model().status == ActivityStatus.PLANNED


@pytest.mark.parametrize("model", ACTIVITIES, ids=lambda model: model.__name__)
def test_activities_are_listed_by_start_then_in_the_order_they_were_recorded(model):
    assert model._meta.ordering == ["starts_at", "pk"]


@pytest.mark.parametrize("model", ACTIVITIES, ids=lambda model: model.__name__)
def test_an_activity_offers_only_the_three_states(model):
    assert model._meta.get_field("status").choices == ActivityStatus.choices
