"""When the proofs of use are due, in Europe/Berlin.

The interim proof for a year is due on a day of the following year (30 April unless the
office sets another); the final proof a number of months after the programme ends. A
deadline is kept until the end of its day, local time.
"""

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F

from calls.models import Call
from funding.models import FundingSettings, FundingYear, NarrativeReport, ReportStatus
from programme.cohort import programme_calls
from selection.models import Outcome, OutcomeKind


def funding_settings() -> FundingSettings:
    """The office's settings; the defaults until the office first saves (reading
    writes nothing)."""
    return FundingSettings.objects.filter(pk=1).first() or FundingSettings(pk=1)


def _clamped(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def interim_due(*, year: int, config: FundingSettings) -> dt.date:
    return _clamped(year + 1, config.interim_due_month, config.interim_due_day)


def final_due(*, programme_end: dt.date, config: FundingSettings) -> dt.date:
    months = programme_end.month - 1 + config.final_due_months
    return _clamped(programme_end.year + months // 12, months % 12 + 1, programme_end.day)


# --- the office's desk -----------------------------------------------------------------


@dataclass
class DueProofs:
    """Per cohort: proofs not handed in whose day has passed, and those due within
    ``days`` days."""

    call: Call
    overdue: int = 0
    due_soon: int = 0


@dataclass(frozen=True)
class ProofDate:
    call: Call
    year: int | None  # None: the final proof of use
    due_on: dt.date


def proof_dates(*, calls: list[Call], config: FundingSettings) -> list[ProofDate]:
    """The due dates of the cohorts' proofs: one interim proof per funding year, one
    final proof (one query)."""
    by_pk = {call.pk: call for call in calls}
    dates = [
        ProofDate(call=by_pk[call_id], year=year, due_on=interim_due(year=year, config=config))
        for call_id, year in FundingYear.objects.filter(call__in=calls)
        .order_by("call_id", "year")
        .values_list("call_id", "year")
    ]
    dates += [
        ProofDate(
            call=call,
            year=None,
            due_on=final_due(programme_end=call.programme_end, config=config),
        )
        for call in calls
    ]
    return dates


def proofs_due(*, today: dt.date, days: int) -> list[DueProofs]:
    """Per cohort, the proofs of its model municipalities not yet handed in (submitted
    or accepted) that are overdue, as the cohort's list of reports marks them, or due
    within ``days`` days. A fixed number of queries, however many cohorts."""
    calls = list(programme_calls())
    if not calls:
        return []
    members = defaultdict(set)
    for call_id, municipality_id in Outcome.objects.filter(
        kind=OutcomeKind.SELECTED,
        decision__released_at__isnull=False,
        decision__call__in=calls,
        application__call_id=F("decision__call_id"),
    ).values_list("decision__call_id", "application__municipality_id"):
        members[call_id].add(municipality_id)
    handed_in = set(
        NarrativeReport.objects.filter(
            call__in=calls, status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED]
        ).values_list("call_id", "municipality_id", "year")
    )
    result = {call.pk: DueProofs(call=call) for call in calls}
    soon = today + dt.timedelta(days=days)
    for proof in proof_dates(calls=calls, config=funding_settings()):
        if proof.due_on > soon:
            continue
        missing = sum(
            1
            for municipality_id in members[proof.call.pk]
            if (proof.call.pk, municipality_id, proof.year) not in handed_in
        )
        if today > proof.due_on:
            result[proof.call.pk].overdue += missing
        else:
            result[proof.call.pk].due_soon += missing
    return [due for due in result.values() if due.overdue or due.due_soon]
