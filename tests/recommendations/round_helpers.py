"""Consultation rounds for the tests: a frozen version with a round running now, and the
people of its audience."""

import datetime as dt
import itertools

from django.utils import timezone

from accounts.models import Role
from recommendations import consultation, services
from recommendations.models import ConsultationRound, Paragraph
from tests import factories
from tests.programme_helpers import model_cohort
from tests.recommendations.helpers import document_with_draft

_numbers = itertools.count(1)


def frozen_version(*, actor, recommendations: int = 1, paragraphs: int = 2, slug=None):
    """Version 1.0 of a new document (each with its own slug unless one is given)."""
    slug = slug or f"runde-{next(_numbers)}"
    version = document_with_draft(
        actor=actor, recommendations=recommendations, paragraphs=paragraphs, slug=slug
    )
    return services.version_freeze(version=version, label="1.0", actor=actor)


def running_round(*, actor, version=None, **flags) -> ConsultationRound:
    """A round on ``version`` (a new frozen one if None) that began an hour ago and
    ends in a week; open to the municipal teams unless ``flags`` say otherwise."""
    version = version or frozen_version(actor=actor)
    now = timezone.now()
    round = consultation.round_create(
        version=version,
        title="Erste Beteiligung",
        starts_at=now + dt.timedelta(minutes=1),
        ends_at=now + dt.timedelta(days=7),
        question_guide="Was fehlt?",
        actor=actor,
        **flags,
    )
    # Created for the future (the service refuses a start in the past), then moved back.
    ConsultationRound.objects.filter(pk=round.pk).update(starts_at=now - dt.timedelta(hours=1))
    round.refresh_from_db()
    return round


def model_coordinator(**kwargs):
    """A coordinator of a model municipality (approved, not suspended)."""
    coordinator = factories.CoordinatorFactory(**kwargs)
    model_cohort([coordinator.municipality])
    return coordinator


def team_member(municipality, **kwargs):
    return factories.UserFactory(
        role=Role.TEAM_MEMBER,
        municipality=municipality,
        municipality_approved_at=timezone.now(),
        **kwargs,
    )


def first_paragraph(round: ConsultationRound) -> Paragraph:
    return Paragraph.objects.filter(recommendation__version=round.version).order_by(
        "recommendation__position", "position"
    )[0]
