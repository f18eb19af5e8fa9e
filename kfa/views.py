"""Pages that read across apps: the start page lists the calls, and "my area" sends each
person to the start page of their role. They live in the project package so that `core`
knows no app."""

from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.models import Role
from calls.selectors import call_list_public
from core.content import key_dates_split
from core.permissions import public, require_roles
from core.selectors import page_get


@public
def home(request):
    upcoming, past = key_dates_split(today=timezone.localdate())
    return render(
        request,
        "core/home.html",
        {
            "page": page_get(slug="programm"),
            "calls": call_list_public(),
            "upcoming_dates": upcoming,
            "past_dates": past,
        },
    )


@require_roles()
def dashboard(request):
    """Send each person to the start page of their role."""
    user = request.user
    if user.role == Role.OFFICE:
        return redirect("office:index")
    if user.role == Role.COORDINATOR:
        return redirect("applications:index")
    if user.role == Role.REVIEWER:
        return redirect("reviews:my_assignments")
    return render(request, "core/dashboard.html")
