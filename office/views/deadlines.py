"""The programme's deadline calendar for the office, and its secret calendar feed."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from core.feeds import feed_token_exists, feed_token_renew, feed_token_revoke, feed_token_user
from core.models import FeedToken
from core.permissions import public, require_roles
from office.calendar import (
    MONTHS_MOST,
    MONTHS_STEP,
    deadlines_by_month,
    feed_deadlines,
    ical_bytes,
)

PURPOSE = FeedToken.Purpose.OFFICE_DEADLINES
SESSION_KEY = "office_feed_token"


def _months(value: str | None) -> int:
    """The months the page reaches ahead: whole steps, at least one, at most the most."""
    if value and value.isascii() and value.isdigit() and len(value) <= 3:
        steps = max(1, int(value) // MONTHS_STEP)
        return min(steps * MONTHS_STEP, MONTHS_MOST)
    return MONTHS_STEP


@require_roles(Role.OFFICE)
def deadlines(request):
    months = _months(request.GET.get("monate"))
    context = {
        "months": deadlines_by_month(today=timezone.localdate(), months=months),
        "reach": months,
        "more": months + MONTHS_STEP if months < MONTHS_MOST else None,
        "token": request.session.pop(SESSION_KEY, None),
        "has_feed": feed_token_exists(user=request.user, purpose=PURPOSE),
    }
    return render(request, "office/deadlines.html", context)


@require_roles(Role.OFFICE)
@require_POST
def deadlines_feed(request):
    """Renew (a new secret address, the old one stops) or revoke the person's feed."""
    if request.POST.get("aktion") == "sperren":
        if feed_token_revoke(user=request.user, purpose=PURPOSE):
            messages.success(request, _("Die Kalenderadresse ist gesperrt."))
    else:
        request.session[SESSION_KEY] = feed_token_renew(user=request.user, purpose=PURPOSE)
        messages.success(request, _("Eine neue Kalenderadresse ist erzeugt."))
    return redirect("office:deadlines")


@public
def deadlines_ics(request, office_feed_token: str):
    """The feed of an active office account; any other secret answers 404, also that of
    a person who no longer works in the office."""
    user = feed_token_user(purpose=PURPOSE, token=office_feed_token)
    if user is None or user.role != Role.OFFICE:
        raise Http404
    content = ical_bytes(feed_deadlines(today=timezone.localdate()))
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")
