"""Pages that read across apps: the start page lists the calls, and "my area" sends each
person to the start page of what they can use. They live in the project package so that `core`
knows no app."""

from django.shortcuts import redirect, render

from calls.selectors import call_list_public
from core.permissions import public, require_roles
from core.selectors import page_get
from kfa.menu import start_page_for


@public
def home(request):
    return render(
        request,
        "core/home.html",
        {"page": page_get(slug="programm"), "calls": call_list_public()},
    )


@require_roles()
def dashboard(request):
    """Send each person to the start page of what they can use (``start_page_for``)."""
    target = start_page_for(request.user)
    if target is not None:
        return redirect(target)
    return render(request, "core/dashboard.html")
