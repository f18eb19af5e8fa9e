"""The office: events with days and questions, registrations, approval, check-in,
exports and counts per municipality."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import Role
from core.exports import CSV_TYPE, XLSX_TYPE, download_response
from core.formviews import bind
from core.permissions import require_roles
from events import checkin, editing, exports, invitations, moderation, pdf, selectors, services
from events.forms import (
    DayFormSet,
    EventForm,
    InvitationForm,
    QuestionFormSet,
    RemoveForm,
    StatusFilterForm,
)
from events.models import Audience, Event, Registration, Status


@require_roles(Role.OFFICE)
def index(request):
    events = list(selectors.office_events())
    for event in events:
        if event.audience == Audience.NETWORK_MEMBERS:
            selectors.members_event_counts_mask(event)
    return render(request, "events/office/index.html", {"events": events})


def _edit(request, event: Event | None):
    form = bind(EventForm, request, instance=event)
    days = bind(DayFormSet, request, instance=event or Event(), prefix="tage")
    questions = bind(QuestionFormSet, request, instance=event or Event(), prefix="fragen")
    if request.method == "POST" and all([form.is_valid(), days.is_valid(), questions.is_valid()]):
        saved = editing.event_save(form=form, days=days, questions=questions, actor=request.user)
        if saved.is_draft:
            messages.success(
                request,
                _(
                    "Die Veranstaltung ist als Entwurf gespeichert. Prüfen Sie die Vorschau "
                    "und veröffentlichen Sie sie, wenn sie fertig ist."
                ),
            )
        else:
            messages.success(request, _("Die Veranstaltung ist gespeichert."))
        return redirect("events:office_event", event_pk=saved.pk)
    context = {"form": form, "days": days, "questions": questions, "event": event}
    return render(request, "events/office/event_form.html", context)


@require_roles(Role.OFFICE)
def event_create(request):
    return _edit(request, None)


@require_roles(Role.OFFICE)
def event_edit(request, event_pk: int):
    return _edit(request, selectors.event_get_office(event_pk=event_pk))


def _event_page(request, event: Event, invitation_form: InvitationForm | None = None):
    if event.audience == Audience.NETWORK_MEMBERS:
        context = {"event": event, "counts": selectors.members_event_counts(event=event)}
        return render(request, "events/office/event_members_only.html", context)
    filters = StatusFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    if invitation_form is None and event.audience == Audience.INVITED:
        invitation_form = InvitationForm()
    context = {
        "event": event,
        "filters": filters,
        "status": status,
        "status_label": Status(status).label if status else "",
        "registrations": list(selectors.registrations_for(event=event, status=status)),
        "questions": list(event.questions.all()),
        "counts": selectors.counts_by_municipality(event=event),
        "invitations": list(selectors.invitations_for(event=event)),
        "invitation_form": invitation_form,
    }
    return render(request, "events/office/event.html", context)


@require_roles(Role.OFFICE)
def event(request, event_pk: int):
    return _event_page(request, selectors.event_get_office(event_pk=event_pk))


@require_roles(Role.OFFICE)
@require_POST
def invite(request, event_pk: int):
    event = selectors.event_get_office(event_pk=event_pk)
    form = bind(InvitationForm, request)
    if form.is_valid():
        try:
            created = invitations.invitations_create(
                actor=request.user, event=event, invitees=form.cleaned_data["invitees"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            skipped = len(form.cleaned_data["invitees"]) - len(created)
            messages.success(
                request,
                _("Einladungen verschickt: %(sent)d. Schon eingeladen, übersprungen: %(skipped)d.")
                % {"sent": len(created), "skipped": skipped},
            )
            return redirect("events:office_event", event_pk=event.pk)
    return _event_page(request, event, form)


def _office_invitation(event_pk: int, invitation_pk: int):
    event = selectors.event_get_office(event_pk=event_pk)
    return event, selectors.invitation_get_office(event=event, invitation_pk=invitation_pk)


@require_roles(Role.OFFICE)
@require_POST
def invitation_send(request, event_pk: int, events_invitation_pk: int):
    event, invitation = _office_invitation(event_pk, events_invitation_pk)
    try:
        invitations.invitation_send(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Einladung ist verschickt."))
    return redirect("events:office_event", event_pk=event.pk)


@require_roles(Role.OFFICE)
@require_POST
def invitation_withdraw(request, event_pk: int, events_invitation_pk: int):
    event, invitation = _office_invitation(event_pk, events_invitation_pk)
    invitations.invitation_withdraw(actor=request.user, invitation=invitation)
    messages.success(request, _("Die Einladung ist zurückgezogen; ihr Link gilt nicht mehr."))
    return redirect("events:office_event", event_pk=event.pk)


@require_roles(Role.OFFICE)
@require_POST
def decide(request, event_pk: int, event_registration_pk: int):
    event = selectors.event_with_people_get_office(event_pk=event_pk)
    registration = selectors.registration_get_office(
        event=event, registration_pk=event_registration_pk
    )
    approve = request.POST.get("entscheidung") == "annehmen"
    services.registration_decide(actor=request.user, registration=registration, approve=approve)
    messages.success(
        request, _("Die Anmeldung ist bestätigt.") if approve else _("Die Anmeldung ist abgelehnt.")
    )
    return redirect("events:office_event", event_pk=event.pk)


PAGE_SIZE = 50


@dataclass(frozen=True)
class SuspiciousRow:
    registration: Registration
    signals: list[str]
    selected: bool


def _signals(registration: Registration) -> list[str]:
    signals = []
    if registration.status == Status.AWAITING_EMAIL:
        signals.append(_("E-Mail-Adresse nicht bestätigt"))
    if registration.client_burst >= settings.EVENTS_SUSPICIOUS_BURST:
        signals.append(
            ngettext(
                "%(count)d Anmeldung vom selben Anschluss innerhalb einer Stunde",
                "%(count)d Anmeldungen vom selben Anschluss innerhalb einer Stunde",
                registration.client_burst,
            )
            % {"count": registration.client_burst}
        )
    return signals


@require_roles(Role.OFFICE)
def suspicious(request, event_pk: int):
    """Registrations with signs of abuse, to be removed several at a time."""
    event = selectors.event_with_people_get_office(event_pk=event_pk)
    form = bind(RemoveForm, request, event=event)
    if request.method == "POST" and form.is_valid():
        removed = moderation.registrations_remove(
            actor=request.user,
            event=event,
            registration_ids=[r.pk for r in form.cleaned_data["auswahl"]],
        )
        messages.success(
            request,
            ngettext(
                "%(count)d Anmeldung ist entfernt.",
                "%(count)d Anmeldungen sind entfernt.",
                removed,
            )
            % {"count": removed},
        )
        return redirect(request.get_full_path())
    page = Paginator(selectors.suspicious_for(event=event), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    selected = {str(pk) for pk in request.POST.getlist("auswahl")}
    rows = [
        SuspiciousRow(registration=r, signals=_signals(r), selected=str(r.pk) in selected)
        for r in page.object_list
    ]
    context = {"event": event, "form": form, "page_obj": page, "rows": rows}
    return render(request, "events/office/suspicious.html", context)


@require_roles(Role.OFFICE)
def attendance(request, event_pk: int, event_day_pk: int):
    event = selectors.event_with_people_get_office(event_pk=event_pk)
    day = selectors.day_get_office(event=event, day_pk=event_day_pk)
    attendees = list(selectors.attendees_for(day=day))
    print_view = request.GET.get("druck") == "1"
    template = "events/office/print.html" if print_view else "events/office/attendance.html"
    opens, _closes = checkin.check_in_window(day)
    context = {
        "event": event,
        "day": day,
        "attendees": attendees,
        "check_in_open": checkin.check_in_open(day),
        "opens": opens,
    }
    return render(request, template, context)


@require_roles(Role.OFFICE)
@require_POST
def check_in(request, event_pk: int, event_day_pk: int, event_registration_pk: int):
    event = selectors.event_with_people_get_office(event_pk=event_pk)
    day = selectors.day_get_office(event=event, day_pk=event_day_pk)
    registration = selectors.registration_get_office(
        event=event, registration_pk=event_registration_pk
    )
    try:
        checkin.check_in(actor=request.user, registration=registration, day=day)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s ist eingecheckt.") % {"name": registration.name})
    return redirect("events:office_attendance", event_pk=event.pk, event_day_pk=day.pk)


@require_roles(Role.OFFICE)
@require_POST
def check_in_undo(request, event_pk: int, event_day_pk: int, event_registration_pk: int):
    event = selectors.event_with_people_get_office(event_pk=event_pk)
    day = selectors.day_get_office(event=event, day_pk=event_day_pk)
    registration = selectors.registration_get_office(
        event=event, registration_pk=event_registration_pk
    )
    if checkin.check_in_undo(actor=request.user, registration=registration, day=day):
        messages.success(
            request,
            _("Der Check-in von %(name)s ist zurückgenommen.") % {"name": registration.name},
        )
    return redirect("events:office_attendance", event_pk=event.pk, event_day_pk=day.pk)


@require_roles(Role.OFFICE)
def export(request, event_pk: int, fmt: str):
    event = selectors.event_with_people_get_office(event_pk=event_pk)
    registrations = list(selectors.registrations_for(event=event))
    questions = list(event.questions.all())
    if fmt == "xlsx":
        content, content_type = (
            exports.registrations_xlsx(event, registrations, questions),
            XLSX_TYPE,
        )
    else:
        content, content_type = exports.registrations_csv(event, registrations, questions), CSV_TYPE
    return download_response(
        content, content_type=content_type, filename=f"anmeldungen-{event.pk}.{fmt}"
    )


@require_roles(Role.OFFICE)
def attendee_pdf(request, event_pk: int):
    event = selectors.event_with_people_get_office(event_pk=event_pk)
    response = HttpResponse(pdf.attendee_list_pdf(event=event), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="teilnahmeliste-{event.pk}.pdf"'
    return response
