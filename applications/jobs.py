"""Scheduled work of the applications (see ``core.scheduling``)."""

from django.utils.translation import gettext_lazy as _

from applications.tasks import pending_confirmations_enqueue
from core.scheduling import Every, Job, register

register(
    Job(
        name="send_pending_confirmations",
        command="send_pending_confirmations",
        label=_("Nicht versandte Eingangsbestätigungen erneut senden"),
        schedule=Every(minutes=10),
        run=pending_confirmations_enqueue,
    )
)
