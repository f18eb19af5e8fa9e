import datetime as dt

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_tasks import task

from accounts.models import Role, User
from applications.models import Application
from core.mail import mail_send


@task()
def send_submission_confirmation(*, application_id: int) -> None:
    """Confirm a submission to the municipality's coordinators, with the answers as PDF.

    The application is claimed before sending, so a repeated task never mails twice;
    if anything fails the claim is released and ``pending_confirmations_enqueue`` (run
    regularly by ``manage.py send_pending_confirmations``) tries again.
    """
    from calls.pdf import answers_pdf

    with transaction.atomic():
        claimed = Application.objects.filter(
            pk=application_id,
            status=Application.Status.SUBMITTED,
            confirmation_sent_at__isnull=True,
        ).update(confirmation_sent_at=timezone.now())
    if not claimed:
        return
    application = Application.objects.select_related("call", "municipality").get(pk=application_id)
    recipients = list(
        User.objects.filter(
            municipality_id=application.municipality_id,
            role=Role.COORDINATOR,
            municipality_approved_at__isnull=False,
            is_active=True,
        )
    )
    delivered = False
    try:
        for person in recipients:
            with translation.override(person.language):
                pdf = answers_pdf(application=application)
                context = {
                    "name": person.full_name,
                    "municipality": application.municipality.name,
                    "reference": application.reference,
                    "call": application.call.title,
                    "submitted_at": date_format(
                        timezone.localtime(application.submitted_at), "DATETIME_FORMAT"
                    ),
                    "decision_date": date_format(application.call.decision_date, "DATE_FORMAT"),
                    "application_id": application.pk,
                }
            mail_send(
                to=[person.email],
                template="applications/mail/submitted",
                context=context,
                language=person.language,
                attachments=[(f"Bewerbung-{application.reference}.pdf", pdf, "application/pdf")],
            )
        delivered = True
    finally:
        if not delivered:
            # Release the claim so that the sweep (``send_pending_confirmations``) retries.
            Application.objects.filter(pk=application_id).update(confirmation_sent_at=None)


def pending_confirmations_enqueue(*, older_than_minutes: int = 10) -> int:
    """Queue the confirmation again for submissions whose mail has not gone out."""
    cutoff = timezone.now() - dt.timedelta(minutes=older_than_minutes)
    ids = list(
        Application.objects.filter(
            status=Application.Status.SUBMITTED,
            confirmation_sent_at__isnull=True,
            submitted_at__lt=cutoff,
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        send_submission_confirmation.enqueue(application_id=pk)
    return len(ids)
