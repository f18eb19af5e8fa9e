from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse

from core.permissions import public
from core.selectors import page_get


@public
def favicon(request):
    # Browsers ask for /favicon.ico whether or not a page names its icon; a permanent
    # redirect to the static file spares every page a 404 in the log.
    return redirect(static("img/favicon.svg"), permanent=True)


@public
def page(request, slug):
    return render(request, "core/page.html", {"page": page_get(slug=slug)})


def not_found(request, exception=None):
    return render(request, "core/error.html", {"status": 404}, status=404)


def forbidden(request, exception=None):
    return render(request, "core/error.html", {"status": 403}, status=403)


def server_error(request):
    return render(request, "core/error.html", {"status": 500}, status=500)


def login_url_for(next_path: str) -> str:
    return f"{reverse('accounts:login')}?next={next_path}"
