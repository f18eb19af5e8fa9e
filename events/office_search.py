"""What the office's search box finds among the events (``core.office_search``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.office_search import Found, Hit, SearchProvider, found, register
from events.models import Event


def _event_hit(event: Event) -> Hit:
    return Hit(
        title=event.title,
        subtitle=str(_("online")) if event.is_online else event.place,
        url=reverse("events:office_event", kwargs={"event_pk": event.pk}),
        lang="de",
    )


def search_events(query: str, limit: int) -> Found:
    events = Event.objects.filter(title__icontains=query).order_by("-registration_deadline", "-pk")
    return found(events, limit=limit, hit=_event_hit)


register(
    SearchProvider(
        key="events",
        label=_("Veranstaltungen"),
        order=40,
        search=search_events,
    )
)
