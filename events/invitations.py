"""Writing invitations for events open to invited people only.

The office adds people by address (and, if it likes, by name); each gets an e-mail with
a personal link that opens a registration form without an account. One link is good for
one registration; a withdrawn invitation's link leads nowhere.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from events import mail
from events.models import Audience, Event, EventDay, Invitation
from events.services import Booked, _locked_event, registration_create


@dataclass(frozen=True)
class Invitee:
    email: str
    name: str = ""


@transaction.atomic
def invitations_create(*, actor, event: Event, invitees: list[Invitee]) -> list[Invitation]:
    """Invite each address once; addresses with an open invitation are left out."""
    # The event row lock lets two offices adding the same list at once invite each
    # person once, not fail on the unique constraint.
    event = _locked_event(event.pk)
    if event.audience != Audience.INVITED:
        raise ValidationError(
            _("Einladungen gibt es nur für Veranstaltungen mit der Zielgruppe „Nur Eingeladene“.")
        )
    invited = set(
        event.invitations.filter(withdrawn_at__isnull=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    created = []
    for invitee in invitees:
        email = invitee.email.strip().lower()
        if email in invited:
            continue
        invited.add(email)
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    event=event, name=invitee.name.strip(), email=email
                )
        except IntegrityError:
            continue
        audit_record(actor=actor, action="event_invitation_created", obj=invitation)
        mail.send_invitation(invitation)
        created.append(invitation)
    return created


@transaction.atomic
def invitation_send(*, actor, invitation: Invitation) -> Invitation:
    """Send the invitation (again) with a fresh link; an earlier link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.withdrawn_at or invitation.anonymised_at:
        raise ValidationError(_("Diese Einladung gilt nicht mehr."))
    if invitation.registration_id:
        raise ValidationError(_("Mit dieser Einladung hat sich schon jemand angemeldet."))
    audit_record(actor=actor, action="event_invitation_sent", obj=invitation)
    mail.send_invitation(invitation)
    return invitation


@transaction.atomic
def invitation_withdraw(*, actor, invitation: Invitation) -> Invitation:
    """The link stops working at once. A registration made with it stays."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.withdrawn_at:
        return invitation
    invitation.withdrawn_at = timezone.now()
    invitation.token_hash = None
    invitation.save(update_fields=["withdrawn_at", "token_hash"])
    audit_record(actor=actor, action="event_invitation_withdrawn", obj=invitation)
    return invitation


@transaction.atomic
def invitation_register(
    *,
    invitation: Invitation,
    name: str,
    email: str,
    answers: dict,
    days: list[EventDay],
    user=None,
    municipality=None,
    client: str = "",
    now: dt.datetime | None = None,
) -> Booked:
    """Register with the invitation's link; a second registration with it is refused.
    The invitation went to its address, so that address needs no further confirmation;
    another one does."""
    # Locked, so two submissions of the same link at once make one registration.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.withdrawn_at or invitation.anonymised_at:
        raise ValidationError(_("Diese Einladung gilt nicht mehr."))
    if invitation.registration_id:
        raise ValidationError(_("Mit dieser Einladung hat sich schon jemand angemeldet."))
    booked = registration_create(
        event=invitation.event,
        name=name,
        email=email,
        answers=answers,
        days=days,
        user=user,
        municipality=municipality,
        known_address=invitation.email,
        client=client,
        now=now,
    )
    invitation.registration = booked.registration
    invitation.save(update_fields=["registration"])
    return booked
