"""Reminders go out once per change, respect mutes, and the office digest once a week."""

import email
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role
from programme.models import Reminder, ReminderKind, ReminderMute, Status
from progress.reminders import office_digest_send, reminders_check
from progress.status import programme_progress
from tests import factories
from tests.helpers import login_verified
from tests.programme_helpers import berlin, model_cohort, session

pytestmark = pytest.mark.django_db

# Five weeks before the end of the first programme year: little time left.
LATE_IN_YEAR_ONE = berlin(2026, 11, 26, 6, 0)


@pytest.fixture
def cohort(db):
    municipality = factories.MunicipalityFactory(name="Aachen")
    call = model_cohort([municipality])
    coordinator = factories.CoordinatorFactory(municipality=municipality)
    return {"call": call, "municipality": municipality, "coordinator": coordinator}


def at_risk_count(cohort, now):
    progress = programme_progress(
        call=cohort["call"], municipality_ids=[cohort["municipality"].pk], now=now
    )
    year = progress.years[0]
    return sum(
        cell.status == Status.AT_RISK for cell in progress.row(cohort["municipality"].pk, year)
    )


def test_each_commitment_at_risk_is_reminded_once(cohort, django_capture_on_commit_callbacks):
    expected = at_risk_count(cohort, LATE_IN_YEAR_ONE)
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_check(now=LATE_IN_YEAR_ONE)
    with django_capture_on_commit_callbacks(execute=True):
        second = reminders_check(now=LATE_IN_YEAR_ONE)
    assert expected > 0
    assert (first, second) == (expected, 0)
    assert len(mail.outbox) == expected
    assert mail.outbox[0].to == [cohort["coordinator"].email]
    assert Reminder.objects.filter(sent_at__isnull=False).count() == expected


def test_a_commitment_turning_at_risk_again_is_a_new_change(
    cohort, django_capture_on_commit_callbacks
):
    call, municipality = cohort["call"], cohort["municipality"]
    reminders_check(now=LATE_IN_YEAR_ONE)
    training = Reminder.objects.filter(subject__contains="Schulungsmodule").count()
    first = session(call, municipality, berlin(2026, 3, 1, 10, 0))
    session(call, municipality, berlin(2026, 4, 1, 10, 0))
    reminders_check(now=LATE_IN_YEAR_ONE)  # met: no reminder
    first.status = "cancelled"
    first.save()
    with django_capture_on_commit_callbacks(execute=True):
        again = reminders_check(now=LATE_IN_YEAR_ONE)
    assert (training, again) == (1, 1)
    assert Reminder.objects.filter(subject__contains="Schulungsmodule").count() == 2


def test_a_muted_coordinator_gets_no_reminders(cohort):
    ReminderMute.objects.create(user=cohort["coordinator"], kind=ReminderKind.AT_RISK)
    assert reminders_check(now=LATE_IN_YEAR_ONE) == 0
    assert Reminder.objects.count() == 0


def test_the_office_digest_goes_out_once_per_week(cohort, django_capture_on_commit_callbacks):
    office = factories.UserFactory(role=Role.OFFICE)
    with django_capture_on_commit_callbacks(execute=True):
        monday = office_digest_send(now=berlin(2026, 11, 23, 7, 0))
        friday = office_digest_send(now=berlin(2026, 11, 27, 7, 0))
        next_week = office_digest_send(now=berlin(2026, 11, 30, 7, 0))
    assert (monday, friday, next_week) == (1, 0, 1)
    assert [m.to for m in mail.outbox] == [[office.email], [office.email]]
    assert "Aachen" in mail.outbox[0].body


def test_the_reminder_mail_reaches_an_smtp_server(
    cohort, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reminders_check(now=LATE_IN_YEAR_ONE)
    assert len(smtp_sink.messages) >= 1
    message = email.message_from_bytes(smtp_sink.messages[0].content)
    assert message["To"] == cohort["coordinator"].email
    subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
    assert subject.startswith("Zusage gefährdet: ")


def test_people_see_their_reminders_and_can_mute_them(client, cohort):
    reminders_check(now=LATE_IN_YEAR_ONE)
    login_verified(client, cohort["coordinator"])
    page = client.get(reverse("programme:reminders")).content.decode()
    assert "Zusage gefährdet" in page
    response = client.post(reverse("programme:reminders"), {})
    assert response.status_code == 302
    assert list(ReminderMute.objects.values_list("user", "kind")) == [
        (cohort["coordinator"].pk, ReminderKind.AT_RISK)
    ]
    client.post(reverse("programme:reminders"), {ReminderKind.AT_RISK: "on"})
    assert ReminderMute.objects.count() == 0


def test_the_daily_command_runs_check_and_digest(cohort, django_capture_on_commit_callbacks):
    factories.UserFactory(role=Role.OFFICE)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_programme_reminders", stdout=out)
    assert Reminder.objects.filter(kind=ReminderKind.OFFICE_DIGEST).count() == 1
    assert out.getvalue().endswith("office digests, 0 retried\n")


def test_a_reminder_muted_before_it_is_sent_is_not_sent(cohort, django_capture_on_commit_callbacks):
    from programme.reminders import reminders_send_pending

    reminders_check(now=LATE_IN_YEAR_ONE)  # stored, the sending task not yet run
    ReminderMute.objects.create(user=cohort["coordinator"], kind=ReminderKind.AT_RISK)
    with django_capture_on_commit_callbacks(execute=True):
        retried = reminders_send_pending()
    assert (retried, len(mail.outbox)) == (0, 0)


def test_no_digest_after_the_programme_has_ended(cohort):
    factories.UserFactory(role=Role.OFFICE)
    office_digest_send(now=berlin(2029, 1, 8, 7, 0))
    reminder = Reminder.objects.get(kind=ReminderKind.OFFICE_DIGEST)
    assert "Zurzeit läuft keine Kohorte." in reminder.body
