"""The office's list of narrative reports says when each proof is due and marks what is
overdue: the interim proof of a year is due on 30 April of the next year (or the day the
office set), the final one months after the programme ends."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Role
from funding import narrative
from funding.models import FundingSettings, NarrativeReport, ReportKind, ReportStatus
from tests import factories
from tests.funding.helpers import funded_cohort
from tests.helpers import login_verified
from tests.programme_helpers import berlin

pytestmark = pytest.mark.django_db


@pytest.fixture
def aachen():
    return factories.MunicipalityFactory(name="Aachen")


@pytest.fixture
def call(aachen):
    return funded_cohort([aachen])


def _cells(call, today):
    overview = narrative.reports_of_call(call=call, today=today)
    [(_municipality, cells)] = overview.rows
    return overview, cells


def test_each_column_has_its_due_date(call):
    overview, _cells_ = _cells(call, dt.date(2026, 12, 7))
    assert [(c.year, c.due_on) for c in overview.columns] == [
        (2025, dt.date(2026, 4, 30)),
        (2026, dt.date(2027, 4, 30)),
        (2027, dt.date(2028, 4, 30)),
        (2028, dt.date(2029, 4, 30)),
        (None, dt.date(2029, 6, 30)),
    ]


def test_a_report_not_begun_is_overdue_the_day_after_its_due_date(call):
    _o, on_the_day = _cells(call, dt.date(2026, 4, 30))
    _o, day_after = _cells(call, dt.date(2026, 5, 1))
    assert on_the_day[0].overdue is False
    assert day_after[0].overdue is True
    assert day_after[1].overdue is False


def test_a_draft_or_returned_report_past_its_date_is_overdue(call, aachen):
    report = NarrativeReport.objects.create(
        call=call, municipality=aachen, kind=ReportKind.INTERIM, year=2025
    )
    assert _cells(call, dt.date(2026, 5, 1))[1][0].overdue is True
    report.status = ReportStatus.RETURNED
    report.save()
    assert _cells(call, dt.date(2026, 5, 1))[1][0].overdue is True


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED])
def test_a_handed_in_report_is_never_overdue(call, aachen, status):
    NarrativeReport.objects.create(
        call=call, municipality=aachen, kind=ReportKind.INTERIM, year=2025, status=status
    )
    assert _cells(call, dt.date(2026, 12, 7))[1][0].overdue is False


def test_the_due_date_follows_the_office_settings(call):
    FundingSettings.objects.create(pk=1, interim_due_month=6, interim_due_day=15)
    overview, cells = _cells(call, dt.date(2026, 5, 1))
    assert overview.columns[0].due_on == dt.date(2026, 6, 15)
    assert cells[0].overdue is False


@time_machine.travel(berlin(2026, 12, 7, 10, 0), tick=False)
def test_office_list_shows_due_dates_and_overdue_flags(client, call):
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    html = client.get(reverse("funding_office_reports:reports", args=[call.pk])).content.decode()
    assert "fällig am 30.04.2026" in html
    assert "fällig am 30.06.2029" in html
    assert html.count("überfällig seit 30.04.2026") == 1
    assert html.count("data-overdue") == 1


@time_machine.travel(berlin(2026, 12, 7, 10, 0), tick=False)
def test_municipality_sees_when_its_proofs_are_due_and_which_is_overdue(client, call, aachen):
    coordinator = factories.CoordinatorFactory(municipality=aachen)
    NarrativeReport.objects.create(
        call=call,
        municipality=aachen,
        kind=ReportKind.INTERIM,
        year=2026,
        status=ReportStatus.SUBMITTED,
    )
    login_verified(client, coordinator)
    html = client.get(reverse("funding_reports:index")).content.decode()
    assert html.count("data-overdue") == 1
    assert "überfällig seit 30.04.2026" in html
    assert "fällig am 30.04.2027 – eingereicht" in html
    assert "fällig am 30.06.2029" in html


def test_municipality_cells_are_its_own(call, aachen):
    other = factories.MunicipalityFactory(name="Bonn")
    NarrativeReport.objects.create(
        call=call, municipality=other, kind=ReportKind.INTERIM, year=2025
    )
    cells = narrative.report_cells_of_municipality(
        call=call, municipality_id=aachen.pk, today=dt.date(2026, 5, 1)
    )
    assert cells[2025].report is None
    assert cells[2025].overdue is True
