"""The scheduled work of the kit itself (see ``core.scheduling``)."""

import datetime as dt
from importlib import import_module

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.circulars import circulars_forget
from core.scheduling import Daily, Job, register


def sessions_clear() -> None:
    """What ``manage.py clearsessions`` does: delete the expired sessions."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


register(
    Job(
        name="clearsessions",
        command="clearsessions",
        label=_("Abgelaufene Sitzungen löschen"),
        schedule=Daily(at=dt.time(3, 0)),
        run=sessions_clear,
    )
)


register(
    Job(
        name="circulars_forget",
        command="circulars_forget",
        label=_("Empfänger*innen von Rundschreiben nach Ablauf der Aufbewahrungsfrist löschen"),
        schedule=Daily(at=dt.time(3, 30)),
        run=circulars_forget,
    )
)
