"""Reading the programme: its years, the cohort, documents, evaluation dates and
reminders. Everything is scoped by the call and the municipality passed in, which views
take from the person (``programme.cohort``) or from the office's choice."""

import datetime as dt

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from calls.models import Call
from core.choices import ActivityStatus
from municipalities.models import Municipality
from programme.cohort import cohort_municipalities, programme_calls
from programme.models import (
    DOCUMENT_COMMITMENT,
    DocumentKind,
    EvaluationDate,
    ProgrammeDocument,
    ProgrammeYear,
    Reminder,
    ReminderMute,
)
from programme.periods import current_year, year_of_day
from programme.tallies import YearTally, activity_tallies, scoped


def programme_call_get_office(*, call_pk: int) -> Call:
    """A call with a released decision (the office's cohorts); 404 otherwise."""
    return get_object_or_404(programme_calls(), pk=call_pk)


def year_choose(*, years: list[ProgrammeYear], number: str | int | None) -> ProgrammeYear | None:
    """The year ``number`` (from a query string) or, if absent or unknown, the current one."""
    for year in years:
        if str(year.number) == str(number):
            return year
    return current_year(years, timezone.localdate())


def cohort_municipality_get(*, call: Call, municipality_pk: int) -> Municipality:
    """A model municipality of ``call``; 404 for any other."""
    return get_object_or_404(cohort_municipalities(call=call), pk=municipality_pk)


def documents_for_municipality(*, call: Call, municipality_id: int) -> QuerySet[ProgrammeDocument]:
    return ProgrammeDocument.objects.filter(call=call, municipality_id=municipality_id).order_by(
        "-occurred_on", "-pk"
    )


def document_get_office(*, call: Call, document_pk: int) -> ProgrammeDocument:
    """Any model municipality's document of ``call`` (for the office)."""
    return get_object_or_404(
        ProgrammeDocument.objects.filter(
            call=call, municipality__in=cohort_municipalities(call=call)
        ),
        pk=document_pk,
    )


def document_get(*, call: Call, municipality_id: int, document_pk: int) -> ProgrammeDocument:
    return get_object_or_404(
        documents_for_municipality(call=call, municipality_id=municipality_id), pk=document_pk
    )


def evaluation_dates_for_municipality(
    *, call: Call, municipality_id: int
) -> QuerySet[EvaluationDate]:
    return EvaluationDate.objects.filter(call=call, municipality_id=municipality_id).order_by(
        "starts_at", "pk"
    )


def evaluation_date_get(*, call: Call, municipality_id: int, evaluation_pk: int) -> EvaluationDate:
    return get_object_or_404(
        evaluation_dates_for_municipality(call=call, municipality_id=municipality_id),
        pk=evaluation_pk,
    )


def reminders_for_user(*, user, limit: int = 50) -> list[Reminder]:
    return list(Reminder.objects.filter(recipient=user).order_by("-created_at", "-pk")[:limit])


def muted_kinds(*, user) -> set[str]:
    return set(ReminderMute.objects.filter(user=user).values_list("kind", flat=True))


def require_year(years: list[ProgrammeYear], year: ProgrammeYear | None) -> ProgrammeYear:
    if year is None:
        raise Http404
    return year


# --- read by the progress of the cohort (``progress``) ---------------------------------


def evaluation_date_tallies(
    *, call: Call, years: list[ProgrammeYear], now: dt.datetime, municipality_ids: list[int] | None
) -> list[YearTally]:
    """Held and still planned evaluation dates per municipality and programme year."""
    dates = scoped(EvaluationDate.objects.filter(call=call), municipality_ids)
    return activity_tallies(dates, years=years, now=now)


def document_tallies(
    *, call: Call, years: list[ProgrammeYear], municipality_ids: list[int] | None
) -> list[tuple[str, YearTally]]:
    """(commitment kind, tally) of the recorded documents per municipality and year; a
    document is done once recorded, nothing is scheduled."""
    if not years:
        return []
    # A council decision taken before the programme began backs it from its first year.
    earlier_backing = When(
        Q(kind=DocumentKind.POLITICAL_BACKING, occurred_on__lt=years[0].starts_on),
        then=Value(years[0].number),
    )
    rows = (
        scoped(ProgrammeDocument.objects.filter(call=call), municipality_ids)
        .annotate(
            programme_year=Case(
                earlier_backing,
                default=year_of_day("occurred_on", years),
                output_field=IntegerField(),
            )
        )
        .values("kind", "municipality_id", "programme_year")
        .annotate(done=Count("pk"))
        .order_by()
    )
    return [
        (
            DOCUMENT_COMMITMENT[row["kind"]],
            YearTally(
                municipality_id=row["municipality_id"],
                year=row["programme_year"],
                done=row["done"],
                scheduled=0,
            ),
        )
        for row in rows
        if row["programme_year"] is not None
    ]


def evaluation_dates_in_period(
    *, call: Call, municipality_id: int, start: dt.datetime, end: dt.datetime
) -> QuerySet[EvaluationDate]:
    """The municipality's evaluation dates beginning in [start, end), in order."""
    return EvaluationDate.objects.filter(
        call=call, municipality_id=municipality_id, starts_at__gte=start, starts_at__lt=end
    ).order_by("starts_at", "pk")


def evaluation_dates_planned(
    *, call: Call, municipality_id: int, now: dt.datetime, limit: int
) -> list[EvaluationDate]:
    """The municipality's next ``limit`` planned evaluation dates, soonest first."""
    return list(
        EvaluationDate.objects.filter(
            call=call,
            municipality_id=municipality_id,
            status=ActivityStatus.PLANNED,
            starts_at__gte=now,
        ).order_by("starts_at")[:limit]
    )


def documents_until(
    *, call: Call, municipality_id: int, day: dt.date
) -> QuerySet[ProgrammeDocument]:
    """The municipality's documents of anything that happened up to ``day``, in order."""
    return ProgrammeDocument.objects.filter(
        call=call, municipality_id=municipality_id, occurred_on__lte=day
    ).order_by("occurred_on", "pk")
