"""A released cohort of model municipalities with programme years and commitments, for
tests of the programme area."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import Role
from applications.models import Application
from programme.services import commitments_ensure_defaults, programme_years_set
from selection.models import Decision, Outcome, SelectionRun
from tests import factories
from tests.helpers import login_verified

# The demo's years: the first runs from 1 Nov 2025 to the end of 2026.
DEFAULT_PERIODS = [
    (dt.date(2025, 11, 1), dt.date(2026, 12, 31)),
    (dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
    (dt.date(2028, 1, 1), dt.date(2028, 12, 31)),
]


def model_cohort(municipalities, *, call=None, periods=DEFAULT_PERIODS, released=True):
    """Make ``municipalities`` the model municipalities of ``call`` (a new call if None):
    a submitted application each, selected by a (released) decision; with the programme
    years ``periods`` and the standard commitments. Returns the call."""
    call = call or factories.CallFactory(
        programme_start=periods[0][0], programme_end=periods[-1][1]
    )
    run = SelectionRun.objects.create(
        call=call,
        inputs={},
        result={},
        status="optimal",
        objective=Decimal("0"),
        top_objective=Decimal("0"),
        seconds=Decimal("0"),
    )
    decision = Decision.objects.create(
        call=call, run=run, released_at=timezone.now() if released else None
    )
    version = factories.VersionFactory(call=call)
    applications = Application.objects.bulk_create(
        Application(
            call=call,
            municipality=municipality,
            version=version,
            reference=f"KFA-P-{call.pk}-{municipality.pk}",
            status=Application.Status.SUBMITTED,
            submitted_at=timezone.now(),
        )
        for municipality in municipalities
    )
    Outcome.objects.bulk_create(
        Outcome(decision=decision, application=a, proposed_kind="selected", kind="selected")
        for a in applications
    )
    programme_years_set(call=call, periods=list(periods))
    commitments_ensure_defaults(call=call)
    return call


def berlin(*args) -> dt.datetime:
    """An aware datetime in Europe/Berlin."""
    from zoneinfo import ZoneInfo

    return dt.datetime(*args, tzinfo=ZoneInfo("Europe/Berlin"))


def module_version():
    """A published training module version (one per test database)."""
    from trainings.models import ModuleVersion, TrainingModule

    module, _ = TrainingModule.objects.get_or_create(code="grundlagen")
    version, _ = ModuleVersion.objects.get_or_create(
        module=module,
        number=1,
        defaults={
            "title": "Grundlagen Rassismuskritik",
            "aims": "Begriffe und Mechanismen kennen",
            "target_group": "alle Beschäftigten",
            "duration_minutes": 180,
            "format": "in_person",
            "status": "pilot",
            "published_at": timezone.now(),
        },
    )
    return version


def session(call, municipality, starts_at, status="held", participants=12):
    from trainings.models import TrainingSession

    return TrainingSession.objects.create(
        call=call,
        municipality=municipality,
        module_version=module_version(),
        starts_at=starts_at,
        location="Rathaus",
        status=status,
        participants=participants if status == "held" else None,
    )


def cohort_of_two() -> dict:
    """Aachen and Bonn as the model municipalities of a new call, and Aachen's
    coordinator."""
    a, b = factories.MunicipalityFactory(name="Aachen"), factories.MunicipalityFactory(name="Bonn")
    call = model_cohort([a, b])
    coordinator = factories.CoordinatorFactory(municipality=a)
    return {"call": call, "a": a, "b": b, "coordinator": coordinator}


def office_log_in(client):
    """Log ``client`` in as a new office person (second factor done); returns them."""
    office = factories.UserFactory(role=Role.OFFICE)
    login_verified(client, office)
    return office
