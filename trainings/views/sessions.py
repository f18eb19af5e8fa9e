"""Sessions of a model municipality: plan, record, cancel, give feedback; and the
trainer's own sessions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import MUNICIPAL_ROLES, Role
from core.choices import ActivityStatus
from core.downloads import pdf_download
from core.formviews import bind
from core.permissions import require_roles
from programme.cohort import programme_call_for_user
from trainings import selectors, services
from trainings.forms import FeedbackForm, SessionForm, SessionRecordForm
from trainings.models import FeedbackSource
from trainings.rules import (
    AGENDA_READERS,
    ATTENDANCE_READERS,
    PLANNERS,
    SESSION_READERS,
    plans_sessions,
    sees_agenda,
    sees_attendance,
)


def _to_detail(session):
    return redirect("trainings:session_detail", session_pk=session.pk)


@require_roles(*MUNICIPAL_ROLES)
def session_list(request):
    call = programme_call_for_user(request.user)
    sessions = selectors.sessions_for_municipality(
        municipality_id=request.user.approved_municipality_id, call=call
    )
    groups = selectors.sessions_by_year(
        sessions=sessions, years=selectors.programme_years(call=call)
    )
    context = {
        "call": call,
        "groups": groups,
        "can_write": plans_sessions(request.user),
    }
    return render(request, "trainings/session_list.html", context)


@require_roles(*PLANNERS)
def session_plan(request):
    call = programme_call_for_user(request.user)
    form = bind(SessionForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_plan(
                call=call,
                municipality=request.user.municipality,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Der Termin ist geplant."))
            return _to_detail(session)
    return render(request, "trainings/session_form.html", {"form": form, "session": None})


@require_roles(*SESSION_READERS)
def session_detail(request, session_pk: int):
    session = selectors.session_get_for_user(user=request.user, session_pk=session_pk)
    role = request.user.role
    context = {
        "session": session,
        "is_coordinator": plans_sessions(request.user),
        "is_trainer": role == Role.TRAINER,
        "sees_agenda": sees_agenda(request.user),
        "sees_attendance": sees_attendance(request.user),
        "in_past": session.starts_at <= timezone.now(),
        # A trainer reads their own feedback; the municipality's stays with it and the office.
        "feedback": [
            f
            for f in session.feedback.all()
            if role != Role.TRAINER or f.source == FeedbackSource.TRAINER
        ],
    }
    return render(request, "trainings/session_detail.html", context)


@require_roles(*PLANNERS)
def session_edit(request, session_pk: int):
    session = selectors.session_get_for_user(user=request.user, session_pk=session_pk)
    if session.status != ActivityStatus.PLANNED:
        messages.info(request, _("Nur geplante Termine können geändert werden."))
        return _to_detail(session)
    initial = {
        "module_version": session.module_version,
        "starts_at": session.starts_at,
        "online": session.online,
        "location": session.location,
        "trainer": session.trainer,
    }
    form = bind(
        SessionForm,
        request,
        initial=initial,
        versions=selectors.plannable_versions(including=session.module_version_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Der Termin ist geändert."))
            return _to_detail(session)
    return render(request, "trainings/session_form.html", {"form": form, "session": session})


@require_roles(*PLANNERS)
def session_record(request, session_pk: int):
    session = selectors.session_get_for_user(user=request.user, session_pk=session_pk)
    if session.status == ActivityStatus.CANCELLED:
        messages.info(request, _("Ein abgesagter Termin kann nicht als durchgeführt gelten."))
        return _to_detail(session)
    if session.starts_at > timezone.now():
        messages.info(
            request, _("Der Termin liegt in der Zukunft und kann erst danach erfasst werden.")
        )
        return _to_detail(session)
    initial = {"participants": session.participants, "departments": session.departments}
    form = bind(SessionRecordForm, request, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.session_record_held(
                session=session,
                participants=data["participants"],
                departments=data["departments"],
                agenda=data["agenda"] or None,
                attendance=data["attendance"] or None,
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("Der Termin ist als durchgeführt erfasst und zählt für Ihre Zusage."),
            )
            return _to_detail(session)
    return render(request, "trainings/session_record.html", {"form": form, "session": session})


@require_roles(*PLANNERS)
def session_cancel(request, session_pk: int):
    session = selectors.session_get_for_user(user=request.user, session_pk=session_pk)
    if session.status == ActivityStatus.CANCELLED:
        messages.info(request, _("Der Termin ist bereits abgesagt."))
        return _to_detail(session)
    if request.method == "POST":
        services.session_cancel(session=session, actor=request.user)
        messages.success(request, _("Der Termin ist abgesagt."))
        return redirect("trainings:session_list")
    return render(request, "trainings/session_cancel.html", {"session": session})


@require_roles(Role.COORDINATOR, Role.TRAINER)
def session_feedback(request, session_pk: int):
    session = selectors.session_get_for_user(user=request.user, session_pk=session_pk)
    if session.status != ActivityStatus.HELD:
        messages.info(request, _("Rückmeldungen gibt es nur zu durchgeführten Terminen."))
        return _to_detail(session)
    source = (
        FeedbackSource.TRAINER if request.user.role == Role.TRAINER else FeedbackSource.MUNICIPALITY
    )
    existing = selectors.session_feedback(session=session, source=source)
    initial = {}
    if existing is not None:
        initial = {
            "what_worked": existing.what_worked,
            "what_to_change": existing.what_to_change,
            "suitability": existing.suitability,
        }
    form = bind(FeedbackForm, request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_save(
                session=session, source=source, author=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Vielen Dank, Ihre Rückmeldung ist gespeichert."))
            return _to_detail(session)
    context = {"form": form, "session": session, "existing": existing, "source": source}
    return render(request, "trainings/feedback_form.html", context)


def _evidence(request, session_pk: int, name: str):
    session = selectors.session_get_for_user(user=request.user, session_pk=session_pk)
    file = getattr(session, name)
    if not file:
        raise Http404
    return pdf_download(file=file, name=getattr(session, f"{name}_name"))


@require_roles(*AGENDA_READERS)
def agenda_download(request, session_pk: int):
    return _evidence(request, session_pk, "agenda")


@require_roles(*ATTENDANCE_READERS)
def attendance_download(request, session_pk: int):
    return _evidence(request, session_pk, "attendance")


@require_roles(Role.TRAINER)
def trainer_sessions(request):
    sessions = list(selectors.sessions_for_trainer(trainer=request.user))
    return render(request, "trainings/trainer_sessions.html", {"sessions": sessions})
