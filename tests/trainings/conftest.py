import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Role
from core.choices import ActivityStatus
from tests import factories
from tests.helpers import minimal_pdf
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


@pytest.fixture
def draft(db):
    """A module version not yet published: the only kind that takes new materials."""
    return make_version(code="entwurf", title="Entwurf", published=False)


@pytest.fixture
def held(call, coordinator, version, trainer):
    """A held session of the coordinator's municipality, with an agenda."""
    session = make_session(
        call=call,
        municipality=coordinator.municipality,
        version=version,
        status=ActivityStatus.HELD,
        participants=12,
        departments="Bürgeramt",
        trainer=trainer,
        agenda_name="Ablauf.pdf",
    )
    session.agenda.save("ablauf.pdf", ContentFile(minimal_pdf()), save=True)
    return session
