"""Reminders of the proofs of use: the coordinators of a model municipality hear once,
a few days before it, that an interim or the final proof is due.

The reminder is recorded (``DeadlineReminder``, unique per call, municipality, kind and
due date) before any mail is queued, and the mails go out only when that record is
committed: a second run on the same day, or two runs at once, mail nobody twice. A due
date the office moves is a new deadline and is reminded again.
"""

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from calls.models import Call
from core.mail import mail_enqueue
from funding.deadlines import final_due, funding_settings, interim_due
from funding.models import (
    DeadlineReminder,
    FundingSettings,
    FundingYear,
    NarrativeReport,
    ReportKind,
    ReportStatus,
)
from programme.cohort import cohort_municipalities, programme_calls

TEMPLATE = "funding/mail/deadline_reminder"

# A report in one of these states needs no reminder any more.
HANDED_IN = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


def _deadlines(*, call: Call, config: FundingSettings) -> list[tuple[str, int | None, dt.date]]:
    """(kind, year, due date) of every proof the call's municipalities owe."""
    years = FundingYear.objects.filter(call=call).order_by("year").values_list("year", flat=True)
    if not years:
        return []
    found = [(ReportKind.INTERIM, year, interim_due(year=year, config=config)) for year in years]
    found.append(
        (ReportKind.FINAL, None, final_due(programme_end=call.programme_end, config=config))
    )
    return found


def deadline_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind the coordinators of every proof due within the reminder window (today
    in Europe/Berlin up to the due date) that is neither submitted nor approved.
    Returns the number of reminders recorded (one per municipality and deadline)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    config = funding_settings()
    window = dt.timedelta(days=config.reminder_days)
    sent = 0
    for call in programme_calls():
        due = [
            (kind, year, due_on)
            for kind, year, due_on in _deadlines(call=call, config=config)
            if due_on - window <= today <= due_on
        ]
        if due:
            sent += _remind_call(call=call, due=due)
    return sent


def _remind_call(*, call: Call, due: list[tuple[str, int | None, dt.date]]) -> int:
    municipalities = list(cohort_municipalities(call=call))
    handed_in = set(
        NarrativeReport.objects.filter(
            call=call, municipality__in=municipalities, status__in=HANDED_IN
        ).values_list("municipality_id", "kind", "year")
    )
    coordinators = defaultdict(list)
    for person in User.objects.filter(
        role=Role.COORDINATOR,
        municipality__in=municipalities,
        municipality_approved_at__isnull=False,
        is_active=True,
    ).order_by("pk"):
        coordinators[person.municipality_id].append(person)
    sent = 0
    for municipality in municipalities:
        # Without an active coordinator nothing is recorded, so one approved later
        # still gets the reminder on the next run.
        recipients = coordinators[municipality.pk]
        if not recipients:
            continue
        for kind, year, due_on in due:
            if (municipality.pk, kind, year) in handed_in:
                continue
            if kind == ReportKind.FINAL:
                path = reverse("funding_reports:final")
            else:
                path = reverse("funding_reports:narrative", args=[year])
            try:
                with transaction.atomic():
                    DeadlineReminder.objects.create(
                        call=call, municipality=municipality, kind=kind, due_on=due_on
                    )
                    for person in recipients:
                        mail_enqueue(
                            to=[person.email],
                            template=TEMPLATE,
                            context={
                                "name": person.full_name,
                                "municipality": municipality.name,
                                "final": kind == ReportKind.FINAL,
                                "year": str(year or ""),  # never "2,025" in English
                                "due_on": due_on.strftime("%d.%m.%Y"),
                                "path": path,
                            },
                            language=person.language,
                        )
            except IntegrityError:
                continue  # reminded already, by an earlier or a parallel run
            sent += 1
    return sent
