"""The events people of a municipality registered for, with their number, on the
office's page of it (``core.municipality_sections``).

Events only for members of the staff network are left out: a registration for one would
say that someone of the municipality is a member.
"""

from django.db.models import Count, Min, Q
from django.utils.translation import gettext_lazy as _

from core.municipality_sections import Section, register
from events.models import HOLDS_PLACE, Audience, Event, Status


def events_context(municipality) -> dict:
    theirs = Q(registrations__municipality=municipality)
    events = (
        Event.objects.filter(theirs)
        .exclude(audience=Audience.NETWORK_MEMBERS)
        .annotate(
            # The join to the days repeats each registration, hence distinct.
            registered=Count(
                "registrations",
                filter=theirs & Q(registrations__status__in=HOLDS_PLACE),
                distinct=True,
            ),
            waiting=Count(
                "registrations",
                filter=theirs & Q(registrations__status=Status.WAITING),
                distinct=True,
            ),
            first_day=Min("days__date"),
        )
        .order_by("-first_day", "-pk")
    )
    return {"events": list(events)}


register(
    Section(
        key="veranstaltungen",
        title=_("Veranstaltungen"),
        order=60,
        template="events/municipality_section.html",
        context=events_context,
    )
)
