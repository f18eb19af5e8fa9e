"""The public calendar, registration, the personal link and the calendar feed."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.views.helpers import client_ip
from core.formviews import bind
from core.permissions import public, require_roles
from events import confirmation, invitations, selectors, services
from events.forms import AnswersForm, RegistrationForm
from events.ical import calendar_bytes
from events.models import Status

ICS = "text/calendar; charset=utf-8"


@public
def calendar(request):
    events = list(selectors.calendar_for(user=request.user))
    return render(request, "events/calendar.html", {"events": events})


def _registrant(request, form: RegistrationForm) -> dict:
    """Who registers, as the registration services take it: the form's entries, the
    account and its municipality when someone is logged in, and where the request came
    from."""
    user = request.user if request.user.is_authenticated else None
    return {
        "name": form.cleaned_data["name"],
        "email": form.cleaned_data["email"],
        "answers": form.answers(),
        "days": form.days(),
        "user": user,
        "municipality": user.municipality if user and user.approved_municipality_id else None,
        "client": client_ip(request),
    }


@public
def detail(request, event_pk: int):
    if not request.user.is_authenticated and selectors.needs_login(event_pk=event_pk):
        # A link from a newsletter leads to the log-in page first.
        return redirect_to_login(request.get_full_path())
    if selectors.invitation_only(user=request.user, event_pk=event_pk):
        return render(request, "events/invitation_required.html", status=403)
    event = selectors.event_for(user=request.user, event_pk=event_pk)
    may_register = selectors.may_register(user=request.user, event=event)
    open_ = event.takes_registrations and timezone.now() <= event.registration_deadline
    form = None
    if may_register and open_:
        form = bind(RegistrationForm, request, event=event, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                booked = services.registration_create(event=event, **_registrant(request, form))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                _remember_result(request, booked.registration)
                return redirect("events:registered", event_pk=event.pk)
    context = {
        "event": event,
        "days": list(event.days.all()),
        "form": form,
        "may_register": may_register,
        "registration_open": open_,
        "hold_minutes": settings.EVENTS_HOLD_MINUTES,
    }
    return render(request, "events/detail.html", context)


@public
def invitation(request, events_invitation_token: str):
    """The page behind the link in an invitation: registration without an account."""
    invitation = selectors.invitation_by_token(events_invitation_token)
    event = invitation.event
    open_ = event.takes_registrations and timezone.now() <= event.registration_deadline
    form = None
    if invitation.registration_id is None and open_:
        form = bind(
            RegistrationForm,
            request,
            event=event,
            user=request.user,
            invitation=invitation,
        )
        if request.method == "POST" and form.is_valid():
            try:
                invitations.invitation_register(invitation=invitation, **_registrant(request, form))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect(request.path)
    context = {
        "invitation": invitation,
        "event": event,
        "days": list(event.days.all()),
        "form": form,
        "registration_open": open_,
    }
    return render(request, "events/invitation.html", context)


def _remember_result(request, registration) -> None:
    """What the next page tells the person: their status and whether a place is held."""
    request.session["events_registered"] = {
        "event": registration.event_id,
        "status": registration.status,
        "held": registration.hold_expires_at is not None,
    }


@public
def registered(request, event_pk: int):
    result = request.session.pop("events_registered", None)
    if isinstance(result, dict) and result.get("event") == event_pk:
        # Just registered or confirmed: people invited or confirming by link have no
        # account that would let them see the event, and the page shows only its title.
        event = selectors.event_of_result(event_pk=event_pk)
    else:
        result = {}
        event = selectors.event_for(user=request.user, event_pk=event_pk)
    context = {
        "event": event,
        "status": result.get("status"),
        "held": result.get("held", False),
        "hold_minutes": settings.EVENTS_HOLD_MINUTES,
    }
    return render(request, "events/registered.html", context)


@public
def registration(request, registration_token: str):
    """The personal page behind the link in the e-mail: see, change, cancel, accept."""
    registration = selectors.registration_by_token(registration_token)
    event = registration.event
    form = None
    if registration.status != Status.CANCELLED:
        form = bind(
            AnswersForm,
            request,
            event=event,
            initial_answers=registration.answers,
            initial_days=list(registration.days.values_list("pk", flat=True)),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.registration_change(
                    registration=registration, answers=form.answers(), days=form.days()
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Ihre Angaben sind gespeichert."))
                return redirect("events:registration", registration_token=registration_token)
    context = {
        "registration": registration,
        "event": event,
        "days": list(event.days.all()),
        "form": form,
        "token": registration_token,
        "offer_open": registration.status == Status.OFFERED
        and registration.offer_expires_at >= timezone.now(),
    }
    return render(request, "events/registration.html", context)


@public
@require_POST
def registration_cancel(request, registration_token: str):
    registration = selectors.registration_by_token(registration_token)
    services.registration_cancel(registration=registration)
    messages.success(request, _("Ihre Anmeldung ist abgesagt."))
    return redirect("events:registration", registration_token=registration_token)


@public
@require_POST
def registration_confirm(request, registration_token: str):
    """The button behind the link of the first mail: a POST, so that a mail program
    opening the link to check it confirms nothing."""
    registration = selectors.registration_by_token(registration_token)
    try:
        confirmed = confirmation.registration_confirm(registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("events:registration", registration_token=registration_token)
    if confirmed.hold_lost:
        messages.warning(
            request,
            _(
                "Die Frist zum Bestätigen war abgelaufen und alle Plätze sind inzwischen "
                "vergeben. Sie stehen auf der Warteliste."
            ),
        )
    _remember_result(request, confirmed.registration)
    return redirect("events:registered", event_pk=registration.event_id)


@public
@require_POST
def offer_accept(request, registration_token: str):
    registration = selectors.registration_by_token(registration_token)
    try:
        services.offer_accept(registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Sie haben den Platz angenommen."))
    return redirect("events:registration", registration_token=registration_token)


@public
def event_ics(request, event_pk: int):
    event = selectors.event_for(user=request.user, event_pk=event_pk)
    response = HttpResponse(calendar_bytes(event.days.select_related("event")), content_type=ICS)
    response["Content-Disposition"] = f'attachment; filename="veranstaltung-{event.pk}.ics"'
    return response


@require_roles()
def feed(request):
    if request.method == "POST":
        request.session["events_feed_token"] = services.feed_renew(user=request.user)
        return redirect("events:feed")
    token = request.session.pop("events_feed_token", None)
    context = {
        "token": token,
        "has_feed": hasattr(request.user, "event_feed"),
        "registrations": list(selectors.own_registrations(user=request.user)),
    }
    return render(request, "events/feed.html", context)


@public
def feed_ics(request, feed_token: str):
    user = selectors.feed_user(feed_token)
    content = calendar_bytes(selectors.feed_days(user=user), with_link=True)
    return HttpResponse(content, content_type=ICS)
