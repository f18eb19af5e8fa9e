"""Reminding reviewers of open reviews: by the office on a page, or daily by a task.

An assignment is reminded at most once per calendar day (Europe/Berlin), however
often the office clicks or the task runs.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from calls.models import Call
from core.mail import mail_enqueue
from reviews.models import Assignment, Screening


def _open() -> QuerySet[Assignment]:
    """Assignments that still wait for a review: the application is submitted and
    eligible, the reviewer has neither submitted nor declared a conflict."""
    return Assignment.objects.filter(
        application__status=Application.Status.SUBMITTED,
        application__screening__status=Screening.Status.ELIGIBLE,
        conflict_declared_at__isnull=True,
        submitted_at__isnull=True,
    )


def calls_with_open_assignments() -> list[int]:
    """The ids of the calls in which some review is still open."""
    return sorted(set(_open().values_list("application__call_id", flat=True)))


def open_assignments(
    *, call: Call, reviewer_id: int | None = None, overdue_only: bool = False
) -> list[Assignment]:
    """Open (not submitted) assignments in the call, for reminders."""
    qs = (
        _open()
        .filter(application__call=call)
        .select_related("reviewer", "application", "application__municipality")
    )
    if reviewer_id is not None:
        qs = qs.filter(reviewer_id=reviewer_id)
    if overdue_only:
        qs = qs.filter(due_date__lt=timezone.localdate())
    return list(qs.order_by("reviewer_id", "due_date", "pk"))


@dataclass
class RemindResult:
    sent: list[Assignment] = field(default_factory=list)
    # Open assignments left out because they were reminded today already.
    skipped: list[Assignment] = field(default_factory=list)


def assignments_remind(
    *, assignments: Iterable[Assignment], now: dt.datetime | None = None
) -> RemindResult:
    """Remind reviewers of open reviews: one mail per reviewer listing them.

    An assignment is reminded at most once per calendar day (Europe/Berlin);
    submitted ones, declared conflicts and applications no longer eligible are never
    reminded.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    result = RemindResult()
    with transaction.atomic():
        ids = [a.pk for a in assignments]
        locked = list(
            Assignment.objects.select_for_update(of=("self",))
            .filter(
                pk__in=ids,
                submitted_at__isnull=True,
                conflict_declared_at__isnull=True,
                application__screening__status=Screening.Status.ELIGIBLE,
            )
            .select_related("reviewer", "application", "application__municipality")
            .order_by("reviewer_id", "due_date", "pk")
        )
        by_reviewer: dict[int, list[Assignment]] = defaultdict(list)
        for assignment in locked:
            last = assignment.last_reminded_at
            if last is not None and timezone.localdate(last) == today:
                result.skipped.append(assignment)
                continue
            by_reviewer[assignment.reviewer_id].append(assignment)
        for items in by_reviewer.values():
            reviewer = items[0].reviewer
            Assignment.objects.filter(pk__in=[a.pk for a in items]).update(last_reminded_at=now)
            mail_enqueue(
                to=[reviewer.email],
                template="reviews/mail/reminder",
                context={
                    "name": reviewer.full_name,
                    "items": [
                        {
                            "reference": a.application.reference,
                            "municipality": a.application.municipality.name,
                            "due_date": a.due_date.strftime("%d.%m.%Y"),
                            "overdue": a.due_date < today,
                        }
                        for a in items
                    ],
                    "path": reverse("reviews:my_assignments"),
                },
                language=reviewer.language,
            )
            result.sent.extend(items)
    return result
