"""Reminders of the proofs of use: once per deadline, inside the window before it, never
for a report that is handed in, and counted in Europe/Berlin days."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from funding.deadlines import funding_settings
from funding.models import (
    DeadlineReminder,
    FundingYear,
    NarrativeReport,
    ReportKind,
    ReportStatus,
)
from funding.reminders import deadline_reminders_send
from tests import factories
from tests.funding.helpers import funded_cohort
from tests.programme_helpers import berlin

pytestmark = pytest.mark.django_db

# The interim proof for 2025 is due on 30 April 2026; with the default 14 days the
# reminder window opens on 16 April.
IN_WINDOW = berlin(2026, 4, 20, 8, 0)


@pytest.fixture
def cohort():
    municipality = factories.MunicipalityFactory(name="Aachen")
    call = funded_cohort([municipality])
    coordinator = factories.CoordinatorFactory(municipality=municipality, full_name="Eva Kurz")
    return {"call": call, "municipality": municipality, "coordinator": coordinator}


def run(now, capture):
    with capture(execute=True):
        return deadline_reminders_send(now=now)


def test_interim_reminder_is_sent_within_the_window(cohort, django_capture_on_commit_callbacks):
    sent = run(IN_WINDOW, django_capture_on_commit_callbacks)
    assert sent == 1
    assert [m.to for m in mail.outbox] == [[cohort["coordinator"].email]]
    assert mail.outbox[0].subject == (
        "Erinnerung: Zwischennachweis 2025 fällig am 30.04.2026 (Aachen)"
    )
    assert "Guten Tag Eva Kurz," in mail.outbox[0].body
    assert "/foerderung/berichte/sachbericht/2025/\n" in mail.outbox[0].body
    reminder = DeadlineReminder.objects.get()
    assert (reminder.kind, reminder.due_on) == (ReportKind.INTERIM, dt.date(2026, 4, 30))


def test_interim_reminder_is_sent_once(cohort, django_capture_on_commit_callbacks):
    first = run(IN_WINDOW, django_capture_on_commit_callbacks)
    second = run(IN_WINDOW + dt.timedelta(days=1), django_capture_on_commit_callbacks)
    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1


def test_no_reminder_before_the_window(cohort, django_capture_on_commit_callbacks):
    assert run(berlin(2026, 4, 15, 23, 59), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_reminder_on_the_due_day(cohort, django_capture_on_commit_callbacks):
    assert run(berlin(2026, 4, 30, 23, 0), django_capture_on_commit_callbacks) == 1


def test_no_reminder_after_the_deadline(cohort, django_capture_on_commit_callbacks):
    assert run(berlin(2026, 5, 1, 0, 30), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_window_opens_at_midnight_in_berlin_not_utc(cohort, django_capture_on_commit_callbacks):
    # 23:30 UTC on 15 April is already 16 April in Berlin: the first day of the window.
    late_utc = dt.datetime(2026, 4, 15, 23, 30, tzinfo=dt.UTC)
    assert run(late_utc, django_capture_on_commit_callbacks) == 1


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED])
def test_no_reminder_when_the_report_is_handed_in(
    cohort, django_capture_on_commit_callbacks, status
):
    NarrativeReport.objects.create(
        call=cohort["call"],
        municipality=cohort["municipality"],
        kind=ReportKind.INTERIM,
        year=2025,
        status=status,
    )
    assert run(IN_WINDOW, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_reminder_when_the_report_is_only_a_draft(cohort, django_capture_on_commit_callbacks):
    NarrativeReport.objects.create(
        call=cohort["call"],
        municipality=cohort["municipality"],
        kind=ReportKind.INTERIM,
        year=2025,
        status=ReportStatus.DRAFT,
    )
    assert run(IN_WINDOW, django_capture_on_commit_callbacks) == 1


def test_a_report_of_another_year_does_not_stop_the_reminder(
    cohort, django_capture_on_commit_callbacks
):
    NarrativeReport.objects.create(
        call=cohort["call"],
        municipality=cohort["municipality"],
        kind=ReportKind.INTERIM,
        year=2026,
        status=ReportStatus.SUBMITTED,
    )
    assert run(IN_WINDOW, django_capture_on_commit_callbacks) == 1


def test_inactive_coordinator_gets_no_reminder(cohort, django_capture_on_commit_callbacks):
    other = factories.CoordinatorFactory(municipality=cohort["municipality"], is_active=False)
    run(IN_WINDOW, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[cohort["coordinator"].email]]
    assert other.email not in mail.outbox[0].to


def test_without_active_coordinator_the_reminder_waits(cohort, django_capture_on_commit_callbacks):
    cohort["coordinator"].is_active = False
    cohort["coordinator"].save(update_fields=["is_active"])
    first = run(IN_WINDOW, django_capture_on_commit_callbacks)
    factories.CoordinatorFactory(municipality=cohort["municipality"])
    second = run(IN_WINDOW + dt.timedelta(days=1), django_capture_on_commit_callbacks)
    assert (first, second) == (0, 1)


def test_final_reminder_before_the_final_due_date(cohort, django_capture_on_commit_callbacks):
    # The programme ends on 31 December 2028; the final proof is due six months later.
    sent = run(berlin(2029, 6, 20, 9, 0), django_capture_on_commit_callbacks)
    assert sent == 1
    assert mail.outbox[0].subject == (
        "Erinnerung: Verwendungsnachweis fällig am 30.06.2029 (Aachen)"
    )
    assert DeadlineReminder.objects.get().kind == ReportKind.FINAL


def test_a_moved_due_date_is_reminded_again(cohort, django_capture_on_commit_callbacks):
    run(IN_WINDOW, django_capture_on_commit_callbacks)
    config = funding_settings()
    config.interim_due_day = 25
    config.save()
    assert run(IN_WINDOW + dt.timedelta(days=1), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2


def test_command_reports_the_number_sent(cohort, django_capture_on_commit_callbacks):
    # The command runs at the real time: make last year's interim proof due today.
    today = timezone.localdate()
    FundingYear.objects.get_or_create(
        call=cohort["call"], year=today.year - 1, defaults={"cap": Decimal("10000.00")}
    )
    config = funding_settings()
    config.interim_due_month, config.interim_due_day = today.month, today.day
    config.save()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_funding_reminders", stdout=out)
    assert out.getvalue() == "1 deadline reminders\n"
    assert len(mail.outbox) == 1
