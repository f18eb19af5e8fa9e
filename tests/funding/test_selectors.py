"""Reading money for the pages: what an expense can be booked on, the set-up check,
the grant's trail and the office's look-ups."""

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from core.audit import audit_record
from core.choices import ActivityStatus
from core.models import AuditEntry
from funding import selectors
from network.models import Workshop
from tests import factories
from tests.funding.helpers import draft, funded_cohort, grant_of
from tests.programme_helpers import berlin, module_version
from trainings.models import TrainingSession

pytestmark = pytest.mark.django_db


def _session(call, municipality, when, **extra):
    return TrainingSession.objects.create(
        call=call,
        municipality=municipality,
        module_version=module_version(),
        starts_at=when,
        location="Rathaus",
        **extra,
    )


def _workshop(call, municipality, when, **extra):
    return Workshop.objects.create(
        call=call,
        municipality=municipality,
        title="Austausch",
        format="empowerment",
        starts_at=when,
        **extra,
    )


def test_expense_measures_are_the_years_own_not_cancelled_ones_in_order():
    aachen, bonn = factories.MunicipalityFactory(), factories.MunicipalityFactory()
    call = funded_cohort([aachen, bonn])
    later = _session(call, aachen, berlin(2026, 6, 1, 9, 0))
    earlier = _session(call, aachen, berlin(2026, 3, 1, 9, 0))
    _session(call, aachen, berlin(2027, 3, 1, 9, 0))
    _session(call, aachen, berlin(2026, 4, 1, 9, 0), status=ActivityStatus.CANCELLED)
    _session(call, bonn, berlin(2026, 4, 1, 9, 0))
    workshop = _workshop(call, aachen, berlin(2026, 5, 1, 14, 0))
    _workshop(call, aachen, berlin(2026, 5, 2, 14, 0), status=ActivityStatus.CANCELLED)
    _workshop(call, bonn, berlin(2026, 5, 1, 14, 0))

    sessions, workshops = selectors.expense_measures(
        call=call, municipality_id=aachen.pk, year=2026
    )

    assert (sessions, workshops) == ([earlier, later], [workshop])


def test_funding_setup_missing_without_years():
    call = funded_cohort(count=1)

    assert selectors.funding_setup_missing(call=call, years=[]) is True


def test_funding_setup_missing_false_when_every_grant_exists():
    call = funded_cohort(count=2)

    years = selectors.funding_years(call=call)

    assert selectors.funding_setup_missing(call=call, years=years) is False


def test_funding_setup_missing_true_when_a_grant_is_missing():
    aachen = factories.MunicipalityFactory()
    call = funded_cohort([aachen, factories.MunicipalityFactory()])
    grant_of(call, aachen, 2027).delete()

    years = selectors.funding_years(call=call)

    assert selectors.funding_setup_missing(call=call, years=years) is True


def test_grant_audit_entries_hold_the_grant_and_its_bookings_only():
    aachen, bonn = factories.MunicipalityFactory(), factories.MunicipalityFactory()
    call = funded_cohort([aachen, bonn])
    grant, other = grant_of(call, aachen, 2026), grant_of(call, bonn, 2026)
    expense = draft(grant, "100.00")
    draft(other, "50.00")
    audit_record(actor=None, action="test.grant_touched", obj=grant)

    entries = selectors.grant_audit_entries(
        grant=grant, line_ids=[], expense_ids=[expense.pk], payment_ids=[]
    )

    assert sorted({(e.object_type, e.object_id) for e in entries}) == [
        ("funding.expense", str(expense.pk)),
        ("funding.grant", str(grant.pk)),
    ]


def test_funding_year_for_office_outside_any_programme_is_not_found():
    funding_year = selectors.funding_years(call=funded_cohort(count=1))[0]
    outside = factories.CallFactory()
    funding_year.call = outside
    funding_year.save()

    with pytest.raises(Http404):
        selectors.funding_year_get_office(funding_year_pk=funding_year.pk)


def _deletion(*, actor, minutes_ago: int = 0):
    municipality = factories.MunicipalityFactory()
    entry = audit_record(actor=actor, action="funding.expense_deleted", obj=municipality)
    AuditEntry.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return municipality.pk


def test_deleted_just_now_finds_the_persons_deletion_within_the_window():
    person = factories.CoordinatorFactory()
    pk = _deletion(actor=person, minutes_ago=4)

    found = selectors.deleted_just_now(actor=person, action="funding.expense_deleted", object_pk=pk)

    assert found is True


def test_deleted_just_now_ignores_a_deletion_before_the_window():
    person = factories.CoordinatorFactory()
    pk = _deletion(actor=person, minutes_ago=6)

    found = selectors.deleted_just_now(actor=person, action="funding.expense_deleted", object_pk=pk)

    assert found is False


def test_deleted_just_now_ignores_another_persons_deletion():
    pk = _deletion(actor=factories.CoordinatorFactory())

    found = selectors.deleted_just_now(
        actor=factories.CoordinatorFactory(), action="funding.expense_deleted", object_pk=pk
    )

    assert found is False


def test_deleted_just_now_ignores_another_action():
    person = factories.CoordinatorFactory()
    pk = _deletion(actor=person)

    found = selectors.deleted_just_now(
        actor=person, action="funding.plan_line_deleted", object_pk=pk
    )

    assert found is False
