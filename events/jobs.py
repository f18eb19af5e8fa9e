"""Scheduled work of the events (see ``core.scheduling``)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.scheduling import Daily, Every, Job, register
from events.confirmation import offers_and_holds_expire
from events.services import anonymise_due, reminders_send

register(
    Job(
        name="events_expire_offers",
        command="events_expire_offers",
        label=_("Abgelaufene Platzangebote weitergeben, unbestätigte Anmeldungen freigeben"),
        schedule=Every(minutes=60),
        run=offers_and_holds_expire,
    )
)
register(
    Job(
        name="send_event_reminders",
        command="send_event_reminders",
        label=_("Angemeldete an bevorstehende Veranstaltungen erinnern"),
        schedule=Daily(at=dt.time(7, 0)),
        run=reminders_send,
    )
)
register(
    Job(
        name="events_anonymise",
        command="events_anonymise",
        label=_("Anmeldedaten nach Ablauf der Aufbewahrungsfrist anonymisieren"),
        schedule=Daily(at=dt.time(3, 10)),
        run=anonymise_due,
    )
)
