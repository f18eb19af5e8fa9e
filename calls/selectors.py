from django.http import Http404
from django.utils import timezone

from calls.models import Call


def call_list_public():
    """Calls that have been announced, newest first (open and closed)."""
    return list(Call.objects.order_by("-opens_at"))


def call_get_public(*, slug: str) -> Call:
    try:
        return Call.objects.get(slug=slug)
    except Call.DoesNotExist as exc:
        raise Http404 from exc


def call_list_open(*, now=None):
    now = now or timezone.now()
    return list(Call.objects.filter(opens_at__lte=now, deadline__gte=now).order_by("deadline"))
