import datetime as dt

from django.utils import timezone

from events.models import Audience, Event, EventDay
from events.services import registration_create


def make_event(
    *,
    capacity=10,
    days=None,
    audience=Audience.EVERYONE,
    needs_approval=False,
    deadline=None,
    title="Netzwerktreffen",
    address="Markt 1\n07743 Jena",
    published=True,
    **extra,
):
    """An event with ``days`` (dates; default: one day in 20 days, 10–16 h), published
    unless ``published=False`` leaves it a draft."""
    today = timezone.localdate()
    event = Event.objects.create(
        title=title,
        description="Austausch der Modellkommunen.",
        place="Jena",
        address=address,
        capacity=capacity,
        audience=audience,
        needs_approval=needs_approval,
        registration_deadline=deadline or timezone.now() + dt.timedelta(days=10),
        published_at=timezone.now() if published else None,
        **extra,
    )
    for date in days or [today + dt.timedelta(days=20)]:
        EventDay.objects.create(
            event=event, date=date, start_time=dt.time(10), end_time=dt.time(16)
        )
    return event


def register(event, name="Alex Beispiel", email=None, days=(), **kwargs):
    """A registration by someone whose address is known (as an invitation's is), so it
    counts at once; ``known_address=""`` registers like a stranger without an account.
    ``days``: the chosen days (none: all days)."""
    email = email or f"{name.split()[0].lower()}@example.org"
    kwargs.setdefault("known_address", email)
    return registration_create(
        event=event, name=name, email=email, answers={}, days=list(days), **kwargs
    )


def invite(event, email="gast@example.org", name="Gast Beispiel"):
    """An invitation to ``event`` and the token of its link, as the e-mail would carry it."""
    from accounts.models import Role
    from events.invitations import Invitee, invitations_create
    from events.models import Invitation
    from events.tokens import new_token
    from tests import factories

    office = factories.UserFactory(role=Role.OFFICE)
    [invitation] = invitations_create(
        actor=office, event=event, invitees=[Invitee(email=email, name=name)]
    )
    token, hashed = new_token()
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=hashed, sent_at=timezone.now())
    invitation.refresh_from_db()
    return invitation, token
