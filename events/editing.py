"""The office writes an event: its own fields, its days and its questions at once."""

from django.db import transaction
from django.forms import BaseInlineFormSet, ModelForm

from core.audit import audit_record
from events.models import Event


def event_save(
    *, form: ModelForm, days: BaseInlineFormSet, questions: BaseInlineFormSet, actor
) -> Event:
    """Store an event with its days and questions from valid forms, and record who
    created or changed it.

    The event, its days and its questions are one thing to the people registering, so
    they are written in one transaction: a failure leaves none of them half-saved.
    """
    created = form.instance.pk is None
    with transaction.atomic():
        event = form.save()
        days.instance = questions.instance = event
        days.save()
        questions.save()
        audit_record(actor=actor, action="event_created" if created else "event_updated", obj=event)
    return event
