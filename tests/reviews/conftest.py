"""A call with the questions the formal checks read, and helpers to build applications,
screenings, assignments and reviews in one line each."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Role
from applications.models import Answer, Application
from calls.models import Question
from reviews.models import Assignment, Criterion, Score, Screening
from tests import factories
from tests.helpers import login_verified

RATSBESCHLUSS_CHOICES = [
    {"value": "ja", "label_de": "Ja"},
    {"value": "geplant", "label_de": "Geplant"},
    {"value": "nein", "label_de": "Nein"},
]
COMPLETE_ANSWERS = {
    "ratsbeschluss": "ja",
    "verpflichtung_laufzeit": "yes",
    "motivation": "Wir wollen gerechte Abläufe.",
}


@pytest.fixture
def call(db):
    """An open call whose questionnaire asks for the council decision, one commitment and
    a motivation, all required."""
    call = factories.CallFactory(title_de="Modellkommunen 2025")
    version = factories.VersionFactory(call=call)
    section = factories.SectionFactory(version=version, title_de="Rückhalt")
    factories.QuestionFactory(
        section=section,
        key="ratsbeschluss",
        label_de="Ratsbeschluss?",
        type=Question.Type.SINGLE_CHOICE,
        choices=RATSBESCHLUSS_CHOICES,
        required=True,
    )
    factories.QuestionFactory(
        section=section,
        key="verpflichtung_laufzeit",
        label_de="Drei Jahre dabei?",
        type=Question.Type.YES_NO,
        required=True,
        required_value="yes",
    )
    factories.QuestionFactory(
        section=section,
        key="motivation",
        label_de="Ihre Motivation",
        type=Question.Type.LONG_TEXT,
        required=True,
    )
    return call


def submit_application(call, *, municipality=None, answers=None, reference=None, **extra):
    """A submitted application of ``call`` with ``answers`` (by question key; default: all
    complete), written straight to the database."""
    kwargs = {"reference": reference} if reference else {}
    application = factories.ApplicationFactory(
        call=call,
        municipality=municipality or factories.MunicipalityFactory(),
        status=Application.Status.SUBMITTED,
        submitted_at=timezone.now(),
        **kwargs,
        **extra,
    )
    values = COMPLETE_ANSWERS if answers is None else answers
    questions = {q.key: q for q in Question.objects.filter(version=application.version)}
    Answer.objects.bulk_create(
        Answer(application=application, question=questions[key], value=value)
        for key, value in values.items()
    )
    return application


def mark_eligible(application) -> Screening:
    return Screening.objects.create(
        application=application, status=Screening.Status.ELIGIBLE, decided_at=timezone.now()
    )


def make_reviewer(**kwargs):
    return factories.UserFactory(role=Role.REVIEWER, **kwargs)


def assign(application, reviewer, *, due_date=None) -> Assignment:
    return Assignment.objects.create(
        application=application,
        reviewer=reviewer,
        due_date=due_date or timezone.localdate() + dt.timedelta(days=14),
    )


def add_criteria(call, *keys: str) -> list[Criterion]:
    return [
        Criterion.objects.create(call=call, key=key, label_de=key.title(), position=n)
        for n, key in enumerate(keys, start=1)
    ]


def submit_review(assignment, scores: dict[str, int], recommendation: str = "yes"):
    """Store a submitted review with ``scores`` by criterion key."""
    criteria = {c.key: c for c in Criterion.objects.filter(call=assignment.application.call)}
    Score.objects.bulk_create(
        Score(assignment=assignment, criterion=criteria[key], score=value)
        for key, value in scores.items()
    )
    assignment.recommendation = recommendation
    assignment.submitted_at = timezone.now()
    assignment.save()
    return assignment


@pytest.fixture
def reviewer(db):
    return make_reviewer(email="gutachten@example.org", full_name="Rita Gutachterin")


@pytest.fixture
def reviewer_client(client, reviewer):
    login_verified(client, reviewer)
    return client
