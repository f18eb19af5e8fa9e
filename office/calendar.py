"""The office's deadline calendar: the coming dates grouped by month, and the same
dates as an iCalendar feed (RFC 5545) with whole-day entries."""

import datetime as dt
from calendar import monthrange
from collections.abc import Iterable
from itertools import groupby

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from core.desk import Deadline, deadlines

# The page shows this many months ahead at first, "weitere" adds as many, up to the most.
MONTHS_STEP = 3
MONTHS_MOST = 24
# The feed reaches back a little, so that a date just passed stays in the calendar.
FEED_DAYS_BACK = 90
FEED_DAYS_AHEAD = 730


def add_months(day: dt.date, months: int) -> dt.date:
    """The day ``months`` months after ``day`` (the month's last day if shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


def deadlines_by_month(*, today: dt.date, months: int) -> list[tuple[dt.date, list[Deadline]]]:
    """The dates from ``today`` to ``months`` months ahead, per month (its first day)."""
    found = deadlines(first=today, last=add_months(today, months))
    return [
        (month, list(items)) for month, items in groupby(found, key=lambda d: d.day.replace(day=1))
    ]


def feed_deadlines(*, today: dt.date) -> list[Deadline]:
    return deadlines(
        first=today - dt.timedelta(days=FEED_DAYS_BACK),
        last=today + dt.timedelta(days=FEED_DAYS_AHEAD),
    )


def ical_bytes(items: Iterable[Deadline]) -> bytes:
    """Each date as a whole-day VEVENT (VALUE=DATE, ending on the next day); the
    library escapes the texts and folds the lines."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kommunen für alle//Termine der Geschäftsstelle//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Termine des Programms"))
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for item in items:
        entry = VEvent()
        entry.add("uid", f"{item.uid}@kommunen-fuer-alle")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", item.day)
        entry.add("dtend", item.day + dt.timedelta(days=1))
        entry.add("summary", f"{item.kind}: {item.title}")
        entry.add("url", settings.SITE_URL + item.url)
        entry.add("transp", "TRANSPARENT")
        calendar.add_component(entry)
    return calendar.to_ical()
