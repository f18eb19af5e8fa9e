from django.db import transaction
from django.utils import timezone
from django_tasks import task

from accounts.models import Role, User
from applications.models import Application
from core.mail import mail_send


@task()
def send_submission_confirmation(*, application_id: int) -> None:
    """Confirm a submission to the municipality's coordinators, with the answers as PDF.

    The application is claimed before sending, so a repeated task never mails twice;
    if sending fails the claim is released and the task can run again.
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
    try:
        for person in recipients:
            from django.utils import translation

            with translation.override(person.language):
                pdf = answers_pdf(application=application)
            mail_send(
                to=[person.email],
                template="applications/mail/submitted",
                context={
                    "name": person.full_name,
                    "municipality": application.municipality.name,
                    "reference": application.reference,
                    "call": application.call.title_de
                    if person.language == "de"
                    else (application.call.title_en or application.call.title_de),
                    "submitted_at": timezone.localtime(application.submitted_at).strftime(
                        "%d.%m.%Y %H:%M"
                    ),
                    "decision_date": application.call.decision_date.strftime("%d.%m.%Y"),
                    "application_id": application.pk,
                },
                language=person.language,
                attachments=[(f"Bewerbung-{application.reference}.pdf", pdf, "application/pdf")],
            )
    except OSError:
        Application.objects.filter(pk=application_id).update(confirmation_sent_at=None)
        raise
