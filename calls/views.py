from django.shortcuts import render

from calls.selectors import call_get_public, call_list_public
from core.permissions import public


@public
def call_list(request):
    return render(request, "calls/call_list.html", {"calls": call_list_public()})


@public
def call_detail(request, slug):
    return render(request, "calls/call_detail.html", {"call": call_get_public(slug=slug)})
