"""A call with seven applications, reviews and coordinators, for the selection tests.

Scores: Altstadt 5.00, Bergdorf 4.50, Carlshafen 4.00 (all three in Nordrhein-Westfalen),
Dornburg 3.00 (Thüringen), Eichenkreis 2.50 (a Landkreis in Thüringen), Feldheim without
a review, Gutenfels submitted but not eligible.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Role, User
from applications.models import Answer, Application
from calls.models import Call, Question
from municipalities.models import Municipality
from reviews.models import Assignment, Criterion, Score, Screening
from tests import factories
from tests.helpers import login_verified

NEEDS_CHOICES = [
    {"value": "jugendamt", "label_de": "Jugendamt", "label_en": "Youth welfare office"},
    {"value": "personal", "label_de": "Personal", "label_en": "Staff"},
    {"value": "wohnen", "label_de": "Wohnen", "label_en": "Housing"},
]

# name: (Land code, level, population, size class, urbanisation, latitude, longitude)
PLACES = {
    "Altstadt": ("05", "gemeinde", 60_000, "medium", "01", "51.2", "6.8"),
    "Bergdorf": ("05", "gemeinde", 8_000, "small", "03", "51.5", "7.9"),
    "Carlshafen": ("05", "gemeinde", 15_000, "small", "02", "52.0", "8.5"),
    "Dornburg": ("16", "gemeinde", 30_000, "medium", "02", "51.0", "11.6"),
    "Eichenkreis": ("16", "kreis", None, "kreis", "03", "50.7", "11.0"),
    "Feldheim": ("05", "gemeinde", 5_000, "small", "03", "50.9", "7.0"),
    "Gutenfels": ("05", "gemeinde", 12_000, "small", "03", "50.5", "7.3"),
}
# name: (criterion scores of the one review, ECCAR answer, needs)
REVIEWS = {
    "Altstadt": ((5, 5), "yes", ["jugendamt"]),
    "Bergdorf": ((4, 5), "no", ["wohnen"]),
    "Carlshafen": ((4, 4), "no", ["personal"]),
    "Dornburg": ((3, 3), "no", ["jugendamt", "wohnen"]),
    "Eichenkreis": ((2, 3), "no", ["personal"]),
    "Feldheim": (None, "no", ["wohnen"]),
    "Gutenfels": (None, "no", ["jugendamt"]),
}
COORDINATORS = {
    "Altstadt": [("eins@altstadt.de", "de"), ("zwei@altstadt.de", "de")],
    "Dornburg": [("en@dornburg.de", "en")],
}
LANDS = {"05": "Nordrhein-Westfalen", "16": "Thüringen"}


@dataclass
class World:
    call: Call
    office: User
    apps: dict[str, Application]
    coordinators: dict[str, list[User]]


def _municipality(name: str, number: int) -> Municipality:
    code, level, population, size_class, urbanisation, lat, lon = PLACES[name]
    land = factories.LandFactory(code=code, name=LANDS[code])
    kreis = level == "kreis"
    return factories.MunicipalityFactory(
        name=name,
        key=f"{code}{number:03d}" if kreis else f"{code}{number:06d}",
        level=Municipality.Level.KREIS if kreis else Municipality.Level.GEMEINDE,
        kind=Municipality.Kind.LANDKREIS if kreis else Municipality.Kind.STADT,
        land=land,
        population=population,
        size_class=size_class,
        urbanisation=urbanisation,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
    )


def build_world(*, office: User) -> World:
    """The call, its questionnaire, applications, screenings, reviews and coordinators."""
    # The application deadline has passed: the selection starts only after it.
    now = timezone.now()
    call = factories.CallFactory(
        title_de="Modellkommunen 2025",
        title_en="Model municipalities 2025",
        places=3,
        opens_at=now - dt.timedelta(days=60),
        deadline=now - dt.timedelta(days=2),
    )
    version = factories.VersionFactory(call=call)
    section = factories.SectionFactory(version=version, title_de="Bedarfe")
    eccar = factories.QuestionFactory(
        section=section, key="eccar_mitglied", type=Question.Type.YES_NO, label_de="ECCAR?"
    )
    needs = factories.QuestionFactory(
        section=section,
        key="schwerpunkte",
        type=Question.Type.MULTIPLE_CHOICE,
        label_de="Schwerpunkte",
        choices=NEEDS_CHOICES,
    )
    criteria = [
        Criterion.objects.create(call=call, key=key, label_de=key.title(), position=n)
        for n, key in enumerate(("rueckhalt", "motivation"), start=1)
    ]
    reviewer = factories.UserFactory(role=Role.REVIEWER)

    apps, coordinators = {}, {}
    for number, name in enumerate(PLACES, start=1):
        application = factories.ApplicationFactory(
            call=call,
            version=version,
            municipality=_municipality(name, number),
            reference=f"KFA-T-{name}",
            status=Application.Status.SUBMITTED,
            submitted_at=timezone.now(),
        )
        scores, eccar_answer, need_values = REVIEWS[name]
        Answer.objects.create(application=application, question=eccar, value=eccar_answer)
        Answer.objects.create(application=application, question=needs, value=need_values)
        if name == "Gutenfels":
            Screening.objects.create(
                application=application,
                status=Screening.Status.NOT_ELIGIBLE,
                reason="Kein politischer Rückhalt",
                decided_at=timezone.now(),
            )
        else:
            Screening.objects.create(
                application=application,
                status=Screening.Status.ELIGIBLE,
                decided_at=timezone.now(),
            )
        if scores is not None:
            assignment = Assignment.objects.create(
                application=application,
                reviewer=reviewer,
                due_date=timezone.localdate(),
                recommendation="yes",
                submitted_at=timezone.now(),
            )
            Score.objects.bulk_create(
                Score(assignment=assignment, criterion=criterion, score=value)
                for criterion, value in zip(criteria, scores, strict=True)
            )
        apps[name] = application
        coordinators[name] = [
            factories.CoordinatorFactory(
                email=email, language=language, municipality=application.municipality
            )
            for email, language in COORDINATORS.get(name, [])
        ]
    return World(call=call, office=office, apps=apps, coordinators=coordinators)


@pytest.fixture
def world(db):
    return build_world(office=factories.UserFactory(role=Role.OFFICE))


@pytest.fixture
def office_client(client, world):
    login_verified(client, world.office)
    return client
