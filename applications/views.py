from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import ClaimForm
from accounts.models import Role, User
from accounts.selectors import claim_pending_of, municipality_has_approved_coordinator
from accounts.services.links import municipality_claim_submit
from applications import services
from applications.forms import SectionForm, initial_from_answers
from applications.models import Answer, Application
from applications.selectors import (
    AnsweredQuestion,
    AnsweredSection,
    answer_values,
    answers_of_application,
    application_get_for_user,
    application_list_for_municipality,
    application_open_points,
    coordinators_waiting_for_consent,
    questions_of_version,
    unmet_message,
)
from calls.fields import answer_matches, condition_text, requirement_text, visible_questions
from calls.selectors import call_get_public, call_list_open
from core.downloads import pdf_download
from core.formviews import bind
from core.permissions import require_roles
from municipalities.models import Municipality
from municipalities.selectors import municipality_get, municipality_search

coordinator_only = require_roles(Role.COORDINATOR)


@coordinator_only
def index(request):
    user = request.user
    if user.municipality_id is None:
        return redirect("applications:choose_municipality")
    if user.approved_municipality_id is None:
        return _waiting(request)
    applications = application_list_for_municipality(municipality_id=user.municipality_id)
    started = {a.call_id for a in applications}
    pending = coordinators_waiting_for_consent(municipality_id=user.municipality_id)
    return render(
        request,
        "applications/index.html",
        {
            "applications": applications,
            "open_calls": [c for c in call_list_open() if c.pk not in started],
            "pending": pending,
            "may_correct": all(a.status == Application.Status.DRAFT for a in applications),
        },
    )


def _waiting(request):
    """The page of a linked person who may not see anything yet: a claim to file, a
    claim or a colleague's consent to wait for, or a link the office suspended."""
    user = request.user
    claim = claim_pending_of(user=user)
    suspended = user.municipality_suspended_at is not None
    has_coordinator = municipality_has_approved_coordinator(municipality_id=user.municipality_id)
    if not suspended and claim is None and not has_coordinator:
        return redirect("applications:claim")
    return render(
        request,
        "applications/waiting.html",
        {"claim": claim, "suspended": suspended, "has_coordinator": has_coordinator},
    )


@coordinator_only
def claim(request):
    """A linked coordinator of a municipality that already has records (and no approved
    coordinator) asks the programme office to confirm them."""
    user = request.user
    if user.municipality_id is None:
        return redirect("applications:choose_municipality")
    if (
        user.municipality_approved_at is not None
        or user.municipality_suspended_at is not None
        or claim_pending_of(user=user) is not None
    ):
        return redirect("applications:index")
    form = bind(ClaimForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            municipality_claim_submit(
                user=user,
                function=form.cleaned_data["function"],
                authority=form.cleaned_data["authority"],
                letter=form.cleaned_data["letter"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Ihr Anspruch ist an die Geschäftsstelle übermittelt."))
            return redirect("applications:index")
    return render(request, "applications/claim.html", {"form": form})


@coordinator_only
@require_POST
def correct_municipality(request):
    """Undo the choice of a wrong municipality (while nothing of it is submitted)."""
    try:
        services.coordinator_municipality_correct(user=request.user)
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
        return redirect("applications:index")
    messages.success(request, _("Ihre Zuordnung ist aufgehoben. Bitte wählen Sie Ihre Kommune."))
    return redirect("applications:choose_municipality")


@coordinator_only
def choose_municipality(request):
    if request.user.municipality_id:
        return redirect("applications:index")
    if request.method == "POST":
        municipality = _municipality_from(request.POST.get("municipality", ""))
        if municipality is None:
            messages.error(request, _("Bitte wählen Sie eine Kommune aus der Trefferliste."))
            return redirect("applications:choose_municipality")
        try:
            approved = services.coordinator_choose_municipality(
                user=request.user, municipality=municipality
            )
        except services.ApplicationError as exc:
            messages.error(request, str(exc))
            return redirect("applications:choose_municipality")
        if approved:
            messages.success(
                request,
                _("Sie koordinieren nun die Bewerbung von %(name)s.") % {"name": municipality.name},
            )
        return redirect("applications:index")

    query = request.GET.get("q", "").strip()
    results = municipality_search(query=query) if len(query) >= 2 else []
    return render(
        request, "applications/choose_municipality.html", {"query": query, "results": results}
    )


def _municipality_from(raw: str) -> Municipality | None:
    """The chosen municipality, or None for anything that is not one of its ids."""
    if not raw.isdigit() or int(raw) > 2**63 - 1:
        return None
    try:
        return municipality_get(pk=int(raw))
    except Http404:
        return None


@coordinator_only
@require_POST
def decide_join(request, user_id):
    try:
        requester = services.coordinator_decide_join(
            approver=request.user,
            requester_id=user_id,
            approve=request.POST.get("decision") == "approve",
        )
    except (PermissionDenied, User.DoesNotExist) as exc:
        # Not yours to decide, like a colleague of another municipality: not found.
        raise Http404 from exc
    messages.success(
        request, _("Ihre Entscheidung zu %(name)s ist gespeichert.") % {"name": requester.full_name}
    )
    return redirect("applications:index")


@coordinator_only
@require_POST
def start(request, slug):
    call = call_get_public(slug=slug)
    try:
        application = services.application_start(
            call=call, municipality=request.user.municipality, actor=request.user
        )
    except PermissionDenied as exc:
        # Not (yet) approved for the municipality: its applications are not found.
        raise Http404 from exc
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
        return redirect("applications:index")
    return redirect("applications:section", pk=application.pk, number=1)


def _sections(application):
    questions = questions_of_version(version=application.version)
    sections = []
    for q in questions:
        if not sections or sections[-1][0].pk != q.section_id:
            sections.append((q.section, []))
        sections[-1][1].append(q)
    return questions, sections


@coordinator_only
def detail(request, pk):
    application = application_get_for_user(user=request.user, pk=pk)
    return _detail(request, application)


def _detail(request, application, *, submit_failed=False):
    """The application's overview; after a refused submission (``submit_failed``) its
    list of open points is the page's error summary."""
    questions, sections = _sections(application)
    values = answer_values(answers_of_application(application=application))
    open_points = application_open_points(questions=questions, values=values)
    incomplete = {point.section_number for point in open_points}
    overview = [
        {"number": i, "section": s, "complete": i not in incomplete}
        for i, (s, _qs) in enumerate(sections, start=1)
    ]
    titles = dict(enumerate((s.title for s, _qs in sections), start=1))
    now = timezone.now()
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "overview": overview,
            "open_points": [
                {"point": point, "section_title": titles[point.section_number]}
                for point in open_points
            ],
            "submit_failed": submit_failed,
            "deadline_passed": now > application.call.deadline,
            "is_draft": application.status == Application.Status.DRAFT,
        },
        status=422 if submit_failed else 200,
    )


def _section_context(request, application, number, form=None, saved=False):
    questions, sections = _sections(application)
    if not 1 <= number <= len(sections):
        raise Http404
    section, section_questions = sections[number - 1]
    answers = answers_of_application(application=application)
    values = answer_values(answers)
    if form is None:
        form = SectionForm(
            questions=section_questions, initial=initial_from_answers(section_questions, answers)
        )
        form.mark_open_points(_open_points_shown(application, questions, values, number))
    shown = {q.pk for q in visible_questions(questions, values)}
    by_key = {q.key: q for q in questions}
    editable = (
        application.status == Application.Status.DRAFT
        and timezone.now() <= application.call.deadline
    )
    items = [
        {
            "question": q,
            "field": form[q.key],
            "answer": answers.get(q.key),
            "visible": q.pk in shown,
            "condition": " ".join(
                text for text in (condition_text(q, by_key), requirement_text(q)) if text
            ),
            "save_url": reverse("applications:save_answer", args=[application.pk, q.key])
            if editable
            else "",
            "file_url": reverse("applications:file", args=[application.pk, answers[q.key].pk])
            if q.key in answers and answers[q.key].file
            else "",
        }
        for q in section_questions
    ]
    return {
        "application": application,
        "section": section,
        "answered_sections": [
            AnsweredSection(
                section=section,
                items=[
                    AnsweredQuestion(question=q, answer=answers.get(q.key))
                    for q in section_questions
                    if q.pk in shown
                ],
            )
        ],
        "locked_note": "" if editable else _locked_note(application),
        "number": number,
        "count": len(sections),
        "steps": [(i, s) for i, (s, _qs) in enumerate(sections, start=1)],
        "items": items,
        "form": form,
        "editable": editable,
        "saved": saved,
    }


def _open_points_shown(application, questions, values, number) -> dict[str, str]:
    """The errors a section shows from the stored answers, by question key: an answer
    that the call does not accept at once, missing answers once a submission was
    refused for them."""
    if application.status != Application.Status.DRAFT:
        return {}
    return {
        point.question.key: point.message
        for point in application_open_points(questions=questions, values=values)
        if point.section_number == number
        and (application.submit_refused_at or point.question.required_value)
    }


def _locked_note(application) -> str:
    """Why the answers can no longer be changed, with the day it happened."""
    if application.status == Application.Status.SUBMITTED and application.submitted_at:
        return _("Eingereicht am %(date)s – die Bewerbung kann nicht mehr geändert werden.") % {
            "date": date_format(timezone.localtime(application.submitted_at), "SHORT_DATE_FORMAT")
        }
    if application.status == Application.Status.WITHDRAWN and application.withdrawn_at:
        return _("Zurückgezogen am %(date)s – die Bewerbung kann nicht mehr geändert werden.") % {
            "date": date_format(timezone.localtime(application.withdrawn_at), "SHORT_DATE_FORMAT")
        }
    return _("Diese Bewerbung kann nicht mehr geändert werden.")


@coordinator_only
def section(request, pk, number):
    application = application_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        return _section_post(request, application, number)
    return render(
        request, "applications/section.html", _section_context(request, application, number)
    )


def _section_post(request, application, number):
    ctx = _section_context(request, application, number)
    if not ctx["editable"]:
        messages.error(request, _("Diese Bewerbung kann nicht mehr geändert werden."))
        return redirect("applications:detail", pk=application.pk)
    form = bind(SectionForm, request, questions=[i["question"] for i in ctx["items"]])
    form.is_valid()
    for item in ctx["items"]:
        q = item["question"]
        if q.prefill or q.key in form.errors:
            continue
        try:
            _answer_save(request, application, q)
        except ValidationError as exc:
            form.add_error(q.key, exc)
        except services.ApplicationError as exc:
            messages.error(request, str(exc))
            return redirect("applications:detail", pk=application.pk)
    if form.errors:
        ctx = _section_context(request, application, number, form=form)
        return render(request, "applications/section.html", ctx, status=422)
    messages.success(request, _("Ihre Angaben sind gespeichert."))
    if "next" in request.POST and number < ctx["count"]:
        return redirect("applications:section", pk=application.pk, number=number + 1)
    if "next" in request.POST:
        return redirect("applications:detail", pk=application.pk)
    return redirect("applications:section", pk=application.pk, number=number)


def _raw_value(data, question):
    if question.type == question.Type.MULTIPLE_CHOICE:
        return data.getlist(question.key)
    return data.get(question.key, "")


def _answer_save(request, application, question) -> Answer:
    """Store what the request sends for ``question``: the uploaded file of a file
    question, the typed or chosen value of any other."""
    if question.type == question.Type.FILE:
        sent = {"upload": request.FILES.get(question.key)}
    else:
        sent = {"raw": _raw_value(request.POST, question)}
    return services.answer_save(
        application=application, question=question, actor=request.user, **sent
    )


@coordinator_only
@require_POST
def save_answer(request, pk, key):
    """Autosave of one answer (htmx): returns the save state and the field's errors."""
    application = application_get_for_user(user=request.user, pk=pk)
    question = next(
        (q for q in questions_of_version(version=application.version) if q.key == key), None
    )
    if question is None:
        raise Http404
    errors = []
    warning = ""
    try:
        answer = _answer_save(request, application, question)
    except ValidationError as exc:
        errors = exc.messages
    except services.ApplicationError as exc:
        errors = [str(exc)]
    else:
        if (
            question.required_value
            and answer.value not in (None, "", [])
            and not answer_matches(answer.value, question.required_value)
        ):
            # Saved, but the call does not accept it: say so at once, at the field.
            warning = unmet_message(question)
    return render(
        request,
        "applications/partials/save_state.html",
        {
            "key": key,
            "errors": errors,
            "warning": warning,
            "warning_list": [warning],
            "now": timezone.now(),
        },
    )


@coordinator_only
def file(request, pk, answer_pk):
    application = application_get_for_user(user=request.user, pk=pk)
    answer = get_object_or_404(Answer, pk=answer_pk, application=application)
    if not answer.file:
        raise Http404
    return pdf_download(file=answer.file, name=answer.file_name)


@coordinator_only
@require_POST
def submit(request, pk):
    application = application_get_for_user(user=request.user, pk=pk)
    try:
        services.application_submit(application=application, actor=request.user)
    except services.SubmissionIncomplete:
        # Each missing or unmet answer is named and linked on the overview instead.
        application.refresh_from_db()
        return _detail(request, application, submit_failed=True)
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Ihre Bewerbung ist eingereicht. Sie erhalten eine Bestätigung per E-Mail."),
        )
    return redirect("applications:detail", pk=application.pk)


@coordinator_only
@require_POST
def withdraw(request, pk):
    application = application_get_for_user(user=request.user, pk=pk)
    try:
        services.application_withdraw(application=application, actor=request.user)
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Ihre Bewerbung ist zurückgezogen. Sie erhalten eine Bestätigung per E-Mail."),
        )
    return redirect("applications:detail", pk=application.pk)


@coordinator_only
def answers_pdf(request, pk):
    from calls.pdf import answers_pdf as render_pdf

    application = application_get_for_user(user=request.user, pk=pk)
    response = HttpResponse(render_pdf(application=application), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="Bewerbung-{application.reference}.pdf"'
    )
    return response
