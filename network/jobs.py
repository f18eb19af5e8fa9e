"""Scheduled work of the network (see ``core.scheduling``)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.scheduling import Daily, Job, register
from network.services import counts_publish_all

register(
    Job(
        name="network_publish_counts",
        command="network_publish_counts",
        label=_("Mitgliederzahlen des Netzwerks einmal im Monat veröffentlichen"),
        schedule=Daily(at=dt.time(3, 30)),
        run=counts_publish_all,
    )
)
