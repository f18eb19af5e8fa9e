"""Enqueueing scheduled jobs when due, and running them in the task worker.

Many app servers may each start ``manage.py run_scheduler``. Two safeguards keep the work
single:

- a lease (``SchedulerLease``): only the scheduler holding it enqueues; it renews the lease
  on every tick, and another takes over once it has expired;
- a unique record per job and slot (``ScheduledRun``): even two schedulers that both
  believe they hold the lease (a clock jump, a stalled process) enqueue a slot once, since
  the second insert fails and takes its enqueued task back with it.

The worker (``manage.py db_worker``) runs ``scheduled_job_run`` and records start, end and
outcome on the run.
"""

import datetime as dt
import logging
import os
import socket
import uuid

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from core.models import ScheduledRun, SchedulerLease
from core.scheduling import Job, job_get, jobs

logger = logging.getLogger(__name__)

LEASE_NAME = "scheduler"
LEASE_SECONDS = 90
# Runs are kept this long for the office's overview, then deleted.
RUNS_KEPT = dt.timedelta(days=30)


def _holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[:100]


def error_text(exc: BaseException) -> str:
    """A short description of a failure that carries no personal data: the kind of the
    exception, never its message (which may quote an address or a name)."""
    kind = type(exc)
    module = kind.__module__
    name = kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"
    return name[:200]


@task()
def scheduled_job_run(*, run_id: int) -> str:
    """Run the job of one scheduled slot and record how it went."""
    claimed = ScheduledRun.objects.filter(pk=run_id, outcome=ScheduledRun.Outcome.ENQUEUED).update(
        outcome=ScheduledRun.Outcome.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    run = ScheduledRun.objects.get(pk=run_id)
    job = job_get(run.job)
    outcome, error = ScheduledRun.Outcome.OK, ""
    try:
        if job is None:
            raise LookupError(run.job)
        job.run()
    except Exception as exc:
        logger.exception("Scheduled job %s of %s failed", run.job, run.slot.isoformat())
        outcome, error = ScheduledRun.Outcome.FAILED, error_text(exc)
    ScheduledRun.objects.filter(pk=run_id).update(
        outcome=outcome, error=error, finished_at=timezone.now()
    )
    return outcome


class Scheduler:
    """One scheduler process: holds the lease and enqueues the due slots of ``jobs``."""

    def __init__(self, *, job_list: list[Job] | None = None, holder: str | None = None):
        self.jobs = job_list if job_list is not None else jobs()
        self.holder = holder or _holder_name()

    def lease_take(self, now: dt.datetime | None = None) -> bool:
        """Take or renew the lease; False while another scheduler holds it."""
        now = now or timezone.now()
        until = now + dt.timedelta(seconds=LEASE_SECONDS)
        try:
            with transaction.atomic():
                SchedulerLease.objects.get_or_create(
                    name=LEASE_NAME, defaults={"holder": "", "expires_at": now}
                )
        except IntegrityError:
            pass  # another scheduler created the row at the same moment
        taken = (
            SchedulerLease.objects.filter(name=LEASE_NAME)
            .filter(Q(holder=self.holder) | Q(expires_at__lte=now))
            .update(holder=self.holder, expires_at=until)
        )
        return taken == 1

    def lease_release(self) -> None:
        SchedulerLease.objects.filter(name=LEASE_NAME, holder=self.holder).update(
            holder="", expires_at=timezone.now()
        )

    def due(self, now: dt.datetime | None = None) -> list[tuple[Job, dt.datetime]]:
        """The latest slot of every job that has not been enqueued yet. Slots missed while
        no scheduler ran are not repeated one by one: the latest stands for them."""
        now = now or timezone.now()
        slots = [(job, job.schedule.latest_slot(now)) for job in self.jobs]
        wanted = Q(pk__in=[])
        for job, slot in slots:
            wanted |= Q(job=job.name, slot=slot)
        known = set(ScheduledRun.objects.filter(wanted).values_list("job", "slot"))
        return [(job, slot) for job, slot in slots if (job.name, slot) not in known]

    def enqueue(self, due: list[tuple[Job, dt.datetime]], now: dt.datetime | None = None):
        """Record and enqueue each slot in ``due``; a slot another scheduler recorded in the
        meantime is left to that one. Returns the new runs."""
        now = now or timezone.now()
        created = []
        for job, slot in due:
            try:
                with transaction.atomic():
                    run = ScheduledRun.objects.create(job=job.name, slot=slot)
                    # With the database backend the task row commits with the run, or not at all.
                    scheduled_job_run.enqueue(run_id=run.pk)
            except IntegrityError:
                continue
            created.append(run)
        if created:
            ScheduledRun.objects.filter(slot__lt=now - RUNS_KEPT).delete()
        return created

    def enqueue_due(self, now: dt.datetime | None = None) -> list[ScheduledRun]:
        return self.enqueue(self.due(now), now)

    def tick(self, now: dt.datetime | None = None) -> list[ScheduledRun]:
        """What the scheduler does every few seconds: if it holds the lease, enqueue what
        is due."""
        if not self.lease_take(now):
            return []
        return self.enqueue_due(now)
