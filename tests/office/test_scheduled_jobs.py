"""The office's page of scheduled jobs: what each does, when it runs, how it last went."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import ScheduledRun
from core.scheduling import jobs
from tests import factories
from tests.helpers import login_verified

URL = reverse("office:scheduled_jobs")


def rows(response) -> dict:
    return {state.job.name: state for state in response.context["states"]}


def test_the_page_lists_every_job_with_label_schedule_and_next_run(office_client):
    response = office_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    for job in jobs():
        assert str(job.label) in html
        assert f'<code lang="en">{job.command}</code>' in html
    assert "alle 10 Minuten" in html and "täglich um 03:00 Uhr" in html and "stündlich" in html
    assert html.count("noch nie") == len(jobs())
    assert all(state.next_run > timezone.now() for state in rows(response).values())


def test_the_page_shows_the_latest_run_and_its_error(office_client):
    now = timezone.now()
    ScheduledRun.objects.create(
        job="clearsessions",
        slot=now - dt.timedelta(days=2),
        outcome=ScheduledRun.Outcome.FAILED,
        error="OldError",
    )
    ScheduledRun.objects.create(
        job="clearsessions",
        slot=now - dt.timedelta(days=1),
        started_at=now - dt.timedelta(days=1),
        finished_at=now - dt.timedelta(days=1),
        outcome=ScheduledRun.Outcome.FAILED,
        error="smtplib.SMTPServerDisconnected",
    )
    ScheduledRun.objects.create(
        job="evaluation_close",
        slot=now,
        started_at=now,
        finished_at=now,
        outcome=ScheduledRun.Outcome.OK,
    )

    response = office_client.get(URL)

    states = rows(response)
    assert states["clearsessions"].failed
    assert states["clearsessions"].last_run.error == "smtplib.SMTPServerDisconnected"
    assert not states["evaluation_close"].failed
    html = response.content.decode()
    assert "smtplib.SMTPServerDisconnected" in html and "OldError" not in html
    assert "fehlgeschlagen" in html and "erfolgreich" in html


def test_the_page_is_in_english_too(office_client):
    office_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = office_client.get(URL)

    html = response.content.decode()
    assert "Scheduled jobs" in html
    assert "Delete expired sessions" in html
    assert "every 10 minutes" in html and "daily at 03:00" in html


def test_the_query_count_does_not_grow_with_runs(office_client, django_assert_num_queries):
    now = timezone.now()
    office_client.get(URL)  # warm up the session and the user
    for days in range(1, 4):
        for job in jobs():
            ScheduledRun.objects.create(job=job.name, slot=now - dt.timedelta(days=days))

    with django_assert_num_queries(6):
        office_client.get(URL)
    for job in jobs():
        ScheduledRun.objects.create(job=job.name, slot=now)
    with django_assert_num_queries(6):
        office_client.get(URL)


def test_the_office_index_links_to_the_page(office_client):
    assert URL in office_client.get(reverse("office:index")).content.decode()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.REVIEWER])
def test_other_roles_may_not_see_the_page(db, client, role):
    login_verified(client, factories.UserFactory(role=role))

    assert client.get(URL).status_code == 403


def test_the_page_says_whether_a_scheduler_is_running(office_client):
    from core.scheduler import Scheduler

    idle = office_client.get(URL).content.decode()
    scheduler = Scheduler(job_list=[], holder="server-1")
    scheduler.lease_take()
    running = office_client.get(URL).content.decode()
    scheduler.lease_release()
    stopped = office_client.get(URL).content.decode()

    assert "Zurzeit läuft kein Planer" in idle
    assert "Der Planer läuft" in running and "Zurzeit läuft kein Planer" not in running
    assert "Zurzeit läuft kein Planer" in stopped
