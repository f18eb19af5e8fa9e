"""Reads of the evaluation, scoped to the person asking."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Role
from evaluation.anonymity import MINIMUM_THRESHOLD, effective_threshold
from evaluation.models import (
    EvaluationSettings,
    Instrument,
    InstrumentVersion,
    Item,
    Section,
    Survey,
    SurveyInvitation,
    TargetKind,
)


def threshold() -> int:
    setting = EvaluationSettings.objects.filter(pk=1).values_list("threshold", flat=True).first()
    return effective_threshold(setting)


def instruments_office() -> QuerySet[Instrument]:
    return Instrument.objects.prefetch_related(
        Prefetch(
            "versions",
            queryset=InstrumentVersion.objects.annotate(survey_count=Count("surveys")).order_by(
                "-number"
            ),
        )
    )


def instrument_get(*, instrument_pk: int) -> Instrument:
    return get_object_or_404(Instrument, pk=instrument_pk)


def version_get(*, version_pk: int) -> InstrumentVersion:
    return get_object_or_404(InstrumentVersion.objects.select_related("instrument"), pk=version_pk)


def version_sections(*, version: InstrumentVersion) -> list[Section]:
    return list(
        version.sections.prefetch_related(
            Prefetch("items", queryset=Item.objects.order_by("position", "pk"))
        )
    )


def version_items(*, version: InstrumentVersion) -> list[Item]:
    return list(version.items.select_related("section"))


def section_get(*, section_pk: int) -> Section:
    return get_object_or_404(Section.objects.select_related("version"), pk=section_pk)


def item_get(*, item_pk: int) -> Item:
    return get_object_or_404(Item.objects.select_related("version"), pk=item_pk)


def _surveys() -> QuerySet[Survey]:
    return Survey.objects.select_related(
        "version__instrument", "municipality", "module", "pair_with"
    ).annotate(response_count=Count("responses"))


def surveys_for_user(*, user) -> QuerySet[Survey]:
    """The office sees every survey; a coordinator those of their own municipality."""
    if user.role == Role.OFFICE:
        return _surveys()
    if user.role == Role.COORDINATOR and user.approved_municipality_id:
        return _surveys().filter(municipality_id=user.approved_municipality_id)
    return Survey.objects.none()


# "About to close": open now and ending within this many days.
CLOSING_SOON_DAYS = 7


def closing_soon(*, now: dt.datetime) -> Q:
    """Surveys open at ``now`` that end within ``CLOSING_SOON_DAYS``."""
    return Q(
        closed_at__isnull=True,
        opens_at__lte=now,
        closes_at__gt=now,
        closes_at__lte=now + dt.timedelta(days=CLOSING_SOON_DAYS),
    )


def surveys_closing_soon_count(*, now: dt.datetime) -> int:
    return Survey.objects.filter(closing_soon(now=now)).count()


def survey_dates(*, first: dt.datetime, last: dt.datetime) -> QuerySet[Survey]:
    """Surveys that open or end from ``first`` to before ``last`` (an early close
    ends the survey on that day)."""
    return Survey.objects.filter(
        Q(opens_at__gte=first, opens_at__lt=last)
        | Q(closed_at__isnull=True, closes_at__gte=first, closes_at__lt=last)
        | Q(closed_at__gte=first, closed_at__lt=last)
    ).order_by("pk")


def survey_get_for_user(*, user, survey_pk: int) -> Survey:
    survey = surveys_for_user(user=user).filter(pk=survey_pk).first()
    if survey is None:
        raise Http404
    return survey


def invitation_count(*, survey: Survey) -> int:
    return SurveyInvitation.objects.filter(survey=survey).count()


def survey_by_token(*, token: str) -> Survey | None:
    return (
        Survey.objects.select_related("version__instrument", "pair_with")
        .filter(token=token)
        .first()
    )


def version_surveys(*, version: InstrumentVersion, filters: dict | None = None) -> list[Survey]:
    """The surveys of ``version`` matching the filters on survey attributes only."""
    filters = filters or {}
    queryset = Survey.objects.filter(version=version).select_related("municipality", "module")
    if filters.get("municipality"):
        queryset = queryset.filter(municipality_id=filters["municipality"])
    if filters.get("module"):
        queryset = queryset.filter(module_id=filters["module"])
    if filters.get("phase"):
        queryset = queryset.filter(phase=filters["phase"])
    surveys = list(queryset.order_by("opens_at", "pk"))
    if filters.get("year"):
        from evaluation.results import survey_year

        surveys = [survey for survey in surveys if survey_year(survey) == filters["year"]]
    return surveys


def session_responses() -> Subquery:
    """For annotating training sessions: the responses to the session's best-answered
    survey, or None if no survey was opened for it. A pre and a post survey ask the same
    people, so their responses are not added up. Only closed surveys count, as for the
    results: a number that grows while a survey is open would tell someone watching the
    page when a participant answered. Closed means closed and settled, as for the results."""
    settled = timezone.now() - dt.timedelta(minutes=settings.EVALUATION_SETTLING_MINUTES)
    best = (
        Survey.objects.filter(
            target_kind=TargetKind.SESSION, target_id=OuterRef("pk"), closed_at__lte=settled
        )
        .annotate(n=Count("responses"))
        .order_by("-n")
        .values("n")[:1]
    )
    return Subquery(best, output_field=IntegerField())


@dataclass(frozen=True)
class ResponseShare:
    answered: int
    participants: int

    @property
    def below_threshold(self) -> bool:
        """1 to 4 answers are shown as "weniger als 5", like every other survey count:
        the number and its percentage of the known participants would name the group."""
        return 0 < self.answered < MINIMUM_THRESHOLD

    @property
    def percent(self) -> int:
        if not self.participants:
            return 0
        # Half up, as percentages are read here; round() would give 12 % for 1 of 8.
        exact = Decimal(100 * self.answered) / Decimal(self.participants)
        return min(100, int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def response_share(*, sessions: Iterable[tuple[int | None, int | None]]) -> ResponseShare | None:
    """The share of participants who answered, over ``(participants, responses)`` of
    held sessions (``responses`` from ``session_responses``). Only sessions with a survey
    and a known number of participants count; a session never adds more answers than
    it had participants (a link passed on must not push the share past everyone).
    None when no session counts."""
    answered = participants = 0
    counted = False
    for session_participants, responses in sessions:
        if responses is None or not session_participants:
            continue
        counted = True
        participants += session_participants
        answered += min(responses, session_participants)
    return ResponseShare(answered=answered, participants=participants) if counted else None


def post_survey_of(*, survey: Survey) -> Survey | None:
    """The post survey paired with the pre survey ``survey``, if it belongs to the same
    municipality (pairs across municipalities are refused when opened)."""
    return (
        Survey.objects.select_related("version__instrument", "pair_with")
        .filter(pair_with=survey, municipality_id=survey.municipality_id)
        .first()
    )
