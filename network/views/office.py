"""The office's part: member counts per model municipality (suppressed), their export,
naming network coordinators and the national workshops."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.models import Role
from core.exports import xlsx_response
from core.formviews import bind
from core.permissions import require_roles
from network.exports import counts_xlsx
from network.forms import CoordinatorForm
from network.models import ANONYMITY_THRESHOLD
from network.selectors import cohort_member_counts, coordinators, national_workshop_get
from network.selectors import national_workshops as national_workshops_query
from network.services import coordinator_appoint, coordinator_remove
from network.views.workshops import OFFICE, manage_form, manage_list, manage_status
from programme.cohort import programme_calls


@require_roles(Role.OFFICE)
def index(request):
    context = {"calls": list(programme_calls()), "coordinators": list(coordinators())}
    return render(request, "network/office/index.html", context)


@require_roles(Role.OFFICE)
def counts(request, network_call_pk: int):
    call = get_object_or_404(programme_calls(), pk=network_call_pk)
    context = {
        "call": call,
        "counts": cohort_member_counts(call=call),
        "threshold": ANONYMITY_THRESHOLD,
    }
    return render(request, "network/office/counts.html", context)


@require_roles(Role.OFFICE)
def counts_export(request, network_call_pk: int):
    call = get_object_or_404(programme_calls(), pk=network_call_pk)
    content = counts_xlsx(call=call, counts=cohort_member_counts(call=call))
    return xlsx_response(content, filename=f"netzwerk-mitglieder-{call.slug}.xlsx")


@require_roles(Role.OFFICE)
def coordinator_add(request):
    form = bind(CoordinatorForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            coordinator = coordinator_appoint(actor=request.user, user=form.user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("%(name)s koordiniert jetzt das Netzwerk.")
                % {"name": coordinator.user.full_name},
            )
            return redirect("network_office:index")
    return render(request, "network/office/coordinator_form.html", {"form": form})


@require_roles(Role.OFFICE)
def coordinator_remove_view(request, network_coordinator_pk: int):
    coordinator = get_object_or_404(coordinators(), pk=network_coordinator_pk)
    if request.method == "POST":
        name = coordinator.user.full_name
        coordinator_remove(actor=request.user, coordinator=coordinator)
        messages.success(
            request, _("%(name)s koordiniert das Netzwerk nicht mehr.") % {"name": name}
        )
        return redirect("network_office:index")
    return render(request, "network/office/coordinator_remove.html", {"coordinator": coordinator})


@require_roles(Role.OFFICE)
def workshops(request):
    return manage_list(request, OFFICE, national_workshops_query(with_counts=False))


@require_roles(Role.OFFICE)
def workshop_create(request):
    return manage_form(request, OFFICE)


@require_roles(Role.OFFICE)
def workshop_edit(request, national_workshop_pk: int):
    workshop = national_workshop_get(workshop_pk=national_workshop_pk)
    return manage_form(request, OFFICE, workshop=workshop)


@require_roles(Role.OFFICE)
def workshop_held(request, national_workshop_pk: int):
    workshop = national_workshop_get(workshop_pk=national_workshop_pk)
    return manage_status(request, OFFICE, workshop, "held")


@require_roles(Role.OFFICE)
def workshop_cancel(request, national_workshop_pk: int):
    workshop = national_workshop_get(workshop_pk=national_workshop_pk)
    return manage_status(request, OFFICE, workshop, "cancel")
