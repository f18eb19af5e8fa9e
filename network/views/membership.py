"""Joining, leaving, the start page and the member list.

Membership is special-category data: no view here logs or audits who joined or left.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import Role
from core.formviews import bind
from core.permissions import require_roles
from network import rules
from network.consent import CONSENT_SECTIONS, CONSENT_TITLE, CONSENT_VERSION
from network.forms import JoinForm, VisibilityForm
from network.models import ANONYMITY_THRESHOLD
from network.selectors import (
    COUNT_ROLES,
    JOIN_ROLES,
    join_call_for,
    members_for,
    municipality_member_count,
    network_access,
)
from network.services import membership_join, membership_leave, membership_show_name

MEMBERS_PER_PAGE = 50


@require_roles()
def index(request):
    """What the network is, and what this person may do in it."""
    user = request.user
    access = rules.access_of(user)
    join_call = join_call_for(user=user)
    shows_count = user.role in COUNT_ROLES and join_call is not None
    count = None
    if shows_count:
        count = municipality_member_count(municipality_id=user.approved_municipality_id)
    context = {
        "access": access,
        "may_join": join_call is not None and not access.is_member,
        "shows_count": shows_count,
        "count": count,
        "manages_local": user.role == Role.COORDINATOR and join_call is not None,
        "threshold": ANONYMITY_THRESHOLD,
    }
    return render(request, "network/index.html", context)


@require_roles(*JOIN_ROLES)
def join(request):
    """The consent page: only the person themselves joins, ticking the box themselves."""
    if join_call_for(user=request.user) is None:
        raise Http404
    if network_access(user=request.user).is_member:
        messages.info(request, _("Sie sind bereits Mitglied des Netzwerks."))
        return redirect("network:index")
    form = bind(JoinForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            membership_join(user=request.user, department=form.cleaned_data["department"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Willkommen im Netzwerk! Sie sind jetzt Mitglied."))
            return redirect("network:index")
    context = {
        "form": form,
        "consent_title": CONSENT_TITLE,
        "consent_sections": CONSENT_SECTIONS,
        "consent_version": CONSENT_VERSION,
    }
    return render(request, "network/join.html", context)


@require_roles()
def leave(request):
    """Confirm, then delete the membership at once. Anyone may open it: a person who is
    not (or no longer) a member is sent back to the start page, so a second click on
    "leave" does no harm."""
    if request.method == "POST":
        if membership_leave(user=request.user):
            messages.success(
                request,
                _("Sie sind aus dem Netzwerk ausgetreten. Ihre Mitgliedsdaten sind gelöscht."),
            )
        return redirect("network:index")
    if not network_access(user=request.user).is_member:
        return redirect("network:index")
    return render(request, "network/leave.html")


@rules.require_network(rules.inside)
def members(request):
    """The member list; a person in a role that decides about staff gets the reason why
    they see none."""
    access = request.network
    if not access.sees_people:
        return render(request, "network/members.html", {"withheld": True})
    page = Paginator(members_for(access=access), MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "network/members.html", {"page_obj": page, "members": page})


@rules.require_network(rules.member, *JOIN_ROLES)
def visibility(request):
    """The member's own choice whether other members see their name."""
    membership = request.network.membership
    form = bind(
        VisibilityForm,
        request,
        initial={"show_name": membership.show_name},
    )
    if request.method == "POST" and form.is_valid():
        show = form.cleaned_data["show_name"]
        membership_show_name(user=request.user, show=show)
        messages.success(
            request,
            _("Andere Mitglieder sehen jetzt Ihren Namen.")
            if show
            else _("Andere Mitglieder sehen Sie jetzt als „ein Mitglied aus %(land)s“.")
            % {"land": membership.municipality.land.name},
        )
        return redirect("network:index")
    return render(request, "network/visibility.html", {"form": form, "membership": membership})
