"""The programme office's pages for the people linked to a municipality: the queue of
claims and the list of everyone linked, with approve, suspend, remove and lead."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.forms import ClaimDecisionForm
from accounts.models import Role, User
from accounts.selectors import (
    claim_get_office,
    claim_list_pending,
    people_of_municipality,
    person_was_unlinked,
)
from accounts.services.links import (
    link_approve,
    link_make_lead,
    link_remove,
    link_suspend,
    municipality_claim_decide,
)
from applications.selectors import known_contacts
from core.downloads import pdf_download
from core.formviews import bind
from core.permissions import require_roles
from municipalities.selectors import municipality_get

PAGE_SIZE = 50

LINK_ACTIONS = {
    "approve": (link_approve, gettext_lazy("%(name)s ist für die Kommune bestätigt.")),
    "suspend": (link_suspend, gettext_lazy("Der Zugang von %(name)s ist ausgesetzt.")),
    "remove": (link_remove, gettext_lazy("%(name)s ist nicht mehr mit der Kommune verbunden.")),
    "lead": (link_make_lead, gettext_lazy("%(name)s ist nun die federführende Koordination.")),
}


@require_roles(Role.OFFICE)
def claim_list(request):
    page = Paginator(claim_list_pending(), PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "office/claim_list.html", {"page": page})


@require_roles(Role.OFFICE)
def claim_detail(request, pk):
    claim = claim_get_office(claim_pk=pk)
    form = bind(ClaimDecisionForm, request)
    if request.method == "POST" and claim.status == claim.Status.PENDING and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            municipality_claim_decide(
                actor=request.user,
                claim_id=claim.pk,
                approve=approve,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                (
                    _("Der Anspruch von %(name)s ist bestätigt.")
                    if approve
                    else _("Der Anspruch von %(name)s ist abgelehnt.")
                )
                % {"name": claim.user.full_name},
            )
            return redirect("office:claims")
    context = {
        "claim": claim,
        "form": form,
        "contacts": known_contacts(municipality_id=claim.municipality_id),
        "people": people_of_municipality(municipality_id=claim.municipality_id).exclude(
            pk=claim.user_id
        ),
    }
    return render(request, "office/claim_detail.html", context)


@require_roles(Role.OFFICE)
def claim_letter(request, pk):
    claim = claim_get_office(claim_pk=pk)
    if not claim.letter:
        raise Http404
    return pdf_download(file=claim.letter, name=claim.letter_name)


@require_roles(Role.OFFICE)
def municipality_people(request, municipality_pk):
    municipality = municipality_get(pk=municipality_pk)
    page = Paginator(people_of_municipality(municipality_id=municipality.pk), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    return render(
        request, "office/municipality_people.html", {"municipality": municipality, "page": page}
    )


@require_roles(Role.OFFICE)
@require_POST
def municipality_person_action(request, municipality_pk, user_pk):
    municipality = municipality_get(pk=municipality_pk)
    action = LINK_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Bitte wählen Sie eine Aktion."))
        return redirect("office:municipality_people", municipality_pk=municipality.pk)
    service, done = action
    try:
        person = service(actor=request.user, municipality_id=municipality.pk, user_id=user_pk)
    except User.DoesNotExist as exc:
        if request.POST.get("action") == "remove" and person_was_unlinked(pk=user_pk):
            # The second click of a double click: the first one removed the person.
            return redirect("office:municipality_people", municipality_pk=municipality.pk)
        raise Http404 from exc
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"name": person.full_name})
    return redirect("office:municipality_people", municipality_pk=municipality.pk)
