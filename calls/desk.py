"""The calls' dates on the office's deadline calendar: each call's closing day."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calls.models import Call
from core.desk import DateSource, Deadline, register_dates
from core.periods import span_bounds


def call_deadlines(first, last) -> list[Deadline]:
    start, end = span_bounds(first, last)
    return [
        Deadline(
            day=timezone.localdate(call.deadline),
            kind=_("Bewerbungsschluss"),
            title=call.title,
            url=reverse("calls_office:call_edit", args=[call.pk]),
            uid=f"kfa-call-{call.pk}-deadline",
        )
        for call in Call.objects.filter(deadline__gte=start, deadline__lt=end).order_by("pk")
    ]


register_dates(DateSource(name="calls.deadline", collect=call_deadlines))
