"""Scheduled work of the programme's progress (see ``core.scheduling``)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.scheduling import Daily, Job, register
from progress.reminders import daily_reminders_run

register(
    Job(
        name="send_programme_reminders",
        command="send_programme_reminders",
        label=_("An gefährdete Zusagen erinnern, wöchentlich die Übersicht an die Geschäftsstelle"),
        schedule=Daily(at=dt.time(7, 20)),
        run=daily_reminders_run,
    )
)
