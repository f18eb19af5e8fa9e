"""Sending a decision letter again, at the office's request."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calls.models import Call
from core.audit import audit_record
from core.idempotency import repeat_since
from selection.models import Decision, LetterDispatch
from selection.selectors import letter_recipients
from selection.services.errors import SelectionError


def letter_resend(*, call: Call, application_id: int, actor) -> bool:
    """Send the letter of one application again, to the coordinators linked now.

    Returns False when the same letter was asked for again within the repeat window
    (a double click, a reload): it goes out once. A letter nobody can receive is
    refused, so the office posts the PDF instead. The send itself runs in the
    background (``send_decision_letter``), as at the release.
    """
    from selection.tasks import send_decision_letter

    with transaction.atomic():
        decision = Decision.objects.filter(call=call).first()
        if decision is None or not decision.is_released:
            raise SelectionError(_("Briefe gibt es erst nach der Freigabe der Entscheidung."))
        dispatch = (
            LetterDispatch.objects.select_for_update()
            .select_related("application__municipality")
            .get(call=call, application_id=application_id)
        )
        if dispatch.resent_at is not None and dispatch.resent_at >= repeat_since():
            return False
        municipality = dispatch.application.municipality
        if not letter_recipients().filter(municipality=municipality).exists():
            raise SelectionError(
                _(
                    "%(name)s hat keine bestätigte Koordinator*in, an die der Brief gehen "
                    "kann. Laden Sie den Brief als PDF herunter und schicken Sie ihn per Post."
                )
                % {"name": municipality.name}
            )
        was_sent = dispatch.sent_at is not None
        dispatch.sent_at = None
        dispatch.resent_at = timezone.now()
        dispatch.resent_by = actor
        dispatch.save(update_fields=["sent_at", "resent_at", "resent_by"])
        audit_record(
            actor=actor,
            action="selection.letter_resent",
            obj=dispatch.application,
            changes={"brief": [None, dispatch.outcome], "zuvor_versandt": [None, was_sent]},
        )
        transaction.on_commit(lambda: send_decision_letter.enqueue(dispatch_id=dispatch.pk))
    return True
