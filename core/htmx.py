"""Answering htmx requests: a fragment for htmx, the whole page for everyone else."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx asked for a fragment.

    A history restore (back button after hx-push-url) is sent by htmx too, but needs the
    whole page again, so it does not count.
    """
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """The same URL answers with a page or a fragment, so caches must keep them apart."""
    patch_vary_headers(response, ["HX-Request"])
    return response


def render_region(request: HttpRequest, *, page: str, region: str, context: dict) -> HttpResponse:
    """The whole page, or only the region htmx asked for."""
    return vary_on_htmx(render(request, region if is_htmx(request) else page, context))
