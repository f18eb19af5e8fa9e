from django.shortcuts import render
from django.urls import reverse

from core.permissions import public
from core.selectors import page_get


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
