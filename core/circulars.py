"""Circulars: one text from the office to many people, each mailed on their own and
kept in the record.

An app says whom a circular goes to (an ``Audience`` and its ``Recipient`` list: the
registrants of an event, the coordinators of a cohort); ``circular_send`` stores the
circular with its recipients, writes the audit entry and enqueues one mail per person,
which ``circular_mail_task`` renders in that person's language. The task takes only the
recipient's id: the database task backend keeps its arguments, and an address does not
belong there.

Data minimisation: a recipient with an account is kept as a reference to the account
(deleting the account clears it), one without an account by name and address. Where the
recipients come from records with a retention time (an event's registrations, blanked
after it), the app passes that day as ``Audience.kept_until``; after it the daily job
``circulars_forget`` deletes the circular's recipients, while subject, text, audience
and count stay in the record.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from core.audit import audit_record
from core.idempotency import lock_person, stored_just_now
from core.mail import mail_send
from core.models import Circular, CircularRecipient
from core.roles import Role
from core.rules import has_role, rule_check

MAIL_TEMPLATE = "core/mail/circular"

may_send = has_role(Role.OFFICE)


@dataclass(frozen=True)
class Audience:
    """Whom a circular is for, as the record names it.

    ``topic``: what it is about, in the sending app's words ("events.event:12");
    ``label``: the audience in German ("Alle Angemeldeten: Fachtag");
    ``kept_until``: the last day the recipients may be kept (None: as long as the
    record); ``unreached``: groups without anyone to write to (municipalities without
    an approved coordinator), by name."""

    topic: str
    label: str
    kept_until: dt.date | None = None
    unreached: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recipient:
    """One person to write to: an account (``user``), or for someone without one a
    ``name`` and ``email``. ``group`` names what the person is written to for (their
    municipality), ``details`` the lines only their mail carries, already in their
    language."""

    user: object | None = None
    name: str = ""
    email: str = ""
    language: str = "de"
    group: str = ""
    details: tuple[str, ...] = field(default=())

    @property
    def key(self) -> tuple:
        return ("user", self.user.pk) if self.user is not None else ("email", self.email.lower())


def recipients_unique(recipients: Sequence[Recipient]) -> list[Recipient]:
    """Each person once (an account, or an address without one), the first entry kept;
    entries with neither account nor address are left out."""
    seen, unique = set(), []
    for recipient in recipients:
        if recipient.user is None and not recipient.email:
            continue
        if recipient.key not in seen:
            seen.add(recipient.key)
            unique.append(recipient)
    return unique


def circular_send(
    *,
    sender,
    audience: Audience,
    recipients: Sequence[Recipient],
    subject: str,
    body: str,
) -> Circular:
    """Store the circular and mail it to each recipient once (after the commit).

    The same text to the same audience sent again by the same person within the repeat
    window (a double click, a reload) returns the first circular and mails nobody again.
    """
    rule_check(may_send, sender)
    people = recipients_unique(recipients)
    if not people:
        raise ValidationError(_("Es gibt niemanden, an den das Rundschreiben gehen kann."))
    with transaction.atomic():
        lock_person(sender)
        same = stored_just_now(
            Circular.objects.filter(
                sender=sender, topic=audience.topic, subject=subject, body=body
            ),
            since_field="created_at",
        )
        if same is not None:
            return same
        circular = Circular.objects.create(
            topic=audience.topic,
            audience=audience.label,
            subject=subject,
            body=body,
            sender=sender,
            recipient_count=len(people),
            unreached=list(audience.unreached),
            recipients_kept_until=audience.kept_until,
        )
        rows = CircularRecipient.objects.bulk_create(
            CircularRecipient(
                circular=circular,
                user=person.user,
                # An account's name and address stay with the account.
                name="" if person.user is not None else person.name,
                email="" if person.user is not None else person.email,
                language=person.language,
                group=person.group,
                details=list(person.details),
            )
            for person in people
        )
        audit_record(
            actor=sender,
            action="core.circular_sent",
            obj=circular,
            changes={
                "audience": [None, audience.label],
                "recipient_count": [None, len(people)],
            },
        )
        for row in rows:
            transaction.on_commit(partial(circular_mail_task.enqueue, recipient_id=row.pk))
    return circular


@task()
def circular_mail_task(*, recipient_id: int) -> None:
    """Mail one recipient, once: the row is claimed before the mail goes out, so a
    second run of the same task sends nothing."""
    recipient = (
        CircularRecipient.objects.select_related("circular", "user")
        .filter(pk=recipient_id, mailed_at__isnull=True)
        .first()
    )
    if recipient is None:
        return
    user = recipient.user
    if user is not None:
        if not user.is_active:
            return
        to, name, language = user.email, user.full_name, user.language
    else:
        to, name, language = recipient.email, recipient.name, recipient.language
    if not to:
        return  # the account was deleted or the recipients were forgotten meanwhile
    claimed = CircularRecipient.objects.filter(pk=recipient.pk, mailed_at__isnull=True).update(
        mailed_at=timezone.now()
    )
    if not claimed:
        return
    circular = recipient.circular
    mail_send(
        to=[to],
        template=MAIL_TEMPLATE,
        context={
            "name": name,
            "subject": circular.subject,
            "body": circular.body,
            "details": recipient.details,
        },
        language=language,
    )


def circulars_forget(*, today: dt.date | None = None) -> int:
    """Delete the recipients of circulars whose ``recipients_kept_until`` has passed;
    returns how many were deleted. The circular keeps its count and text."""
    today = today or timezone.localdate()
    due = Circular.objects.filter(
        recipients_kept_until__lt=today, recipients_forgotten_at__isnull=True
    )
    with transaction.atomic():
        ids = list(due.select_for_update().values_list("pk", flat=True))
        deleted, _by_model = CircularRecipient.objects.filter(circular__in=ids).delete()
        Circular.objects.filter(pk__in=ids).update(recipients_forgotten_at=timezone.now())
    return deleted
