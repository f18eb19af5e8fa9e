"""The municipality's board page, setting it up, and its members."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from advisory import services
from advisory.forms import BoardForm, InviteForm, MemberForm
from advisory.rules import MANAGE_ROLES, READ_ROLES, may_manage, sees_inside
from advisory.selectors import (
    board_for_user,
    board_required_for_user,
    board_years,
    meeting_list,
    member_get,
    member_list,
    programme_years,
)
from advisory.views.common import board_or_redirect
from core.choices import ActivityStatus
from core.formviews import bind
from core.permissions import require_roles


@require_roles(*READ_ROLES)
def board(request):
    user = request.user
    call, board = board_for_user(user=user)
    context = {
        "call": call,
        "board": board,
        "municipality": user.municipality,
        "sees_inside": sees_inside(user, board),
        "may_manage": may_manage(user),
    }
    if board is not None:
        context["years"] = board_years(board=board, years=programme_years(call=call))
        context["next_meeting"] = (
            meeting_list(board=board)
            .filter(status=ActivityStatus.PLANNED, starts_at__gte=timezone.now())
            .first()
        )
        if context["sees_inside"]:
            context["members"] = list(member_list(board=board))
    return render(request, "advisory/board.html", context)


@require_roles(*MANAGE_ROLES)
def board_edit(request):
    user = request.user
    call, board = board_for_user(user=user)
    initial = {}
    if board is not None:
        initial = {
            "name": board.name,
            "basis": board.basis,
            "existing_body": board.existing_body,
            "constituted_on": board.constituted_on,
        }
    form = bind(BoardForm, request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.board_save(
                call=call, municipality=user.municipality, actor=user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Die Angaben zum Fachbeirat sind gespeichert."))
            return redirect("advisory:board")
    return render(request, "advisory/board_form.html", {"form": form, "board": board})


@require_roles(*MANAGE_ROLES)
def member_add(request):
    board, missing = board_or_redirect(request)
    if missing:
        return missing
    form = bind(MemberForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_add(board=board, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("%(name)s gehört nun zum Fachbeirat.") % {"name": member.full_name}
            )
            return redirect("advisory:board")
    return render(request, "advisory/member_form.html", {"form": form, "member": None})


@require_roles(*MANAGE_ROLES)
def member_edit(request, member_pk: int):
    _call, board = board_required_for_user(user=request.user)
    member = member_get(board=board, member_pk=member_pk)
    initial = {k: getattr(member, k) for k in ("full_name", "organisation", "function")}
    form = bind(MemberForm, request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(member=member, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Die Angaben zum Mitglied sind gespeichert."))
            return redirect("advisory:board")
    return render(request, "advisory/member_form.html", {"form": form, "member": member})


@require_roles(*MANAGE_ROLES)
def member_remove(request, member_pk: int):
    _call, board = board_required_for_user(user=request.user)
    member = member_get(board=board, member_pk=member_pk)
    if request.method == "POST":
        services.member_remove(member=member, actor=request.user)
        messages.success(
            request,
            _("%(name)s gehört nicht mehr zum Fachbeirat.") % {"name": member.full_name},
        )
        return redirect("advisory:board")
    return render(request, "advisory/member_remove.html", {"member": member})


@require_roles(*MANAGE_ROLES)
def member_invite(request, member_pk: int):
    _call, board = board_required_for_user(user=request.user)
    member = member_get(board=board, member_pk=member_pk)
    if member.user_id:
        messages.info(
            request,
            _("%(name)s hat bereits ein Konto für den Fachbeirat.") % {"name": member.full_name},
        )
        return redirect("advisory:board")
    form = bind(InviteForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.member_invite(
                member=member, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if invitation is None:
                text = _("%(name)s ist nun mit dem bestehenden Konto verknüpft.")
            else:
                text = _("Die Einladung an %(name)s ist verschickt.")
            messages.success(request, text % {"name": member.full_name})
            return redirect("advisory:board")
    return render(request, "advisory/member_invite.html", {"form": form, "member": member})
