"""Events on the office's deadline calendar: each day of an event."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.desk import DateSource, Deadline, register_dates
from events.models import EventDay


def event_days(first, last) -> list[Deadline]:
    days = (
        EventDay.objects.filter(date__gte=first, date__lte=last)
        .select_related("event")
        .order_by("date", "start_time", "pk")
    )
    return [
        Deadline(
            day=day.date,
            kind=_("Veranstaltung"),
            title=day.event.title,
            url=reverse("events:office_event", args=[day.event_id]),
            uid=f"kfa-event-{day.event_id}-day-{day.pk}-office",
            title_german=True,
        )
        for day in days
    ]


register_dates(DateSource(name="events.days", collect=event_days))
