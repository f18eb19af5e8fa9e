"""The programme office's pages for calls and their questionnaires.

Every change goes through ``calls.services``; these views only translate between HTTP
and those services. Moving items up and down answers htmx requests with the editor
fragment alone; without JavaScript the same forms post and redirect back.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from calls import questionnaire, services
from calls.forms import CallForm, QuestionForm, SectionForm
from calls.models import Question
from calls.selectors import (
    call_get_office,
    call_list_office,
    question_get_office,
    questionnaire_outline,
    section_get_office,
    version_current,
    version_older_application_count,
)
from core.formviews import attempt, bind
from core.htmx import is_htmx
from core.permissions import require_roles

office = require_roles(Role.OFFICE)


def _editor_url(call, anchor: str = "") -> str:
    url = reverse("calls_office:questionnaire_edit", args=[call.pk])
    return f"{url}#{anchor}" if anchor else url


def _version_note(request, before: int | None, after) -> None:
    """Tell the office when its change went into a new version."""
    if before is not None and after.number != before:
        messages.info(
            request,
            _(
                "Die Änderung wurde in der neuen Version %(new)s gespeichert. Bereits "
                "begonnene Bewerbungen behalten Version %(old)s."
            )
            % {"new": after.number, "old": before},
        )


def _saved_to_editor(
    request, call, form, service, /, *, before: int | None, message: str, anchor, **arguments
):
    """Store the form's data with ``service`` (a questionnaire service, given
    ``arguments``) and go back to the editor at ``anchor(saved)``, telling the office
    when the change made a new version. None when the service refused: its errors are
    then on ``form``."""
    saved = attempt(form, lambda: service(actor=request.user, data=form.cleaned_data, **arguments))
    if saved is None:
        return None
    _version_note(request, before, saved.version)
    messages.success(request, message)
    return redirect(_editor_url(call, anchor(saved)))


def _editor_context(call, *, status: str = "", error: str = "") -> dict:
    version = version_current(call=call)
    return {
        "call": call,
        "version": version,
        "outline": questionnaire_outline(version=version) if version else [],
        "frozen": services.version_is_frozen(version=version) if version else False,
        "older_count": version_older_application_count(version=version) if version else 0,
        "status": status,
        "error": error,
    }


@office
def call_list(request):
    return render(request, "calls/office/call_list.html", {"calls": call_list_office()})


@office
def call_create(request):
    form = bind(CallForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Die Ausschreibung wurde angelegt."))
            return redirect("calls_office:questionnaire_edit", call.pk)
    return render(request, "calls/office/call_form.html", {"form": form, "call": None})


@office
def call_edit(request, call_pk):
    call = call_get_office(call_pk=call_pk)
    initial = CallForm.initial_for(call, services.fingerprint(call, services.CALL_FIELDS))
    form = bind(CallForm, request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(
                call=call,
                actor=request.user,
                data=form.cleaned_data,
                expected_fingerprint=form.cleaned_data["fingerprint"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Die Ausschreibung wurde gespeichert."))
            return redirect("calls_office:list")
    return render(request, "calls/office/call_form.html", {"form": form, "call": call})


@office
def questionnaire_edit(request, call_pk):
    call = call_get_office(call_pk=call_pk)
    return render(request, "calls/office/questionnaire_edit.html", _editor_context(call))


@office
def section_create(request, call_pk):
    call = call_get_office(call_pk=call_pk)
    form = bind(SectionForm, request)
    if request.method == "POST" and form.is_valid():
        response = _saved_to_editor(
            request,
            call,
            form,
            questionnaire.section_create,
            call=call,
            before=getattr(version_current(call=call), "number", None),
            message=_("Der Abschnitt wurde angelegt."),
            anchor=lambda section: f"abschnitt-{section.pk}",
        )
        if response:
            return response
    return render(
        request, "calls/office/section_form.html", {"form": form, "call": call, "section": None}
    )


@office
def section_edit(request, call_pk, section_pk):
    call = call_get_office(call_pk=call_pk)
    section = section_get_office(call=call, section_id=section_pk)
    initial = {name: getattr(section, name) for name in questionnaire.SECTION_FIELDS}
    initial["fingerprint"] = services.fingerprint(section, questionnaire.SECTION_FIELDS)
    form = bind(SectionForm, request, initial=initial)
    if request.method == "POST" and form.is_valid():
        response = _saved_to_editor(
            request,
            call,
            form,
            questionnaire.section_update,
            section=section,
            expected_fingerprint=form.cleaned_data["fingerprint"],
            before=section.version.number,
            message=_("Der Abschnitt wurde gespeichert."),
            anchor=lambda saved: f"abschnitt-{saved.pk}",
        )
        if response:
            return response
    return render(
        request,
        "calls/office/section_form.html",
        {"form": form, "call": call, "section": section},
    )


@office
def section_delete(request, call_pk, section_pk):
    call = call_get_office(call_pk=call_pk)
    section = section_get_office(call=call, section_id=section_pk)
    error = ""
    if request.method == "POST":
        try:
            version = questionnaire.section_delete(section=section, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            _version_note(request, section.version.number, version)
            messages.success(request, _("Der Abschnitt wurde gelöscht."))
            return redirect(_editor_url(call))
    return render(
        request,
        "calls/office/confirm_delete.html",
        {
            "call": call,
            "object_label": section.title_de,
            "question_count": section.questions.count(),
            "is_section": True,
            "error": error,
        },
    )


def _move(request, call, *, move, before: int, anchor: str):
    """Run ``move(direction)`` and answer with the editor fragment (htmx) or a redirect."""
    direction = "down" if request.POST.get("direction") == "down" else "up"
    status, error = "", ""
    try:
        moved = move(direction)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    else:
        label = moved.label if isinstance(moved, Question) else moved.title
        if direction == "up":
            status = _("„%(label)s“ wurde nach oben verschoben.") % {"label": label}
        else:
            status = _("„%(label)s“ wurde nach unten verschoben.") % {"label": label}
        if moved.version.number != before:
            status += " " + _("Dafür wurde Version %(number)s angelegt.") % {
                "number": moved.version.number
            }
    if is_htmx(request):
        context = _editor_context(call, status=status, error=error)
        context["oob"] = True
        return render(request, "calls/office/_editor.html", context)
    if error:
        messages.error(request, error)
    elif status:
        messages.success(request, status)
    return redirect(_editor_url(call, anchor))


@office
@require_POST
def section_move(request, call_pk, section_pk):
    call = call_get_office(call_pk=call_pk)
    section = section_get_office(call=call, section_id=section_pk)
    return _move(
        request,
        call,
        move=lambda d: questionnaire.section_move(section=section, actor=request.user, direction=d),
        before=section.version.number,
        anchor="fragenkatalog",
    )


@office
def question_create(request, call_pk, section_pk):
    call = call_get_office(call_pk=call_pk)
    section = section_get_office(call=call, section_id=section_pk)
    form = bind(QuestionForm, request, version=section.version, initial={"section": section})
    if request.method == "POST" and form.is_valid():
        response = _saved_to_editor(
            request,
            call,
            form,
            questionnaire.question_create,
            section=form.cleaned_data["section"],
            before=section.version.number,
            message=_("Die Frage wurde angelegt."),
            anchor=lambda question: f"frage-{question.key}",
        )
        if response:
            return response
    return render(
        request,
        "calls/office/question_form.html",
        {"form": form, "call": call, "question": None, "section": section},
    )


@office
def question_edit(request, call_pk, question_pk):
    call = call_get_office(call_pk=call_pk)
    question = question_get_office(call=call, question_id=question_pk)
    initial = QuestionForm.initial_for(
        question, services.fingerprint(question, questionnaire.QUESTION_FIELDS)
    )
    form = bind(
        QuestionForm, request, initial=initial, version=question.version, own_key=question.key
    )
    if request.method == "POST" and form.is_valid():
        response = _saved_to_editor(
            request,
            call,
            form,
            questionnaire.question_update,
            question=question,
            expected_fingerprint=form.cleaned_data["fingerprint"],
            before=question.version.number,
            message=_("Die Frage wurde gespeichert."),
            anchor=lambda saved: f"frage-{saved.key}",
        )
        if response:
            return response
    return render(
        request,
        "calls/office/question_form.html",
        {"form": form, "call": call, "question": question, "section": question.section},
    )


@office
def question_delete(request, call_pk, question_pk):
    call = call_get_office(call_pk=call_pk)
    question = question_get_office(call=call, question_id=question_pk)
    error = ""
    if request.method == "POST":
        try:
            version = questionnaire.question_delete(question=question, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            _version_note(request, question.version.number, version)
            messages.success(request, _("Die Frage wurde gelöscht."))
            return redirect(_editor_url(call))
    return render(
        request,
        "calls/office/confirm_delete.html",
        {"call": call, "object_label": question.label_de, "is_section": False, "error": error},
    )


@office
@require_POST
def question_move(request, call_pk, question_pk):
    call = call_get_office(call_pk=call_pk)
    question = question_get_office(call=call, question_id=question_pk)
    return _move(
        request,
        call,
        move=lambda d: questionnaire.question_move(
            question=question, actor=request.user, direction=d
        ),
        before=question.version.number,
        anchor=f"frage-{question.key}",
    )
