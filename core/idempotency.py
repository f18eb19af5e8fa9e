"""How a form sent twice is told apart from a second entry of the same thing.

A double click, a reload after a slow answer or a second tab sends the same form again;
it must find what the first request stored instead of booking money, mailing an
invitation or counting a record twice. Services that create something look for the same
thing stored by the same person within ``REPEAT_WINDOW`` and return it. The two requests
of a double click run at the same moment, so the service first serialises them on a row
both must lock (``lock_person`` or a row of its own, such as the grant).
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from django.utils import timezone

# Five minutes: a repeat comes within seconds of the first request, or after a request
# that timed out and was sent again (the proxy gives up after a minute or two). Someone
# who really means the same entry twice (two equal receipts on one day, a document
# uploaded again) rarely does it within five minutes, and then finds the first entry on
# the page the form returns to and can add the second one a moment later.
REPEAT_WINDOW = dt.timedelta(minutes=5)


def repeat_since(now: dt.datetime | None = None) -> dt.datetime:
    """The earliest instant at which a stored entry still counts as the same request."""
    return (now or timezone.now()) - REPEAT_WINDOW


def stored_just_now(queryset: QuerySet, *, since_field: str, now: dt.datetime | None = None):
    """The first entry of ``queryset`` stored within ``REPEAT_WINDOW``, if any;
    ``since_field`` names the moment it was stored (``created_at``, ``uploaded_at``)."""
    return recent(queryset, since_field=since_field, now=now).first()


def recent(queryset: QuerySet, *, since_field: str, now: dt.datetime | None = None) -> QuerySet:
    """The entries of ``queryset`` stored within ``REPEAT_WINDOW``, oldest first, for a
    service that compares more than the fields (a file's content)."""
    since = repeat_since(now)
    return queryset.filter(**{f"{since_field}__gte": since}).order_by("pk")


def lock_person(person: Model) -> None:
    """Lock the person's row (inside a transaction), so that the two requests of their
    double click run one after the other and the second finds the first one's entry."""
    get_user_model().objects.select_for_update().only("pk").get(pk=person.pk)
