"""Sending the decision letters in the background, one task per application."""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from accounts.models import Role, User
from core.mail import mail_send
from selection.models import Decision, LetterDispatch, Outcome

logger = logging.getLogger(__name__)


@task()
def send_decision_letter(*, dispatch_id: int) -> None:
    """Mail the decision letter (text and PDF) once, addressed to all coordinators.

    The letter is the municipality's, so it goes out as one message with every
    coordinator in ``to``: a failure can never leave some of them mailed and others
    not. The dispatch is claimed before sending, so a task that runs twice never
    mails twice; if anything fails the claim is released and ``pending_letters_enqueue``
    (run regularly by ``manage.py send_pending_letters``) tries again.
    """
    with transaction.atomic():
        claimed = LetterDispatch.objects.filter(pk=dispatch_id, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
    if not claimed:
        return
    delivered = False
    try:
        recipients = _letter_send(dispatch_id=dispatch_id)
        delivered = True
    finally:
        if not delivered:
            LetterDispatch.objects.filter(pk=dispatch_id).update(sent_at=None)
    LetterDispatch.objects.filter(pk=dispatch_id).update(recipient_count=len(recipients))
    if not recipients:
        logger.warning("decision letter without recipients: dispatch=%s", dispatch_id)


def _letter_send(*, dispatch_id: int) -> list[User]:
    """Send the claimed dispatch's letter; returns the coordinators it went to."""
    from selection.letters import letter_language, letter_pdf, letter_templates_ensure, letter_text

    dispatch = LetterDispatch.objects.select_related(
        "application", "application__call", "application__municipality"
    ).get(pk=dispatch_id)
    application = dispatch.application
    outcome = Outcome.objects.filter(
        application=application, decision__call_id=dispatch.call_id
    ).first()
    rank = outcome.rank if outcome is not None else None
    template = letter_templates_ensure(call=application.call)[dispatch.outcome]
    recipients = list(
        User.objects.filter(
            municipality_id=application.municipality_id,
            role=Role.COORDINATOR,
            municipality_approved_at__isnull=False,
            is_active=True,
        ).order_by("pk")
    )
    if not recipients:
        return recipients
    # One letter for everyone: English only when every coordinator reads English.
    language = "en" if all(p.language == "en" for p in recipients) else "de"
    language = letter_language(template=template, language=language)
    subject, body = letter_text(
        template=template, application=application, rank=rank, language=language
    )
    pdf = letter_pdf(application=application, subject=subject, body=body, language=language)
    mail_send(
        to=[person.email for person in recipients],
        template="selection/mail/letter",
        context={"subject": subject, "body": body, "application_id": application.pk},
        language=language,
        attachments=[(f"Entscheidung-{application.reference}.pdf", pdf, "application/pdf")],
    )
    return recipients


def pending_letters_enqueue(*, older_than_minutes: int = 10) -> int:
    """Queue again the letters of released decisions that have not gone out."""
    cutoff = timezone.now() - dt.timedelta(minutes=older_than_minutes)
    released_calls = Decision.objects.filter(released_at__isnull=False).values("call_id")
    ids = list(
        LetterDispatch.objects.filter(
            call_id__in=released_calls, sent_at__isnull=True, created_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        send_decision_letter.enqueue(dispatch_id=pk)
    return len(ids)
