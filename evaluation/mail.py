"""The mail inviting someone to answer a survey. The task gets the invitation's id only
and reads the address when it runs; the link is the survey's shared one."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from core.mail import mail_send
from evaluation.models import SurveyInvitation


def survey_link(survey) -> str:
    return settings.SITE_URL + reverse("evaluation:answer", args=[survey.token])


@task()
def invitation_send_task(*, invitation_id: int) -> None:
    invitation = SurveyInvitation.objects.select_related("survey").filter(pk=invitation_id).first()
    # Deleted with its closed survey before the task ran: the link would no longer work.
    if invitation is None or invitation.survey.closes_at <= timezone.now():
        return
    survey = invitation.survey
    mail_send(
        to=[invitation.email],
        template="evaluation/mail/invitation",
        context={
            "title": survey.title,
            "link": survey_link(survey),
            "closes_on": timezone.localtime(survey.closes_at).date(),
        },
    )


def invitations_send(invitation_ids: list[int]) -> None:
    """Send after the surrounding transaction commits, one task per address."""

    def enqueue():
        for invitation_id in invitation_ids:
            invitation_send_task.enqueue(invitation_id=invitation_id)

    transaction.on_commit(enqueue)
