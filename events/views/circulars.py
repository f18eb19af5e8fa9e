"""The office's circular to the people registered for an event, and the circulars sent
about it (``core.circular_views`` writes, previews and sends)."""

from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from core.circular_views import CircularForm, Composition, circular_compose
from core.circulars import Audience, Recipient
from core.languages import german_only
from core.permissions import require_roles
from core.selectors import circulars_list
from events import selectors
from events.models import Event, Status
from events.services import retention_ends


class EventCircularForm(CircularForm):
    include_waiting = forms.BooleanField(
        label=_("Auch an die Personen auf der Warteliste"), required=False
    )


def topic(event: Event) -> str:
    return f"events.event:{event.pk}"


def _audience_label(event: Event, *, include_waiting: bool) -> str:
    """The audience in German, as the record keeps it: "Alle Angemeldeten: Fachtag
    (18.11.2025, 19.11.2025)"."""
    with translation.override("de"):
        days = ", ".join(date_format(day.date, "SHORT_DATE_FORMAT") for day in event.days.all())
        who = (
            gettext("Alle Angemeldeten und die Warteliste")
            if include_waiting
            else gettext("Alle Angemeldeten")
        )
    return f"{who}: {event.title} ({days})" if days else f"{who}: {event.title}"


def event_composition(event: Event, *, include_waiting: bool) -> Composition:
    """The confirmed registrations (and, if asked, the waiting list) of ``event``, each
    at the address it was made with; kept until the registrations are anonymised."""
    statuses = [Status.CONFIRMED, *([Status.WAITING] if include_waiting else [])]
    registrations = (
        event.registrations.filter(status__in=statuses, anonymised_at__isnull=True)
        .exclude(email="")
        .select_related("user")
        .order_by("pk")
    )
    recipients = [
        Recipient(
            name=registration.name,
            email=registration.email,
            language=registration.user.language if registration.user_id else "de",
        )
        for registration in registrations
    ]
    audience = Audience(
        topic=topic(event),
        label=_audience_label(event, include_waiting=include_waiting),
        kept_until=retention_ends(event),
    )
    return Composition(audience=audience, recipients=recipients)


@require_roles(Role.OFFICE)
def circular(request, event_pk: int):
    event = selectors.event_get_office(event_pk=event_pk)
    title = german_only(event.title)
    return circular_compose(
        request,
        form_class=EventCircularForm,
        compose=lambda data: event_composition(event, include_waiting=data["include_waiting"]),
        done_url=reverse("events:office_circular", kwargs={"event_pk": event.pk}),
        context={
            "page_title": gettext("Rundschreiben: %(title)s") % {"title": event.title},
            "heading": format_html(
                gettext("Rundschreiben an die Angemeldeten: {title}"), title=title
            ),
            "back_url": reverse("events:office_event", kwargs={"event_pk": event.pk}),
            "back_label": format_html(gettext("Zurück zu „{title}“"), title=title),
            "intro": gettext(
                "Das Rundschreiben geht an alle bestätigten Angemeldeten, auf Wunsch auch an "
                "die Warteliste, jeweils an die Adresse der Anmeldung. Vor dem Versand sehen "
                "Sie, an wie viele Personen es geht."
            ),
            "circulars": circulars_list(topic=topic(event)),
        },
    )
