"""The demo tells the truth about time: loaded on any day of the programme, it shows the
first call's own dates, records what happened before that day and plans what comes after.

Each day loads the register and the demo once with the clock frozen on it (the clock then
runs on from there), and all tests of that day read the same load.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Role, User
from advisory.models import Assessment, Meeting
from applications.models import Application
from calls.models import Call
from core.choices import ActivityStatus
from events.models import Attendance
from funding.models import Expense, PaymentRequest
from network.models import Workshop
from programme.cohort import programme_calls
from programme.models import EvaluationDate, ProgrammeDocument, Status
from progress.selectors import cohort_matrix
from selection.models import Decision
from tests.conftest import demo_in_module_transaction
from trainings.models import TrainingSession

BERLIN = ZoneInfo("Europe/Berlin")
DAYS = [dt.date(2026, 3, 15), dt.date(2027, 6, 30), dt.date(2028, 11, 20)]


@pytest.fixture(scope="module", params=DAYS, ids=str)
def demo_day(request, django_db_setup, django_db_blocker):
    traveller = time_machine.travel(dt.datetime.combine(request.param, dt.time(11), BERLIN))
    traveller.start()
    try:
        with demo_in_module_transaction(django_db_blocker):
            yield request.param
    finally:
        traveller.stop()


@pytest.fixture
def today(demo_day, db):
    assert timezone.localdate() == demo_day
    return demo_day


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_demo_call_page_shows_the_call_s_own_deadline(client, today):
    html = client.get("/ausschreibungen/modellkommunen-2025/").content.decode()

    assert "Bewerbungsschluss 24. Oktober 2025, 23:59 Uhr" in text(html)
    assert "1. November 2025 bis 31. Dezember 2028" in text(html)
    assert "Bewerbungsfrist abgelaufen" in html
    assert "Jetzt bewerben" not in html


def test_demo_jena_application_was_submitted_before_the_deadline(client, today):
    application = Application.objects.get(
        call__slug="modellkommunen-2025", municipality__key="16053000"
    )
    coordinator = User.objects.filter(
        role=Role.COORDINATOR, municipality=application.municipality, is_active=True
    ).first()
    client.force_login(coordinator)

    html = client.get(f"/bewerbung/{application.pk}/").content.decode()

    assert "eingereicht am 20. Oktober 2025" in text(html)


def test_demo_cohort_runs_from_the_call_s_programme_start(client, today):
    client.force_login(User.objects.get(email__startswith="programm-koordination@"))

    html = client.get("/programmbereich/").content.decode()

    assert "(Laufzeit 1. November 2025 bis 31. Dezember 2028)" in text(html)


def test_demo_home_shows_past_dates_under_rueckblick(client, today):
    html = client.get("/").content.decode()
    past = html[html.index('data-dates="past"') :]

    assert "3. November 2025, 14:00 bis 16:00 Uhr: Online-Auftakt der Modellkommunen" in text(past)
    assert "Bewerbungsfrist abgelaufen" in text(html)


def test_demo_second_call_is_open_and_decides_before_its_programme_starts(today):
    first = Call.objects.get(slug="modellkommunen-2025")
    second = Call.objects.get(slug="modellkommunen-2027")

    assert second.is_open()
    assert first.deadline < second.deadline
    assert timezone.localdate(second.deadline) < second.decision_date < second.programme_start


def test_demo_cohort_was_decided_on_the_call_s_decision_day(today):
    decision = Decision.objects.get(call__slug="modellkommunen-2025")

    assert timezone.localdate(decision.released_at) == dt.date(2025, 10, 28)
    assert decision.adopted_at <= decision.released_at


def test_demo_records_nothing_as_done_that_lies_in_the_future(today):
    now = timezone.now()
    held = {"status": ActivityStatus.HELD}

    assert not TrainingSession.objects.filter(starts_at__gt=now, **held).exists()
    assert not Workshop.objects.filter(starts_at__gt=now, **held).exists()
    assert not Meeting.objects.filter(starts_at__gt=now, **held).exists()
    assert not Meeting.objects.filter(minutes_at__gt=now).exists()
    assert not EvaluationDate.objects.filter(starts_at__gt=now, **held).exists()
    assert not Assessment.objects.filter(submitted_at__gt=now).exists()
    assert not ProgrammeDocument.objects.filter(occurred_on__gt=today).exists()
    assert not Attendance.objects.filter(checked_in_at__gt=now).exists()
    assert not Application.objects.filter(submitted_at__gt=now).exists()
    assert not Expense.objects.filter(spent_on__gt=today).exists()
    assert not Expense.objects.filter(submitted_at__gt=now).exists()
    assert not Expense.objects.filter(decided_at__gt=now).exists()
    assert not PaymentRequest.objects.filter(requested_at__gt=now).exists()
    assert not PaymentRequest.objects.filter(paid_on__gt=today).exists()


def test_demo_plans_work_after_the_load_day_only(today):
    now = timezone.now()
    planned = TrainingSession.objects.filter(status=ActivityStatus.PLANNED)

    assert planned.exists()
    assert not planned.filter(starts_at__lte=now).exists()


def test_demo_last_year_s_expenses_were_decided_before_its_payment_request(today):
    requests = PaymentRequest.objects.filter(grant__funding_year__year=today.year - 1)

    assert requests.exists()
    for request in requests:
        decided = request.grant.expenses.filter(status="approved").values_list(
            "decided_at", flat=True
        )
        assert max(decided) <= request.requested_at, request.grant


def statuses(call, number):
    matrix = cohort_matrix(call=call, year_number=number)
    return {m.name: {cell.status for cell in cells} for m, cells in matrix.rows}


def test_demo_shows_a_missed_target_only_for_a_year_that_has_ended(today):
    call = programme_calls().get()
    ended = [y.number for y in call.programme_years.all() if y.ends_on < today]

    missed = {
        number: [name for name, found in statuses(call, number).items() if Status.MISSED in found]
        for number in (1, 2, 3)
    }

    assert len(missed[1]) == (1 if 1 in ended else 0)
    assert missed[2] == missed[3] == []


def test_demo_running_year_shows_met_and_on_track(today):
    call = programme_calls().get()
    running = call.programme_years.get(starts_on__lte=today, ends_on__gte=today)

    found = set().union(*statuses(call, running.number).values())

    assert {Status.MET, Status.ON_TRACK} <= found
