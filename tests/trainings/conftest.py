import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Role
from core.choices import ActivityStatus
from tests import factories
from tests.programme_helpers import model_cohort
from trainings.models import ModuleStatus, ModuleVersion, TrainingModule, TrainingSession


@pytest.fixture
def call(municipality, other_municipality):
    return model_cohort([municipality, other_municipality])


@pytest.fixture
def other_coordinator(other_municipality, call):
    return factories.CoordinatorFactory(
        municipality=other_municipality, email="koordination@andersdorf.de"
    )


@pytest.fixture
def trainer(db):
    return factories.UserFactory(role=Role.TRAINER, full_name="Tara Trainerin")


def municipal_user(municipality, role):
    return factories.UserFactory(
        role=role, municipality=municipality, municipality_approved_at=timezone.now()
    )


def make_version(*, code="grundlagen", title="Grundlagen", number=1, published=True, trainers=()):
    module = TrainingModule.objects.get_or_create(code=code)[0]
    version = ModuleVersion.objects.create(
        module=module,
        number=number,
        title=title,
        aims="Rassismus in Verwaltungsroutinen erkennen.",
        target_group="Alle Beschäftigten",
        duration_minutes=180,
        format="in_person",
        status=ModuleStatus.PILOT if published else ModuleStatus.DRAFT,
        published_at=timezone.now() if published else None,
    )
    version.trainers.add(*trainers)
    return version


def make_session(*, call, municipality, version, days=-3, status=ActivityStatus.PLANNED, **extra):
    return TrainingSession.objects.create(
        call=call,
        municipality=municipality,
        module_version=version,
        starts_at=timezone.now() + dt.timedelta(days=days),
        location="Rathaus",
        status=status,
        **extra,
    )


@pytest.fixture
def version(trainer):
    return make_version(trainers=[trainer])
