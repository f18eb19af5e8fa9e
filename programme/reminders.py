"""Reminders about commitments: coordinators hear when one turns "at risk", the office
gets a weekly digest.

The daily check stores the status it saw per municipality, commitment and year
(``CommitmentState``); a reminder is keyed by the change it reports, so re-running the
check, or running it twice at once, never mails the same change twice. Each reminder is
kept (people see theirs on the reminders page) and sent by a background task that marks
it sent; ``reminders_send_pending`` retries any that failed.
"""

import datetime as dt
from collections import defaultdict

from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_tasks import task

from accounts.models import Role, User
from core.mail import mail_render
from programme.cohort import cohort_municipalities, programme_calls
from programme.models import CommitmentState, Reminder, ReminderKind, ReminderMute, Status
from programme.periods import current_year
from programme.progress import programme_progress


def _sendable():
    """Reminders whose recipient is active and has not muted their kind."""
    muted = ReminderMute.objects.filter(
        user=models.OuterRef("recipient"), kind=models.OuterRef("kind")
    )
    return Reminder.objects.filter(recipient__is_active=True).exclude(models.Exists(muted))


@task()
def reminder_send(*, reminder_id: int) -> None:
    """Send one stored reminder, once: it is claimed before sending, released on failure.

    A reminder whose recipient has since muted its kind, or left, is not sent (and not
    retried); it stays visible on the person's reminders page."""
    muted = ReminderMute.objects.filter(user__reminders=reminder_id, kind=models.OuterRef("kind"))
    with transaction.atomic():
        claimed = (
            Reminder.objects.filter(pk=reminder_id, sent_at__isnull=True, recipient__is_active=True)
            .exclude(models.Exists(muted))
            .update(sent_at=timezone.now())
        )
    if not claimed:
        return
    reminder = Reminder.objects.select_related("recipient").get(pk=reminder_id)
    try:
        EmailMessage(
            subject=reminder.subject, body=reminder.body, to=[reminder.recipient.email]
        ).send()
    except Exception:
        Reminder.objects.filter(pk=reminder_id).update(sent_at=None)
        raise


def reminders_send_pending() -> int:
    """Queue every reminder not sent yet (after a failed send); returns how many."""
    ids = list(_sendable().filter(sent_at__isnull=True).values_list("pk", flat=True))
    for pk in ids:
        reminder_send.enqueue(reminder_id=pk)
    return len(ids)


def _remind(*, user: User, kind: str, key: str, template: str, context: dict) -> bool:
    """Store and queue a reminder unless this person had it already; True if new."""
    subject, body = mail_render(
        template=template, context={"name": user.full_name, **context}, language=user.language
    )
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                recipient=user, kind=kind, key=key, subject=subject, body=body
            )
    except IntegrityError:
        return False  # this change was reported to this person already
    transaction.on_commit(lambda: reminder_send.enqueue(reminder_id=reminder.pk))
    return True


def _muted(kind: str) -> set[int]:
    return set(ReminderMute.objects.filter(kind=kind).values_list("user_id", flat=True))


def reminders_check(*, now: dt.datetime | None = None) -> int:
    """Compare today's statuses with the stored ones; remind coordinators of each
    municipality whose commitment turned "at risk". Returns the number of reminders."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    muted = _muted(ReminderKind.AT_RISK)
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
                sent += _remind(
                    user=person,
                    kind=ReminderKind.AT_RISK,
                    key=f"state-{state.pk}-{state.changes}",
                    template="programme/mail/at_risk",
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
    muted = _muted(ReminderKind.OFFICE_DIGEST)
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
        sent += _remind(
            user=person,
            kind=ReminderKind.OFFICE_DIGEST,
            key=key,
            template="programme/mail/office_digest",
            context=context,
        )
    return sent
