"""The office's actions on an event and its registrations: publish, cancel the event,
cancel a registration, register someone by phone, move someone up."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import Role
from core.formviews import attempt, bind
from core.permissions import require_roles
from events import office_actions, selectors
from events.forms import (
    EventCancelForm,
    OfficeRegistrationForm,
    PromoteForm,
    RegistrationCancelForm,
)
from events.models import INACTIVE, Status


def _back(event):
    return redirect("events:office_event", event_pk=event.pk)


@require_roles(Role.OFFICE)
@require_POST
def publish(request, event_pk: int):
    event = selectors.event_get_office(event_pk=event_pk)
    office_actions.event_publish(actor=request.user, event=event)
    messages.success(request, _("Die Veranstaltung ist veröffentlicht."))
    return _back(event)


@require_roles(Role.OFFICE)
def event_cancel(request, event_pk: int):
    """The confirmation step: the message to everyone registered, then the cancellation."""
    event = selectors.event_get_office(event_pk=event_pk)
    if event.is_cancelled:
        messages.info(request, _("Die Veranstaltung ist bereits abgesagt."))
        return _back(event)
    form = bind(EventCancelForm, request)
    if request.method == "POST" and form.is_valid():
        ended = attempt(
            form,
            lambda: office_actions.event_cancel(
                actor=request.user, event=event, message=form.cleaned_data["message"]
            ),
        )
        if ended is not None:
            messages.success(
                request,
                ngettext(
                    "Die Veranstaltung ist abgesagt; %(count)d Anmeldung ist beendet.",
                    "Die Veranstaltung ist abgesagt; %(count)d Anmeldungen sind beendet.",
                    ended,
                )
                % {"count": ended},
            )
            return _back(event)
    active = event.registrations.exclude(status__in=INACTIVE).count()
    context = {"event": event, "form": form, "active": active}
    return render(request, "events/office/event_cancel.html", context)


def _registration(event_pk: int, registration_pk: int):
    event = selectors.event_with_people_get_office(event_pk=event_pk)
    return event, selectors.registration_get_office(event=event, registration_pk=registration_pk)


@require_roles(Role.OFFICE)
def registration_cancel(request, event_pk: int, event_registration_pk: int):
    event, registration = _registration(event_pk, event_registration_pk)
    if registration.status in INACTIVE:
        messages.info(request, _("Diese Anmeldung ist bereits abgesagt."))
        return _back(event)
    form = bind(RegistrationCancelForm, request)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: office_actions.registration_cancel_by_office(
                actor=request.user, registration=registration, reason=form.cleaned_data["reason"]
            ),
        )
        if done is not None:
            messages.success(
                request,
                _("Die Anmeldung von %(name)s ist abgesagt.") % {"name": registration.name},
            )
            return _back(event)
    context = {"event": event, "registration": registration, "form": form}
    return render(request, "events/office/registration_cancel.html", context)


@require_roles(Role.OFFICE)
def registration_add(request, event_pk: int):
    """Register someone who called by phone."""
    event = selectors.event_with_people_get_office(event_pk=event_pk)
    form = bind(OfficeRegistrationForm, request, event=event)
    if request.method == "POST" and form.is_valid():
        added = attempt(
            form,
            lambda: office_actions.registration_add_by_office(
                actor=request.user,
                event=event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                answers=form.answers(),
                days=form.days(),
                over_capacity=form.cleaned_data["over_capacity"],
            ),
        )
        if added is not None:
            messages.success(
                request,
                _("%(name)s ist angemeldet und erhält die Bestätigung per E-Mail.")
                % {"name": added.name},
            )
            return _back(event)
    return render(request, "events/office/registration_add.html", {"event": event, "form": form})


@require_roles(Role.OFFICE)
def registration_promote(request, event_pk: int, event_registration_pk: int):
    """Move someone up from the waiting list; over the places only when confirmed."""
    event, registration = _registration(event_pk, event_registration_pk)
    if registration.status not in (Status.WAITING, Status.OFFERED):
        messages.info(request, _("Diese Anmeldung steht nicht mehr auf der Warteliste."))
        return _back(event)
    full = office_actions.promotion_needs_consent(registration=registration)
    form = bind(PromoteForm, request)
    if not full:
        del form.fields["over_capacity"]  # nothing to consent to while there is room
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: office_actions.registration_promote(
                actor=request.user,
                registration=registration,
                over_capacity=form.cleaned_data.get("over_capacity", False),
            ),
        )
        if done is not None:
            messages.success(
                request,
                _("%(name)s ist nachgerückt und erhält die Bestätigung per E-Mail.")
                % {"name": registration.name},
            )
            return _back(event)
    context = {
        "event": event,
        "registration": registration,
        "form": form,
        "full": full,
    }
    return render(request, "events/office/registration_promote.html", context)
