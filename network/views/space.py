"""The closed space of the network: announcements and shared documents, for members
and network coordinators; only network coordinators post and share."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.downloads import pdf_download
from core.formviews import bind
from network import rules
from network.forms import AnnouncementForm, DocumentForm
from network.selectors import announcements_for, document_get, documents_for
from network.services import announcement_post, document_share


@rules.require_network(rules.inside)
def space(request):
    access = request.network
    context = {
        "access": access,
        "announcements": announcements_for(access=access),
        "documents": documents_for(access=access).select_related("uploaded_by"),
    }
    return render(request, "network/space.html", context)


@rules.require_network(rules.network_coordinator)
def announcement_create(request):
    form = bind(AnnouncementForm, request)
    if request.method == "POST" and form.is_valid():
        announcement_post(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Die Mitteilung ist veröffentlicht."))
        return redirect("network:space")
    return render(request, "network/announcement_form.html", {"form": form})


@rules.require_network(rules.network_coordinator)
def document_create(request):
    form = bind(DocumentForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            document_share(
                actor=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Das Dokument ist geteilt."))
            return redirect("network:space")
    return render(request, "network/document_form.html", {"form": form})


@rules.require_network(rules.inside)
def document_download(request, document_pk: int):
    document = document_get(access=request.network, document_pk=document_pk)
    return pdf_download(file=document.file, name=document.file_name)
