from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_region(request: HttpRequest, *, page: str, region: str, context: dict) -> HttpResponse:
    """The whole page, or only the region htmx asked for.

    A history restore (back button after hx-push-url) needs the whole page again.
    """
    partial = request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )
    response = render(request, region if partial else page, context)
    # The same URL answers with a page or a fragment, so caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response
