"""Field tests for the tests: a frozen version of the recommendations and a cohort of
model municipalities whose coordinators plan tests through the services."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from recommendations import field_tests, services
from recommendations.models import Version
from tests import factories
from tests.helpers import minimal_pdf
from tests.programme_helpers import model_cohort
from tests.recommendations.helpers import document_with_draft, office_user


def frozen_version(
    *, recommendations: int = 2, paragraphs: int = 2, slug="empfehlungen"
) -> Version:
    """A document whose version 1.0 (one chapter, ``recommendations`` recommendations)
    is frozen."""
    office = office_user()
    draft = document_with_draft(
        actor=office, recommendations=recommendations, paragraphs=paragraphs, slug=slug
    )
    return services.version_freeze(version=draft, label="1.0", actor=office)


def cohort(count: int = 2):
    """(call, coordinators): ``count`` model municipalities, each with its coordinator."""
    coordinators = [factories.CoordinatorFactory() for _ in range(count)]
    call = model_cohort([c.municipality for c in coordinators])
    return call, coordinators


def plan(*, call, coordinator, recommendation, department="buergeramt", **changes):
    values = {
        "plan_what": "Bescheide in einfacher Sprache",
        "plan_where": "Bürgeramt Mitte, Team Pässe",
        "plan_who": "Frau Yılmaz",
        "starts_on": dt.date(2026, 2, 1),
        "ends_on": dt.date(2026, 4, 30),
        **changes,
    }
    return field_tests.field_test_plan(
        call=call,
        municipality=coordinator.municipality,
        recommendation=recommendation,
        department=department,
        actor=coordinator,
        **values,
    )


def record(*, field_test, actor, result="implemented", now=None, **texts):
    return field_tests.field_test_result_record(
        field_test=field_test, result=result, actor=actor, now=now, **texts
    )


def pdf_upload(name="nachweis.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf(), content_type="application/pdf")
