from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.models import Role
from core.permissions import public, require_roles
from core.selectors import page_get


@public
def home(request):
    from calls.selectors import call_list_public

    return render(
        request,
        "core/home.html",
        {"page": page_get(slug="programm"), "calls": call_list_public()},
    )


@public
def page(request, slug):
    return render(request, "core/page.html", {"page": page_get(slug=slug)})


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


def not_found(request, exception=None):
    return render(request, "core/error.html", {"status": 404}, status=404)


def forbidden(request, exception=None):
    return render(request, "core/error.html", {"status": 403}, status=403)


def server_error(request):
    return render(request, "core/error.html", {"status": 500}, status=500)


def login_url_for(next_path: str) -> str:
    return f"{reverse('accounts:login')}?next={next_path}"
