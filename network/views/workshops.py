"""Empowerment workshops: members sign up; the municipality's coordination manages its
local workshops; network coordinators and the office manage the national ones.

The municipality's coordination never sees who signed up, nor how many: a sign-up
reveals membership, and a small number would point at people.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Role
from core.formviews import bind
from core.permissions import require_roles
from network import rules, services
from network.forms import WorkshopForm
from network.selectors import (
    local_workshop_get,
    local_workshops,
    national_workshop_get,
    national_workshops,
    signed_up_ids,
    workshop_for_signup,
    workshops_for,
)
from programme.cohort import programme_call_for_user


@dataclass(frozen=True)
class Area:
    """One place where workshops are managed, and the URL names that belong to it."""

    namespace: str
    prefix: str
    heading: Promise
    national: bool
    show_counts: bool

    def url(self, action: str) -> str:
        return f"{self.namespace}:{self.prefix}{action}"

    @property
    def list_url(self) -> str:
        return self.url("s")

    @property
    def create_url(self) -> str:
        return self.url("_create")

    @property
    def edit_url(self) -> str:
        return self.url("_edit")

    @property
    def held_url(self) -> str:
        return self.url("_held")

    @property
    def cancel_url(self) -> str:
        return self.url("_cancel")


LOCAL = Area(
    namespace="network",
    prefix="local_workshop",
    heading=gettext_lazy("Workshops Ihrer Kommune"),
    national=False,
    show_counts=False,  # the coordination must not learn how many members signed up
)
NATIONAL = Area(
    namespace="network",
    prefix="national_workshop",
    heading=gettext_lazy("Bundesweite Workshops"),
    national=True,
    show_counts=True,
)
OFFICE = Area(
    namespace="network_office",
    prefix="workshop",
    heading=gettext_lazy("Bundesweite Workshops"),
    national=True,
    show_counts=False,  # sign-up numbers are for members and network coordinators
)


# --- members ------------------------------------------------------------------------


@rules.require_network(rules.inside)
def workshops(request):
    access = request.network
    mine = signed_up_ids(membership=access.membership)
    own_municipality = access.membership.municipality_id if access.membership else None
    rows = []
    for workshop in workshops_for(access=access):
        free = None
        if workshop.capacity is not None:
            free = max(0, workshop.capacity - workshop.signup_count)
        rows.append(
            {
                "workshop": workshop,
                "signed_up": workshop.pk in mine,
                "may_sign_up": access.is_member
                and workshop.municipality_id in (None, own_municipality),
                "free": free if access.sees_people else None,
                "shows_count": access.sees_people,
            }
        )
    return render(request, "network/workshops.html", {"rows": rows, "access": access})


@rules.require_network(rules.member)
@require_POST
def signup_add(request, workshop_pk: int):
    membership = request.network.membership
    workshop = workshop_for_signup(membership=membership, workshop_pk=workshop_pk)
    try:
        services.signup_add(membership=membership, workshop=workshop)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Sie sind für „%(title)s“ angemeldet.") % {"title": workshop.title}
        )
    return redirect("network:workshops")


@rules.require_network(rules.member)
@require_POST
def signup_remove(request, workshop_pk: int):
    membership = request.network.membership
    workshop = workshop_for_signup(membership=membership, workshop_pk=workshop_pk)
    services.signup_remove(membership=membership, workshop=workshop)
    messages.success(
        request, _("Ihre Anmeldung für „%(title)s“ ist gelöscht.") % {"title": workshop.title}
    )
    return redirect("network:workshops")


# --- managing, shared by the three areas ---------------------------------------------


def manage_list(request, area: Area, workshops):
    context = {"area": area, "workshops": workshops, "now": timezone.now()}
    return render(request, "network/workshop_manage.html", context)


def manage_form(request, area: Area, *, workshop=None, call=None, municipality=None):
    """Create (``workshop`` None) or edit a workshop of ``area``."""
    with_call = area.national and workshop is None
    initial = WorkshopForm.initial_for(workshop) if workshop else {}
    form = bind(WorkshopForm, request, initial=initial, with_call=with_call)
    if request.method == "POST" and form.is_valid():
        try:
            if workshop is None:
                saved = services.workshop_create(
                    actor=request.user,
                    call=form.cleaned_data["call"] if with_call else call,
                    municipality=municipality,
                    data=form.workshop_data(),
                )
            else:
                saved = services.workshop_update(
                    workshop=workshop, actor=request.user, data=form.workshop_data()
                )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request, _("Der Workshop „%(title)s“ ist gespeichert.") % {"title": saved.title}
            )
            return redirect(area.list_url)
    return render(
        request, "network/workshop_form.html", {"area": area, "form": form, "workshop": workshop}
    )


def manage_status(request, area: Area, workshop, action: str):
    """A confirm page (GET) and the change (POST): ``action`` is "held" or "cancel"."""
    if request.method == "POST":
        change = services.workshop_mark_held if action == "held" else services.workshop_cancel
        try:
            change(workshop=workshop, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            text = (
                _("„%(title)s“ hat stattgefunden.")
                if action == "held"
                else _("„%(title)s“ ist abgesagt.")
            )
            messages.success(request, text % {"title": workshop.title})
        return redirect(area.list_url)
    context = {
        "area": area,
        "workshop": workshop,
        "action": action,
        "too_early": action == "held" and workshop.starts_at > timezone.now(),
    }
    return render(request, "network/workshop_status.html", context)


# --- local: the municipality's coordination ------------------------------------------


def _local_scope(request) -> tuple:
    call = programme_call_for_user(request.user)  # 404 unless a model municipality
    return call, request.user.approved_municipality_id


@require_roles(Role.COORDINATOR)
def local_workshop_list(request):
    _call, municipality_id = _local_scope(request)
    return manage_list(request, LOCAL, local_workshops(municipality_id=municipality_id))


@require_roles(Role.COORDINATOR)
def local_workshop_create(request):
    call, _municipality_id = _local_scope(request)
    return manage_form(request, LOCAL, call=call, municipality=request.user.municipality)


@require_roles(Role.COORDINATOR)
def local_workshop_edit(request, workshop_pk: int):
    _call, municipality_id = _local_scope(request)
    workshop = local_workshop_get(municipality_id=municipality_id, workshop_pk=workshop_pk)
    return manage_form(request, LOCAL, workshop=workshop)


@require_roles(Role.COORDINATOR)
def local_workshop_held(request, workshop_pk: int):
    _call, municipality_id = _local_scope(request)
    workshop = local_workshop_get(municipality_id=municipality_id, workshop_pk=workshop_pk)
    return manage_status(request, LOCAL, workshop, "held")


@require_roles(Role.COORDINATOR)
def local_workshop_cancel(request, workshop_pk: int):
    _call, municipality_id = _local_scope(request)
    workshop = local_workshop_get(municipality_id=municipality_id, workshop_pk=workshop_pk)
    return manage_status(request, LOCAL, workshop, "cancel")


# --- national: network coordinators ---------------------------------------------------


@rules.require_network(rules.network_coordinator)
def national_workshop_list(request):
    return manage_list(request, NATIONAL, national_workshops(with_counts=True))


@rules.require_network(rules.network_coordinator)
def national_workshop_create(request):
    return manage_form(request, NATIONAL)


@rules.require_network(rules.network_coordinator)
def national_workshop_edit(request, national_workshop_pk: int):
    workshop = national_workshop_get(workshop_pk=national_workshop_pk)
    return manage_form(request, NATIONAL, workshop=workshop)


@rules.require_network(rules.network_coordinator)
def national_workshop_held(request, national_workshop_pk: int):
    workshop = national_workshop_get(workshop_pk=national_workshop_pk)
    return manage_status(request, NATIONAL, workshop, "held")


@rules.require_network(rules.network_coordinator)
def national_workshop_cancel(request, national_workshop_pk: int):
    workshop = national_workshop_get(workshop_pk=national_workshop_pk)
    return manage_status(request, NATIONAL, workshop, "cancel")
