"""Storing and sending reminders. What to remind of is decided by the progress of the
cohort (``progress.reminders``).

A reminder is keyed by the change it reports, so storing it twice never mails the same
change twice. Each reminder is kept (people see theirs on the reminders page) and sent by
a background task that marks it sent; ``reminders_send_pending`` retries any that failed.
"""

from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django_tasks import task

from accounts.models import User
from core.mail import mail_render
from programme.models import Reminder, ReminderMute


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


def reminder_create(*, user: User, kind: str, key: str, template: str, context: dict) -> bool:
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


def muted_user_ids(*, kind: str) -> set[int]:
    """Who muted reminders of ``kind``."""
    return set(ReminderMute.objects.filter(kind=kind).values_list("user_id", flat=True))
