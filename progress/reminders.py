"""Reminders about commitments: coordinators hear when one turns "at risk", the office
gets a weekly digest.

The daily check stores the status it saw per municipality, commitment and year
(``CommitmentState``); a reminder is keyed by the change it reports, so re-running the
check, or running it twice at once, never mails the same change twice. Storing and sending
a reminder is ``programme.reminders``.
"""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import Role, User
from programme.cohort import cohort_municipalities, programme_calls
from programme.models import CommitmentState, ReminderKind, Status
from programme.periods import current_year
from programme.reminders import muted_user_ids, reminder_create, reminders_send_pending
from progress.status import programme_progress


def reminders_check(*, now: dt.datetime | None = None) -> int:
    """Compare today's statuses with the stored ones; remind coordinators of each
    municipality whose commitment turned "at risk". Returns the number of reminders."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    muted = muted_user_ids(kind=ReminderKind.AT_RISK)
    for call in programme_calls():
        with transaction.atomic():
            # One check per cohort at a time: a second run waits and then sees no change.
            type(call).objects.select_for_update().get(pk=call.pk)
            sent += _check_call(call=call, now=now, today=today, muted=muted)
    return sent


def _check_call(*, call, now, today, muted) -> int:
    municipalities = list(cohort_municipalities(call=call))
    progress = programme_progress(
        call=call, municipality_ids=[m.pk for m in municipalities], now=now, whole_cohort=True
    )
    year = current_year(progress.years, today)
    if year is None or not (year.starts_on <= today <= year.ends_on):
        return 0
    states = {
        (s.municipality_id, s.commitment_id): s
        for s in CommitmentState.objects.filter(call=call, year=year)
    }
    coordinators = defaultdict(list)
    for person in User.objects.filter(
        role=Role.COORDINATOR,
        municipality__in=[m.pk for m in municipalities],
        municipality_approved_at__isnull=False,
        is_active=True,
    ).order_by("pk"):
        coordinators[person.municipality_id].append(person)
    sent = 0
    for municipality in municipalities:
        for commitment in progress.commitments:
            cell = progress.cell(municipality.pk, commitment, year)
            state = states.get((municipality.pk, commitment.pk))
            if state is None:
                state = CommitmentState.objects.create(
                    call=call,
                    municipality=municipality,
                    commitment=commitment,
                    year=year,
                    status=cell.status,
                    changed_at=now,
                )
            elif state.status != cell.status:
                state.status = cell.status
                state.changed_at = now
                state.changes += 1
                state.save(update_fields=["status", "changed_at", "changes"])
            else:
                continue
            if cell.status != Status.AT_RISK:
                continue
            for person in coordinators[municipality.pk]:
                if person.pk in muted:
                    continue
                with translation.override(person.language):
                    context = {
                        "municipality": municipality.name,
                        "commitment": commitment.title,
                        "year": year.number,
                        "year_end": date_format(year.ends_on, "DATE_FORMAT"),
                        "done": cell.done,
                        "scheduled": cell.scheduled,
                        "target": cell.target,
                        "rule": str(cell.rule),
                    }
                sent += reminder_create(
                    user=person,
                    kind=ReminderKind.AT_RISK,
                    key=f"state-{state.pk}-{state.changes}",
                    template="progress/mail/at_risk",
                    context=context,
                )
    return sent


def office_digest_send(*, now: dt.datetime | None = None) -> int:
    """Send the office the week's digest, once per ISO week and person."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    iso = today.isocalendar()
    key = f"{iso.year}-W{iso.week:02d}"
    since = now - dt.timedelta(days=7)
    cohorts = []
    for call in programme_calls():
        municipalities = list(cohort_municipalities(call=call))
        progress = programme_progress(
            call=call, municipality_ids=[m.pk for m in municipalities], now=now, whole_cohort=True
        )
        year = current_year(progress.years, today)
        if year is None or today > progress.years[-1].ends_on:
            continue  # before the years are set, or after the programme: nothing to watch
        names = {m.pk: m.name for m in municipalities}
        attention = [
            (names[m.pk], cell.commitment.title, cell.status)
            for m in municipalities
            for cell in progress.row(m.pk, year)
            if cell.status in (Status.AT_RISK, Status.MISSED)
        ]
        changed = CommitmentState.objects.filter(call=call, changed_at__gte=since).count()
        cohorts.append({"call": call, "year": year, "attention": attention, "changed": changed})
    muted = muted_user_ids(kind=ReminderKind.OFFICE_DIGEST)
    sent = 0
    for person in User.objects.filter(role=Role.OFFICE, is_active=True).order_by("pk"):
        if person.pk in muted:
            continue
        with translation.override(person.language):
            context = {
                "week": key,
                "cohorts": [
                    {
                        "call": c["call"].title,
                        "year": c["year"].number,
                        "changed": c["changed"],
                        "attention": [
                            f"{name}: {title} – {Status(status).label}"
                            for name, title, status in c["attention"]
                        ],
                    }
                    for c in cohorts
                ],
            }
        sent += reminder_create(
            user=person,
            kind=ReminderKind.OFFICE_DIGEST,
            key=key,
            template="progress/mail/office_digest",
            context=context,
        )
    return sent


def daily_reminders_run(*, now: dt.datetime | None = None) -> tuple[int, int, int]:
    """The daily work of ``send_programme_reminders``: retry reminders that failed to
    send, remind of commitments that turned at risk, and on the first run of a week send
    the office its digest. Returns (reminders, digests, retried)."""
    retried = reminders_send_pending()
    changed = reminders_check(now=now)
    digests = office_digest_send(now=now)
    return changed, digests, retried
