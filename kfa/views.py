"""Pages that read across apps: the start page lists the calls, and "my area" sends each
person to the start page of what they can use. They live in the project package so that `core`
knows no app."""

from django.shortcuts import redirect, render
from django.utils import timezone

from calls.selectors import call_list_public
from core.content import key_dates_split
from core.permissions import public, require_roles
from core.selectors import page_get
from kfa.key_dates import call_key_dates
from kfa.menu import start_page_for


@public
def home(request):
    today = timezone.localdate()
    calls = call_list_public()
    upcoming, past = key_dates_split(today=today, extra=call_key_dates(calls=calls, today=today))
    return render(
        request,
        "core/home.html",
        {
            "page": page_get(slug="programm"),
            "calls": calls,
            "upcoming_dates": upcoming,
            "past_dates": past,
        },
    )


@require_roles()
def dashboard(request):
    """Send each person to the start page of what they can use (``start_page_for``)."""
    target = start_page_for(request.user)
    if target is not None:
        return redirect(target)
    return render(request, "core/dashboard.html")
