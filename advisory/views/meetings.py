"""Meetings of the board: the list, planning and cancelling, minutes and decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from advisory import services
from advisory.forms import MeetingForm, MinutesForm
from advisory.rules import (
    MANAGE_ROLES,
    MINUTES_ROLES,
    READ_ROLES,
    may_manage,
    may_write_minutes,
    sees_inside,
)
from advisory.selectors import board_required_for_user, meeting_get, meeting_list
from advisory.views.common import board_or_redirect
from core.choices import ActivityStatus
from core.downloads import pdf_download
from core.formviews import bind
from core.permissions import require_roles


def split_by_now(meetings) -> tuple[list, list]:
    """Upcoming meetings (soonest first) and past ones (latest first)."""
    now = timezone.now()
    upcoming = [m for m in meetings if m.starts_at >= now]
    past = [m for m in meetings if m.starts_at < now]
    return upcoming, past[::-1]


@require_roles(*READ_ROLES)
def meetings(request):
    board, missing = board_or_redirect(request)
    if missing:
        return missing
    upcoming, past = split_by_now(meeting_list(board=board))
    return render(
        request,
        "advisory/meetings.html",
        {
            "board": board,
            "upcoming": upcoming,
            "past": past,
            "may_manage": may_manage(request.user),
        },
    )


@require_roles(*MANAGE_ROLES)
def meeting_plan(request):
    board, missing = board_or_redirect(request)
    if missing:
        return missing
    form = bind(MeetingForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_plan(board=board, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Die Sitzung ist eingetragen."))
            return redirect("advisory:meeting", meeting_pk=meeting.pk)
    return render(request, "advisory/meeting_form.html", {"form": form, "board": board})


@require_roles(*READ_ROLES)
def meeting(request, meeting_pk: int):
    _call, board = board_required_for_user(user=request.user)
    meeting = meeting_get(board=board, meeting_pk=meeting_pk)
    user = request.user
    return render(
        request,
        "advisory/meeting.html",
        {
            "board": board,
            "meeting": meeting,
            "started": meeting.starts_at <= timezone.now(),
            "sees_minutes": sees_inside(user, board),
            "may_write_minutes": may_write_minutes(user, board),
            "may_manage": may_manage(user),
            "file_url_name": "advisory:minutes_file",
        },
    )


@require_roles(*MANAGE_ROLES)
def meeting_cancel(request, meeting_pk: int):
    _call, board = board_required_for_user(user=request.user)
    meeting = meeting_get(board=board, meeting_pk=meeting_pk)
    if request.method == "POST":
        try:
            services.meeting_cancel(meeting=meeting, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Die Sitzung ist abgesagt."))
        return redirect("advisory:meeting", meeting_pk=meeting.pk)
    return render(request, "advisory/meeting_cancel.html", {"meeting": meeting})


@require_roles(*MINUTES_ROLES)
def minutes_edit(request, meeting_pk: int):
    _call, board = board_required_for_user(user=request.user)
    meeting = meeting_get(board=board, meeting_pk=meeting_pk)
    if not may_write_minutes(request.user, board):
        raise PermissionDenied  # a board member's account without a seat on this board
    if meeting.status == ActivityStatus.CANCELLED or meeting.starts_at > timezone.now():
        messages.info(
            request,
            _(
                "Ein Protokoll gibt es nur für Sitzungen, die begonnen haben und nicht "
                "abgesagt sind."
            ),
        )
        return redirect("advisory:meeting", meeting_pk=meeting.pk)
    has_file = bool(meeting.minutes_file)
    initial = {
        "minutes": meeting.minutes,
        "decisions": meeting.decisions,
        "version": services.minutes_version(meeting),
    }
    form = bind(MinutesForm, request, initial=initial, has_file=has_file)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.minutes_save(
                meeting=meeting,
                actor=request.user,
                minutes=data["minutes"],
                decisions=data["decisions"],
                upload=data["minutes_file"],
                remove_file=data.get("remove_file", False),
                version=data["version"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
            if getattr(error, "code", None) == "conflict":
                # Someone saved in between: show their version and accept the next save.
                conflict = True
                meeting = meeting_get(board=board, meeting_pk=meeting.pk)
                form.data = form.data.copy()
                form.data["version"] = services.minutes_version(meeting)
        else:
            messages.success(request, _("Protokoll und Beschlüsse sind gespeichert."))
            return redirect("advisory:meeting", meeting_pk=meeting.pk)
    return render(
        request,
        "advisory/minutes_form.html",
        {"form": form, "meeting": meeting, "conflict": conflict},
    )


@require_roles(*MINUTES_ROLES)
def minutes_file(request, meeting_pk: int):
    _call, board = board_required_for_user(user=request.user)
    meeting = meeting_get(board=board, meeting_pk=meeting_pk)
    if not may_write_minutes(request.user, board):
        raise PermissionDenied  # a board member's account without a seat on this board
    if not meeting.minutes_file:
        raise Http404
    return pdf_download(file=meeting.minutes_file, name=meeting.minutes_file_name)
