"""Scheduled work of the selection (see ``core.scheduling``)."""

from django.utils.translation import gettext_lazy as _

from core.scheduling import Every, Job, register
from selection.tasks import pending_letters_enqueue

register(
    Job(
        name="send_pending_letters",
        command="send_pending_letters",
        label=_("Nicht versandte Entscheidungsbriefe erneut senden"),
        schedule=Every(minutes=10),
        run=pending_letters_enqueue,
    )
)
