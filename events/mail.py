"""E-mails to registered people. The confirmation carries the calendar file, which
``core.mail.mail_enqueue`` cannot attach, so it has its own task."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from core.mail import mail_enqueue, mail_send
from events.ical import calendar_bytes
from events.models import Registration


def personal_link(token: str) -> str:
    return settings.SITE_URL + reverse("events:registration", kwargs={"registration_token": token})


def _context(registration: Registration, token: str | None) -> dict:
    event = registration.event
    days = [str(day) for day in event.days.all()]
    return {
        "name": registration.name,
        "title": event.title,
        "days": days,
        "place": _("Online")
        if event.is_online
        else ", ".join(filter(None, [event.place, event.address.replace("\n", ", ")])),
        "link": personal_link(token) if token else "",
        "hours": event.offer_hours,
    }


def _language(registration: Registration) -> str:
    return registration.user.language if registration.user_id else "de"


@task()
def confirmation_send_task(*, registration_id: int, context: dict, language: str) -> None:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    if not registration.email:
        return
    days = registration.event.days.select_related("event")
    chosen = set(registration.days.values_list("pk", flat=True))
    if chosen:
        days = days.filter(pk__in=chosen)
    ics = calendar_bytes(days, with_link=True)
    mail_send(
        to=[registration.email],
        template="events/mail/confirmed",
        context=context,
        language=language,
        attachments=[("veranstaltung.ics", ics, "text/calendar; method=PUBLISH")],
    )


def send_confirmation(registration: Registration, token: str | None) -> None:
    context = _context(registration, token)
    language = _language(registration)
    transaction.on_commit(
        lambda: confirmation_send_task.enqueue(
            registration_id=registration.pk, context=context, language=language
        )
    )


def send(registration: Registration, template: str, token: str | None = None) -> None:
    """``template`` is one of waiting, pending, offer, cancelled, declined, reminder."""
    if not registration.email:
        return
    mail_enqueue(
        to=[registration.email],
        template=f"events/mail/{template}",
        context=_context(registration, token),
        language=_language(registration),
    )
