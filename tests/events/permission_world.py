"""Events for the role × URL matrix (tests/test_permissions.py).

Events belong to no municipality, so ``events`` declares no municipal URL keywords.
The personal link and the calendar feed answer 404 to an unknown token; the matrix walks them with
valid tokens, and tests/events covers the wrong ones.
"""

from accounts.models import Role
from events.models import Audience
from events.services import feed_renew
from tests import factories
from tests.events.helpers import invite, make_event, register


def extend(world: dict) -> None:
    event = make_event(title="Auftakt", needs_approval=True)
    booked = register(event, "Gast Beispiel", email="gast@example.org")
    # Unconfirmed, so that the office's list of suspicious registrations has a row.
    register(event, "Neu Beispiel", email="neu@example.org", known_address="", client="203.0.113.9")
    feed_token = feed_renew(user=factories.UserFactory(role=Role.TRAINER))
    # A waiting list, so the page to move someone up shows its form instead of leading back.
    full_event = make_event(title="Fachtag", capacity=1)
    register(full_event, "Alex Beispiel", email="alex@example.org")
    waiting = register(full_event, "Berit Beispiel", email="berit@example.org").registration
    invited_event = make_event(title="Klausur", audience=Audience.INVITED)
    invitation, invitation_token = invite(invited_event)
    world["kwargs"].update(
        {
            "event_pk": event.pk,
            "event_day_pk": event.days.get().pk,
            "event_registration_pk": booked.registration.pk,
            "registration_token": booked.token,
            "feed_token": feed_token,
            "events_invitation_token": invitation_token,
            "events_invitation_pk": invitation.pk,
        }
    )
    world["kwargs"]["per_url"].update(
        {
            name: {"event_pk": invited_event.pk}
            for name in ("events:office_invitation_send", "events:office_invitation_withdraw")
        }
    )
    world["kwargs"]["per_url"]["events:office_registration_promote"] = {
        "event_pk": full_event.pk,
        "event_registration_pk": waiting.pk,
    }
