"""The office's read-only view of every board of a cohort."""

from django.http import Http404
from django.shortcuts import render

from accounts.models import Role
from advisory.selectors import (
    assessment_get_office,
    board_get_office,
    board_years,
    meeting_get_office,
    meeting_list,
    meeting_target,
    member_list,
    office_board_rows,
    office_call_choose,
    office_calls,
    programme_years,
)
from advisory.views.meetings import split_by_now
from core.downloads import pdf_download
from core.permissions import require_roles


@require_roles(Role.OFFICE)
def office_boards(request):
    call = office_call_choose(call_pk=request.GET.get("kohorte"))
    years = programme_years(call=call) if call else []
    return render(
        request,
        "advisory/office/boards.html",
        {
            "call": call,
            "calls": list(office_calls()) if call else [],
            "years": years,
            "rows": office_board_rows(call=call, years=years) if call else [],
            "target": meeting_target(call=call) if call else None,
        },
    )


@require_roles(Role.OFFICE)
def office_board(request, board_pk: int):
    board = board_get_office(board_pk=board_pk)
    upcoming, past = split_by_now(meeting_list(board=board))
    return render(
        request,
        "advisory/office/board.html",
        {
            "board": board,
            "members": list(member_list(board=board)),
            "years": board_years(board=board, years=programme_years(call=board.call)),
            "upcoming": upcoming,
            "past": past,
        },
    )


@require_roles(Role.OFFICE)
def office_meeting(request, meeting_pk: int):
    meeting = meeting_get_office(meeting_pk=meeting_pk)
    return render(
        request,
        "advisory/office/meeting.html",
        {
            "board": meeting.board,
            "meeting": meeting,
            "sees_minutes": True,
            "file_url_name": "advisory:office_minutes_file",
        },
    )


@require_roles(Role.OFFICE)
def office_minutes_file(request, meeting_pk: int):
    meeting = meeting_get_office(meeting_pk=meeting_pk)
    if not meeting.minutes_file:
        raise Http404
    return pdf_download(file=meeting.minutes_file, name=meeting.minutes_file_name)


@require_roles(Role.OFFICE)
def office_assessment(request, assessment_pk: int):
    assessment = assessment_get_office(assessment_pk=assessment_pk)
    return render(
        request,
        "advisory/office/assessment.html",
        {"assessment": assessment, "board": assessment.board, "year": assessment.year},
    )
