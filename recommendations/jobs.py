"""Scheduled work of the recommendations (see ``core.scheduling``)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core.scheduling import Daily, Every, Job, register
from recommendations.notifications import consultation_mails_send, reply_digest_mails

register(
    Job(
        name="recommendations_mails",
        command="recommendations_mails",
        label=_(
            "Einladungen zu geöffneten Beteiligungsrunden und Mails zu veröffentlichten "
            "Antworten versenden"
        ),
        schedule=Every(minutes=10),
        run=consultation_mails_send,
    )
)
register(
    Job(
        name="recommendations_reply_digest",
        command="recommendations_reply_digest",
        label=_("Tägliche Übersicht neuer Antworten auf Kommentare in Beteiligungsrunden"),
        schedule=Daily(at=dt.time(7, 0)),
        run=reply_digest_mails,
    )
)
