"""Public pages of a call: its information, the questionnaire, and both as PDF."""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render

from calls import pdf
from calls.fields import form_field_for
from calls.selectors import (
    call_get_public,
    call_information_context,
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
        {
            **call_information_context(call=call),
            "is_open": call.is_open(),
            "version": version_current(call=call),
            # Made (or taken from the cache) here, so the link can say how large it is.
            "information_pdf_size": len(pdf.information_pdf(call=call)),
        },
    )


@public
def information_pdf(request, slug):
    """The call's information as a tagged PDF, printed from what the call page shows."""
    call = call_get_public(slug=slug)
    response = HttpResponse(pdf.information_pdf(call=call), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="informationen-{call.slug}.pdf"'
    return response


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
