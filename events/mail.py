"""E-mails to registered people. The confirmation carries the calendar file, which
``core.mail.mail_enqueue`` cannot attach, so it has its own task.

Task arguments are kept by the database task backend, so they hold only the
registration's id: name, address and context are read inside the task, and a mail with
a personal link gets a fresh token there (the stored hash is replaced, so only the link
in the newest mail works)."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from core.mail import mail_send
from events.ical import calendar_bytes
from events.models import BERLIN, Invitation, Registration, Status
from events.tokens import new_token

TEMPLATES = {
    "confirm_address",
    "waiting",
    "pending",
    "offer",
    "cancelled",
    "declined",
    "reminder",
    "cancelled_by_office",
    "event_cancelled",
}


def personal_link(token: str) -> str:
    return settings.SITE_URL + reverse("events:registration", kwargs={"registration_token": token})


def _fresh_link(registration: Registration) -> str:
    token, hashed = new_token()
    Registration.objects.filter(pk=registration.pk).update(token_hash=hashed)
    return personal_link(token)


def _context(registration: Registration, *, with_link: bool) -> dict:
    event = registration.event
    days = [str(day) for day in event.days.all()]
    return {
        # Nothing the sender typed goes to an address that is not yet confirmed: the
        # platform must not carry a stranger's text to anyone.
        "name": registration.name if registration.status != Status.AWAITING_EMAIL else "",
        "title": event.title,
        "days": days,
        "place": event.location_text(),
        "link": _fresh_link(registration) if with_link else "",
        "hours": event.offer_hours,
        "hold_minutes": settings.EVENTS_HOLD_MINUTES,
        "held": registration.hold_expires_at is not None,
        "valid_hours": settings.EVENTS_UNCONFIRMED_HOURS,
        "reason": registration.cancel_reason,
        "message": event.cancellation_message,
    }


def _language(registration: Registration) -> str:
    return registration.user.language if registration.user_id else "de"


def _current(registration_id: int) -> Registration | None:
    """The registration as it is now, or None when there is nobody left to write to."""
    return (
        Registration.objects.select_related("event", "user")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .exclude(email="")
        .first()
    )


@task()
def confirmation_send_task(*, registration_id: int, with_link: bool) -> None:
    registration = _current(registration_id)
    # Cancelled (or otherwise changed) before the task ran: a confirmation would mislead.
    if registration is None or registration.status != Status.CONFIRMED:
        return
    days = registration.event.days.select_related("event")
    chosen = set(registration.days.values_list("pk", flat=True))
    if chosen:
        days = days.filter(pk__in=chosen)
    ics = calendar_bytes(days, with_link=True)
    mail_send(
        to=[registration.email],
        template="events/mail/confirmed",
        context=_context(registration, with_link=with_link),
        language=_language(registration),
        attachments=[("veranstaltung.ics", ics, "text/calendar; method=PUBLISH")],
    )


@task()
def registration_mail_task(*, registration_id: int, template: str, with_link: bool) -> None:
    if template not in TEMPLATES:
        raise ValueError(template)
    registration = _current(registration_id)
    if registration is None:
        return
    if template == "confirm_address" and registration.status != Status.AWAITING_EMAIL:
        return  # replaced or cancelled before the task ran: the link would lead nowhere
    mail_send(
        to=[registration.email],
        template=f"events/mail/{template}",
        context=_context(registration, with_link=with_link),
        language=_language(registration),
    )


def send_confirmation(registration: Registration, token: str | None) -> None:
    """``token`` only says whether the mail carries the personal link; it is not sent."""
    registration_id, with_link = registration.pk, token is not None
    transaction.on_commit(
        lambda: confirmation_send_task.enqueue(registration_id=registration_id, with_link=with_link)
    )


def send(registration: Registration, template: str, token: str | None = None) -> None:
    """``template`` is one of ``TEMPLATES``;
    ``token`` only says whether the mail carries the personal link."""
    if not registration.email:
        return
    registration_id, with_link = registration.pk, token is not None
    transaction.on_commit(
        lambda: registration_mail_task.enqueue(
            registration_id=registration_id, template=template, with_link=with_link
        )
    )


def invitation_link(token: str) -> str:
    path = reverse("events:invitation", kwargs={"events_invitation_token": token})
    return settings.SITE_URL + path


@task()
def invitation_send_task(*, invitation_id: int) -> None:
    """Mail the invitation with a fresh link, unless it was used or withdrawn meanwhile."""
    invitation = (
        Invitation.objects.select_related("event")
        .filter(pk=invitation_id, registration__isnull=True)
        .first()
    )
    if invitation is None:
        return
    token, hashed = new_token()
    # Conditional, so a withdrawal that came first is never undone by a new link.
    claimed = (
        Invitation.objects.filter(
            pk=invitation_id, withdrawn_at__isnull=True, anonymised_at__isnull=True
        )
        .exclude(email="")
        .update(token_hash=hashed, sent_at=timezone.now())
    )
    if not claimed:
        return
    event = invitation.event
    deadline = timezone.localtime(event.registration_deadline, BERLIN)
    mail_send(
        to=[invitation.email],
        template="events/mail/invitation",
        context={
            "name": invitation.name,
            "title": event.title,
            "days": [str(day) for day in event.days.all()],
            "place": event.location_text(),
            "deadline": f"{deadline:%d.%m.%Y, %H:%M}",
            "link": invitation_link(token),
        },
        language="de",
    )


def send_invitation(invitation: Invitation) -> None:
    invitation_id = invitation.pk
    transaction.on_commit(lambda: invitation_send_task.enqueue(invitation_id=invitation_id))
