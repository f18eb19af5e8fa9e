"""Background work of the selection: the explanations of a run, and the decision
letters, one task per application."""

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task

from accounts.models import User
from core.audit import audit_record
from core.mail import mail_send
from selection.models import Decision, LetterDispatch
from selection.selectors import letter_recipients
from selection.services.explanations import run_explanation_compute

logger = logging.getLogger(__name__)


@task()
def explain_run(*, run_id: int) -> None:
    run_explanation_compute(run_id=run_id)


@task()
def send_decision_letter(*, dispatch_id: int) -> None:
    """Mail the decision letter (text and PDF) once, addressed to all coordinators.

    The letter is the municipality's, so it goes out as one message with every
    coordinator in ``to``: a failure can never leave some of them mailed and others
    not. The dispatch is claimed before sending, so a task that runs twice never
    mails twice; if anything fails, or nobody can receive the letter yet, the claim is
    released and ``pending_letters_enqueue`` (run regularly by ``manage.py
    send_pending_letters``) tries again.
    """
    with transaction.atomic():
        claimed = LetterDispatch.objects.filter(pk=dispatch_id, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
    if not claimed:
        return
    recipients: list[User] = []
    try:
        recipients = _letter_send(dispatch_id=dispatch_id)
    finally:
        if not recipients:
            LetterDispatch.objects.filter(pk=dispatch_id).update(sent_at=None)
    if not recipients:
        logger.info("decision letter without recipients stays due: dispatch=%s", dispatch_id)
        return
    dispatch = LetterDispatch.objects.select_related("application").get(pk=dispatch_id)
    dispatch.recipient_count = len(recipients)
    dispatch.save(update_fields=["recipient_count"])
    audit_record(
        actor=None,
        action="selection.letter_sent",
        obj=dispatch.application,
        changes={
            "brief": [None, dispatch.outcome],
            "empfaenger": [None, ", ".join(person.email for person in recipients)],
        },
    )


def _letter_send(*, dispatch_id: int) -> list[User]:
    """Send the claimed dispatch's letter; returns the coordinators it went to (none:
    nothing was sent)."""
    from selection.letters import dispatch_letter

    dispatch = LetterDispatch.objects.select_related(
        "application", "application__call", "application__municipality"
    ).get(pk=dispatch_id)
    application = dispatch.application
    recipients = list(
        letter_recipients().filter(municipality_id=application.municipality_id).order_by("pk")
    )
    if not recipients:
        return recipients
    # One letter for everyone: English only when every coordinator reads English.
    wanted = "en" if all(p.language == "en" for p in recipients) else "de"
    language, subject, body, pdf = dispatch_letter(dispatch=dispatch, language=wanted)
    mail_send(
        to=[person.email for person in recipients],
        template="selection/mail/letter",
        context={"subject": subject, "body": body, "application_id": application.pk},
        language=language,
        attachments=[(f"Entscheidung-{application.reference}.pdf", pdf, "application/pdf")],
    )
    return recipients


def pending_letters_enqueue(*, older_than_minutes: int = 10) -> int:
    """Queue again the letters of released decisions that have not gone out and now
    have someone to go to (a coordinator linked to the municipality since)."""
    cutoff = timezone.now() - dt.timedelta(minutes=older_than_minutes)
    released_calls = Decision.objects.filter(released_at__isnull=False).values("call_id")
    reachable = letter_recipients().filter(municipality_id=OuterRef("application__municipality_id"))
    ids = list(
        LetterDispatch.objects.filter(
            call_id__in=released_calls, sent_at__isnull=True, created_at__lt=cutoff
        )
        .filter(Exists(reachable))
        .values_list("pk", flat=True)
    )
    for pk in ids:
        send_decision_letter.enqueue(dispatch_id=pk)
    return len(ids)
