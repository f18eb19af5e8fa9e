"""Scheduled work of the funding (see ``core.scheduling``)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.scheduling import Daily, Job, register
from funding.reminders import deadline_reminders_send

register(
    Job(
        name="send_funding_reminders",
        command="send_funding_reminders",
        label=_("An bald fällige Verwendungsnachweise erinnern"),
        schedule=Daily(at=dt.time(7, 30)),
        run=deadline_reminders_send,
    )
)
