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
    **extra,
):
    """An event with ``days`` (dates; default: one day in 20 days, 10–16 h)."""
    today = timezone.localdate()
    event = Event.objects.create(
        title=title,
        description="Austausch der Modellkommunen.",
        place="Jena",
        address="Markt 1\n07743 Jena",
        capacity=capacity,
        audience=audience,
        needs_approval=needs_approval,
        registration_deadline=deadline or timezone.now() + dt.timedelta(days=10),
        **extra,
    )
    for date in days or [today + dt.timedelta(days=20)]:
        EventDay.objects.create(
            event=event, date=date, start_time=dt.time(10), end_time=dt.time(16)
        )
    return event


def register(event, name="Alex Beispiel", email=None, **kwargs):
    email = email or f"{name.split()[0].lower()}@example.org"
    return registration_create(event=event, name=name, email=email, answers={}, days=[], **kwargs)
