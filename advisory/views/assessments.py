"""The board's yearly written assessment: board members write it, the coordination reads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from advisory import services
from advisory.forms import AssessmentForm
from advisory.rules import INSIDE_ROLES, may_write_assessment, sees_inside
from advisory.selectors import assessment_for_year, year_get
from advisory.views.common import board_or_redirect
from core.formviews import bind
from core.permissions import require_roles

DRAFT, SUBMIT = "draft", "submit"


@require_roles(*INSIDE_ROLES)
def assessment(request, year_number: int):
    """Read the assessment of a programme year; board members also write it here, save
    drafts and finally submit it, after which it is read-only."""
    board, missing = board_or_redirect(request)
    if missing:
        return missing
    if not sees_inside(request.user, board):
        raise PermissionDenied  # a board member's account without a seat on this board
    year = year_get(call=board.call, number=year_number)
    current = assessment_for_year(board=board, year=year)
    writer = may_write_assessment(request.user, board)
    if request.method == "POST" and not writer:
        raise PermissionDenied
    editable = services.assessment_editable(
        board=board, year=year, assessment=current, actor=request.user
    )
    if request.method == "POST" and not editable:
        return _write_again(request, board, year)
    form = None
    conflict = False
    if editable:
        initial = {
            "text": current.text if current else "",
            "version": services.assessment_version(current),
        }
        form = bind(AssessmentForm, request, initial=initial)
        if request.method == "POST" and form.is_valid():
            submit = request.POST.get("action") == SUBMIT
            try:
                services.assessment_write(
                    board=board,
                    year=year,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    version=form.cleaned_data["version"],
                    submit=submit,
                )
            except ValidationError as error:
                form.add_service_errors(error)
                if getattr(error, "code", None) == "conflict":
                    conflict = True
                    current = assessment_for_year(board=board, year=year)
                    form.data = form.data.copy()
                    form.data["version"] = services.assessment_version(current)
            else:
                if submit:
                    messages.success(request, _("Die Einschätzung ist eingereicht."))
                else:
                    messages.success(request, _("Der Entwurf ist gespeichert."))
                return redirect("advisory:assessment", year_number=year.number)
    return render(
        request,
        "advisory/assessment.html",
        {
            "board": board,
            "year": year,
            "assessment": current,
            "form": form,
            "writer": writer,
            "conflict": conflict,
            "not_yet": year.starts_on > timezone.localdate(),
        },
    )


def _write_again(request, board, year):
    """A POST to an assessment no longer open to writing: a submission sent twice finds it
    submitted already, and the service accepts the same text again and refuses any change,
    with its reason."""
    try:
        services.assessment_write(
            board=board,
            year=year,
            actor=request.user,
            text=request.POST.get("text", ""),
            submit=request.POST.get("action") == SUBMIT,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Die Einschätzung ist eingereicht."))
    return redirect("advisory:assessment", year_number=year.number)
