from django.http import Http404

from core.models import Page


def page_get(*, slug: str) -> Page:
    try:
        return Page.objects.get(slug=slug)
    except Page.DoesNotExist as exc:
        raise Http404 from exc
