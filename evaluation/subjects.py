"""What a survey can be about, named for the office: the model municipalities, their
training sessions and workshops, and the programme's events, each with its German date
and place ("Modul 2 – 27. März 2026, Jena (Rathaus)"), never an internal number.

Events belong to a sibling app, which this one must not import: the project package
registers the events' list here (``register_event_source``) and this module only calls it.
"""

from collections.abc import Callable
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.languages import GermanText
from network.models import Workshop
from trainings.models import TrainingSession

# (id, title, first day, place) of each event a survey may be about, soonest first.
EventRow = tuple[int, str, date | None, str]
_event_sources: list[Callable[[], list[EventRow]]] = []


def register_event_source(source: Callable[[], list[EventRow]]) -> None:
    if source not in _event_sources:
        _event_sources.append(source)


def german_date(value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return date_format(value, "j. F Y")


def _place(*, municipality_name: str, location: str, online: bool) -> str:
    detail = _("online") if online else location
    if municipality_name and detail:
        return f"{municipality_name} ({detail})"
    return municipality_name or detail


def session_label(session: TrainingSession) -> GermanText:
    place = _place(
        municipality_name=session.municipality.name,
        location=session.location,
        online=session.online,
    )
    return GermanText(f"{session.module_version.title} – {german_date(session.starts_at)}, {place}")


def workshop_label(workshop: Workshop) -> GermanText:
    place = _place(
        municipality_name=workshop.municipality.name if workshop.municipality_id else "",
        location=workshop.location,
        online=workshop.online,
    )
    if not workshop.municipality_id:
        place = _("bundesweit, %(place)s") % {"place": place} if place else _("bundesweit")
    return GermanText(f"{workshop.title} – {german_date(workshop.starts_at)}, {place}")


def survey_label(survey) -> GermanText:
    """A pre survey to pair with: its title, municipality and first day, since several
    may share a title ("Vorher – 1. März 2026, Jena")."""
    parts = [german_date(survey.opens_at)]
    if survey.municipality_id:
        parts.append(survey.municipality.name)
    return GermanText(f"{survey.title} – {', '.join(parts)}")


def sessions_of(*, municipality_id: int | None) -> QuerySet[TrainingSession]:
    """The training sessions held or planned in one municipality, newest first."""
    if municipality_id is None:
        return TrainingSession.objects.none()
    return (
        TrainingSession.objects.filter(municipality_id=municipality_id)
        .select_related("module_version", "municipality")
        .order_by("-starts_at", "pk")
    )


def workshops_of(*, municipality_id: int | None) -> QuerySet[Workshop]:
    """The workshops of one municipality and the national ones, newest first."""
    local = Q(municipality_id=municipality_id) if municipality_id is not None else Q(pk__in=[])
    return (
        Workshop.objects.filter(local | Q(municipality__isnull=True))
        .select_related("municipality")
        .order_by("-starts_at", "pk")
    )


def event_choices() -> list[tuple[int, GermanText]]:
    rows = [row for source in _event_sources for row in source()]
    choices = []
    for pk, title, first_day, place in rows:
        parts = [german_date(first_day)] if first_day else []
        if place:
            parts.append(place)
        choices.append((pk, GermanText(f"{title} – {', '.join(parts)}" if parts else title)))
    return choices


def subject_label(*, target_kind: str, target_id: int | None) -> str:
    """What a stored survey is about, in the words of the form ("" where it names no
    single session, workshop or event, or that one is gone)."""
    if target_id is None:
        return ""
    if target_kind == "session":
        found = sessions_of_any().filter(pk=target_id).first()
        return session_label(found) if found else ""
    if target_kind == "workshop":
        found = Workshop.objects.select_related("municipality").filter(pk=target_id).first()
        return workshop_label(found) if found else ""
    if target_kind == "event":
        return dict(event_choices()).get(target_id, "")
    return ""


def sessions_of_any() -> QuerySet[TrainingSession]:
    return TrainingSession.objects.select_related("module_version", "municipality")
