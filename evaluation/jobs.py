"""Scheduled work of the evaluation (see ``core.scheduling``)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.scheduling import Daily, Every, Job, register
from evaluation.services import evaluation_cleanup, surveys_close_due

register(
    Job(
        name="evaluation_close",
        command="evaluation_close",
        label=_("Befragungen schließen, deren Ende erreicht ist"),
        schedule=Every(minutes=10),
        run=surveys_close_due,
    )
)
register(
    Job(
        name="evaluation_cleanup",
        command="evaluation_cleanup",
        label=_("Einmalschlüssel und Einladungsadressen geschlossener Befragungen löschen"),
        schedule=Daily(at=dt.time(3, 20)),
        run=evaluation_cleanup,
    )
)
