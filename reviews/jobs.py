"""Scheduled work of the reviews (see ``core.scheduling``)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.scheduling import Daily, Job, register
from reviews.tasks import overdue_reminders_enqueue

register(
    Job(
        name="send_review_reminders",
        command="send_review_reminders",
        label=_("An überfällige Gutachten erinnern"),
        schedule=Daily(at=dt.time(7, 10)),
        run=overdue_reminders_enqueue,
    )
)
