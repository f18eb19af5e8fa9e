"""Public pages of a call: its facts, the questionnaire and the questionnaire as PDF."""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render

from calls import pdf
from calls.fields import form_field_for
from calls.selectors import (
    call_get_public,
    call_list_public,
    questionnaire_outline,
    version_current,
)
from core.permissions import public


@public
def call_list(request):
    return render(request, "calls/call_list.html", {"calls": call_list_public()})


@public
def call_detail(request, slug):
    call = call_get_public(slug=slug)
    return render(
        request,
        "calls/call_detail.html",
        {"call": call, "is_open": call.is_open(), "version": version_current(call=call)},
    )


@public
def questionnaire(request, slug):
    """The current questionnaire exactly as applicants see it, with every field disabled."""
    call = call_get_public(slug=slug)
    version = version_current(call=call)
    outline = questionnaire_outline(version=version) if version else []
    preview = forms.Form()
    for section_view in outline:
        for item in section_view.questions:
            preview.fields[item.question.key] = form_field_for(item.question)
    sections = [
        (section_view, [(item, preview[item.question.key]) for item in section_view.questions])
        for section_view in outline
    ]
    return render(
        request,
        "calls/questionnaire.html",
        {"call": call, "version": version, "sections": sections},
    )


@public
def questionnaire_pdf(request, slug):
    call = call_get_public(slug=slug)
    version = version_current(call=call)
    if version is None:
        raise Http404
    response = HttpResponse(pdf.questionnaire_pdf(version=version), content_type="application/pdf")
    filename = f"fragenkatalog-{call.slug}-version-{version.number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
