"""Work that runs by itself on a schedule: the jobs, their times, and the slots that are due.

Each app declares its scheduled jobs in a ``jobs.py`` module with ``register(Job(...))``;
``jobs()`` imports those modules of all installed apps once, so core never imports the
apps above it. A job calls the same function its management command calls; the
command stays for manual runs.

A schedule divides time into slots: ``Every(minutes=10)`` has a slot at every tenth minute
of the hour, ``Daily(at=time(3, 0))`` one a day at 03:00 in the site's time zone. The
scheduler (``manage.py run_scheduler``) enqueues the latest slot of a job that has not yet
been enqueued; ``core.models.ScheduledRun`` holds one record per job and slot, so that a
slot runs at most once however many schedulers look at it.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Every:
    """A slot at every ``minutes`` minutes, counted from midnight UTC."""

    minutes: int

    def __post_init__(self):
        if self.minutes <= 0 or (24 * 60) % self.minutes:
            raise ImproperlyConfigured("Every(minutes=…) must divide a day into whole slots.")

    def latest_slot(self, now: dt.datetime) -> dt.datetime:
        """The start of the slot ``now`` lies in."""
        now = now.astimezone(dt.UTC)
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        step = dt.timedelta(minutes=self.minutes)
        return midnight + ((now - midnight) // step) * step

    def next_slot(self, now: dt.datetime) -> dt.datetime:
        return self.latest_slot(now) + dt.timedelta(minutes=self.minutes)

    def describe(self) -> str:
        if self.minutes == 60:
            return str(_("stündlich"))
        if self.minutes % 60 == 0:
            hours = self.minutes // 60
            return ngettext("alle %(count)d Stunde", "alle %(count)d Stunden", hours) % {
                "count": hours
            }
        return ngettext("alle %(count)d Minute", "alle %(count)d Minuten", self.minutes) % {
            "count": self.minutes
        }


@dataclass(frozen=True)
class Daily:
    """One slot a day at ``at`` in the site's time zone (Europe/Berlin)."""

    at: dt.time

    def _on(self, day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, self.at))

    def latest_slot(self, now: dt.datetime) -> dt.datetime:
        today = timezone.localdate(now)
        slot = self._on(today)
        return slot if slot <= now else self._on(today - dt.timedelta(days=1))

    def next_slot(self, now: dt.datetime) -> dt.datetime:
        return self._on(timezone.localdate(self.latest_slot(now)) + dt.timedelta(days=1))

    def describe(self) -> str:
        return _("täglich um %(time)s Uhr") % {"time": self.at.strftime("%H:%M")}


Schedule = Every | Daily


@dataclass(frozen=True)
class Job:
    """A piece of scheduled work.

    ``name`` is the stable key the runs are recorded under; ``command`` the management
    command that does the same by hand; ``label`` says in German what the job does;
    ``run`` is called without arguments and may return a count of what it did.
    """

    name: str
    command: str
    label: str
    schedule: Schedule
    run: Callable[[], object]


_jobs: dict[str, Job] = {}
_discovered = False


def register(job: Job) -> Job:
    """Add ``job`` to the schedule. A second job under the same name or for the same
    command is a mistake and refused; registering the very same job again (a module
    imported twice) changes nothing."""
    known = _jobs.get(job.name)
    if known is not None and known != job:
        raise ImproperlyConfigured(f"A scheduled job named {job.name!r} is already registered.")
    if any(other.command == job.command and other.name != job.name for other in _jobs.values()):
        raise ImproperlyConfigured(f"The command {job.command!r} already has a scheduled job.")
    _jobs[job.name] = job
    return job


def jobs() -> list[Job]:
    """Every registered job, in the order the apps are installed."""
    global _discovered
    if not _discovered:
        autodiscover_modules("jobs")
        _discovered = True
    return list(_jobs.values())


def job_get(name: str) -> Job | None:
    jobs()
    return _jobs.get(name)
