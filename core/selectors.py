import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from core.models import Circular, Page, ScheduledRun, SchedulerLease
from core.scheduler import LEASE_NAME, LEASE_SECONDS
from core.scheduling import Job, jobs


def page_get(*, slug: str) -> Page:
    try:
        return Page.objects.get(slug=slug)
    except Page.DoesNotExist as exc:
        raise Http404 from exc


def circulars_list(*, topic: str | None = None) -> QuerySet[Circular]:
    """The circulars in the record, newest first; only those about ``topic`` if given."""
    circulars = Circular.objects.select_related("sender")
    return circulars if topic is None else circulars.filter(topic=topic)


@dataclass(frozen=True)
class JobState:
    """A scheduled job as the office sees it: what it does, when, and how it last went."""

    job: Job
    last_run: ScheduledRun | None
    next_run: dt.datetime

    @property
    def failed(self) -> bool:
        return self.last_run is not None and self.last_run.outcome == ScheduledRun.Outcome.FAILED


def scheduled_jobs_overview(*, now: dt.datetime | None = None) -> list[JobState]:
    """Every scheduled job with its latest run and its next slot, in two queries."""
    now = now or timezone.now()
    job_list = jobs()
    latest = (
        ScheduledRun.objects.values("job").annotate(latest=Max("slot")).values_list("job", "latest")
    )
    pairs = Q(pk__in=[])
    for name, slot in latest:
        pairs |= Q(job=name, slot=slot)
    runs = {run.job: run for run in ScheduledRun.objects.filter(pairs)}
    return [
        JobState(job=job, last_run=runs.get(job.name), next_run=job.schedule.next_slot(now))
        for job in job_list
    ]


def scheduler_checked_at(*, now: dt.datetime | None = None) -> dt.datetime | None:
    """When a running scheduler last looked for due jobs, or None if none holds the lease
    now (no scheduler runs, or the last one stopped)."""
    now = now or timezone.now()
    lease = SchedulerLease.objects.filter(name=LEASE_NAME, expires_at__gt=now).exclude(holder="")
    expires_at = lease.values_list("expires_at", flat=True).first()
    return expires_at - dt.timedelta(seconds=LEASE_SECONDS) if expires_at else None
