"""Scheduled work: the due slots, one scheduler among many, one run per slot, and the
record of each run."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from core import scheduling
from core.models import ScheduledRun
from core.scheduler import Scheduler, error_text
from core.scheduling import Daily, Every, Job, jobs

README = Path(__file__).resolve().parents[2] / "README.md"
NOW = dt.datetime(2026, 3, 10, 14, 37, 12, tzinfo=dt.UTC)


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1


@pytest.fixture
def a_job(monkeypatch):
    """Make a job for the test and register it for the test's duration only."""
    jobs()

    def make(run, *, name="test_job"):
        job = Job(name=name, command=name, label="Testaufgabe", schedule=Every(minutes=10), run=run)
        monkeypatch.setitem(scheduling._jobs, name, job)
        return job

    return make


def test_every_slot_starts_at_the_last_whole_interval():
    assert Every(minutes=10).latest_slot(NOW) == dt.datetime(2026, 3, 10, 14, 30, tzinfo=dt.UTC)
    assert Every(minutes=10).next_slot(NOW) == dt.datetime(2026, 3, 10, 14, 40, tzinfo=dt.UTC)
    assert Every(minutes=60).latest_slot(NOW) == dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)


def test_every_refuses_an_interval_that_does_not_divide_the_day():
    with pytest.raises(ImproperlyConfigured):
        Every(minutes=7)


def test_daily_slot_is_at_local_time_today_or_yesterday():
    daily = Daily(at=dt.time(7, 0))
    berlin_morning = dt.datetime(2026, 3, 10, 5, 30, tzinfo=dt.UTC)  # 06:30 in Berlin

    assert daily.latest_slot(NOW) == dt.datetime(2026, 3, 10, 6, 0, tzinfo=dt.UTC)
    assert daily.latest_slot(berlin_morning) == dt.datetime(2026, 3, 9, 6, 0, tzinfo=dt.UTC)
    assert daily.next_slot(berlin_morning) == dt.datetime(2026, 3, 10, 6, 0, tzinfo=dt.UTC)
    # Summer time: 07:00 in Berlin is 05:00 UTC.
    summer = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
    assert daily.latest_slot(summer) == dt.datetime(2026, 7, 1, 5, 0, tzinfo=dt.UTC)


def readme_scheduled_commands() -> set[str]:
    text = README.read_text()
    section = text[text.index("## Running in production") :]
    section = section[: section.index("\n## ", 1)]
    section = section[section.index("scheduled") :]
    return set(re.findall(r"`manage\.py\s+(\w+)`", section)) - {"db_worker", "run_scheduler"}


def test_each_scheduled_job_is_registered_once_and_covers_the_readme():
    registered = jobs()
    names = [job.name for job in registered]
    commands = [job.command for job in registered]

    assert len(names) == len(set(names))
    assert len(commands) == len(set(commands))
    assert "clearsessions" in commands
    assert readme_scheduled_commands() <= set(commands)
    assert len(readme_scheduled_commands()) >= 12


def test_registering_another_job_under_a_known_name_is_refused():
    known = jobs()[0]

    with pytest.raises(ImproperlyConfigured):
        scheduling.register(Job(known.name, known.name, "x", known.schedule, print))
    with pytest.raises(ImproperlyConfigured):
        scheduling.register(Job(known.name + "_2", known.command, "x", known.schedule, print))
    assert jobs().count(known) == 1


def test_every_job_names_an_existing_management_command():
    from django.core.management import get_commands

    assert {job.command for job in jobs()} <= set(get_commands())


@pytest.mark.django_db
def test_a_due_slot_is_enqueued_once_and_its_run_recorded(a_job):
    counter = Counter()
    scheduler = Scheduler(job_list=[a_job(counter)])

    first = scheduler.tick(NOW)
    again = scheduler.tick(NOW + dt.timedelta(minutes=2))

    assert len(first) == 1 and again == []
    run = ScheduledRun.objects.get()
    assert counter.calls == 1
    assert run.slot == dt.datetime(2026, 3, 10, 14, 30, tzinfo=dt.UTC)
    assert run.outcome == ScheduledRun.Outcome.OK
    assert run.started_at is not None and run.finished_at >= run.started_at
    assert run.error == ""


@pytest.mark.django_db
def test_the_next_slot_runs_again(a_job):
    counter = Counter()
    scheduler = Scheduler(job_list=[a_job(counter)])

    scheduler.tick(NOW)
    scheduler.tick(NOW + dt.timedelta(minutes=10))

    assert counter.calls == 2
    assert ScheduledRun.objects.count() == 2


@pytest.mark.django_db
def test_only_the_scheduler_holding_the_lease_enqueues(a_job):
    counter = Counter()
    job = a_job(counter)
    first = Scheduler(job_list=[job], holder="a")
    second = Scheduler(job_list=[job], holder="b")

    minute = dt.timedelta(minutes=1)
    assert first.tick(NOW) != []
    for minutes in range(1, 12):  # both tick; the first renews its lease each time
        first.tick(NOW + minutes * minute)
        assert second.tick(NOW + minutes * minute + dt.timedelta(seconds=7)) == []
    assert counter.calls == 2  # the slots of 14:30 and 14:40, both by the first
    # Once the holder has stopped renewing, the lease expires and the other takes over.
    assert second.tick(NOW + 20 * minute) != []
    assert first.lease_take(NOW + 20 * minute + dt.timedelta(seconds=5)) is False
    assert counter.calls == 3


@pytest.mark.django_db
def test_two_schedulers_in_one_slot_make_one_run_even_without_the_lease(a_job):
    """Both found the slot free before either recorded it (e.g. after a clock jump both
    think they hold the lease): the unique record per job and slot lets one through."""
    counter = Counter()
    job = a_job(counter)
    first = Scheduler(job_list=[job], holder="a")
    second = Scheduler(job_list=[job], holder="b")

    seen_by_first = first.due(NOW)
    seen_by_second = second.due(NOW)
    made_by_first = first.enqueue(seen_by_first, NOW)
    made_by_second = second.enqueue(seen_by_second, NOW)

    assert len(seen_by_first) == len(seen_by_second) == 1
    assert len(made_by_first) == 1 and made_by_second == []
    assert ScheduledRun.objects.count() == 1
    assert counter.calls == 1


@pytest.mark.django_db
def test_a_failed_run_records_the_kind_of_error_without_its_message(a_job):
    def fails():
        raise ValueError("Mail an erika.mustermann@example.org abgelehnt")

    Scheduler(job_list=[a_job(fails)]).tick(NOW)

    run = ScheduledRun.objects.get()
    assert run.outcome == ScheduledRun.Outcome.FAILED
    assert run.error == "ValueError"
    assert "erika" not in run.error
    assert run.finished_at is not None


def test_error_text_names_the_module_of_a_project_exception():
    class Refused(Exception):
        pass

    assert error_text(Refused("secret@example.org")) == f"{__name__}.{Refused.__qualname__}"


@pytest.mark.django_db
def test_old_runs_are_deleted_when_new_ones_are_made(a_job):
    ScheduledRun.objects.create(job="test_job", slot=NOW - dt.timedelta(days=31))
    ScheduledRun.objects.create(job="test_job", slot=NOW - dt.timedelta(days=29))

    Scheduler(job_list=[a_job(Counter())]).tick(NOW)

    assert sorted(run.slot for run in ScheduledRun.objects.all()) == [
        NOW - dt.timedelta(days=29),
        dt.datetime(2026, 3, 10, 14, 30, tzinfo=dt.UTC),
    ]


@pytest.mark.django_db
def test_the_clearsessions_job_deletes_expired_sessions():
    job = next(job for job in jobs() if job.command == "clearsessions")
    Session.objects.create(session_key="alt", session_data="", expire_date=timezone.now())
    Session.objects.create(
        session_key="neu", session_data="", expire_date=timezone.now() + dt.timedelta(hours=1)
    )

    job.run()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["neu"]


@pytest.mark.django_db
def test_every_registered_job_runs_on_an_empty_database():
    Scheduler().tick(NOW)

    runs = ScheduledRun.objects.all()
    assert {run.job for run in runs} == {job.name for job in jobs()}
    assert [run.error for run in runs if run.outcome != ScheduledRun.Outcome.OK] == []


@pytest.mark.django_db
def test_run_scheduler_once_enqueues_what_is_due(capsys):
    call_command("run_scheduler", "--once")

    assert ScheduledRun.objects.count() == len(jobs())
    assert "clearsessions" in capsys.readouterr().out


def test_make_demo_starts_the_scheduler_beside_the_worker_and_the_web_server():
    makefile = (README.parent / "Makefile").read_text()
    recipe = makefile[makefile.index("\ndemo:") :]
    recipe = recipe[: recipe.index("\n\n")]

    for command in ["manage.py run_scheduler &", "manage.py db_worker", "manage.py runserver"]:
        assert command in recipe


@pytest.mark.django_db
def test_with_the_database_backend_two_schedulers_leave_one_task_in_the_queue(a_job, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    counter = Counter()
    job = a_job(counter)
    first = Scheduler(job_list=[job], holder="a")
    second = Scheduler(job_list=[job], holder="b")

    seen_by_second = second.due(NOW)
    first.tick(NOW)
    second.enqueue(seen_by_second, NOW)
    second.tick(NOW)

    assert DBTaskResult.objects.count() == 1
    run = ScheduledRun.objects.get()
    assert run.outcome == ScheduledRun.Outcome.ENQUEUED and counter.calls == 0
    # What the worker does with the queued task: it runs it, and the run records the outcome.
    queued = DBTaskResult.objects.get()
    queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    run.refresh_from_db()
    assert run.outcome == ScheduledRun.Outcome.OK and counter.calls == 1


@pytest.mark.django_db
def test_run_scheduler_survives_a_database_that_is_away_for_a_moment(monkeypatch, caplog):
    from django.db import OperationalError

    def away(self, now=None):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Scheduler, "tick", away)

    call_command("run_scheduler", "--once")

    assert "could not reach the database" in caplog.text


@pytest.mark.django_db
def test_a_task_delivered_twice_runs_its_job_once(a_job):
    from core.scheduler import scheduled_job_run

    counter = Counter()
    a_job(counter)
    run = ScheduledRun.objects.create(job="test_job", slot=NOW)

    first = scheduled_job_run.call(run_id=run.pk)
    second = scheduled_job_run.call(run_id=run.pk)

    assert (first, second) == ("ok", "skipped")
    assert counter.calls == 1


@pytest.mark.django_db
def test_a_run_of_a_job_no_longer_registered_is_recorded_as_failed():
    from core.scheduler import scheduled_job_run

    run = ScheduledRun.objects.create(job="removed_job", slot=NOW)

    scheduled_job_run.call(run_id=run.pk)

    run.refresh_from_db()
    assert run.outcome == ScheduledRun.Outcome.FAILED and run.error == "LookupError"
