"""Counting what model municipalities recorded, per commitment kind, municipality and year.

Each commitment kind has one source: held training sessions, held local empowerment
workshops, held board meetings with minutes, submitted board assessments, held evaluation
dates, documents of the matching kind, and field tests of recommendations with a
recorded result. ``done`` counts what happened; ``scheduled``
counts what is still planned for later in the same year (a draft assessment counts as
scheduled), which is what the status rules weigh against the time left.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from advisory.selectors import assessment_tallies, meeting_tallies
from calls.models import Call
from network.selectors import workshop_tallies
from programme.models import CommitmentKind, ProgrammeYear
from programme.selectors import document_tallies, evaluation_date_tallies
from programme.tallies import YearTally
from recommendations.selectors import field_test_tallies
from trainings.selectors import session_tallies


@dataclass
class Tally:
    done: int = 0
    scheduled: int = 0


# (kind, municipality_id, year number) -> Tally
Counts = dict[tuple[str, int, int], Tally]


def _add(counts: Counts, kind: str, tallies: Iterable[YearTally]) -> None:
    for row in tallies:
        tally = counts[(kind, row.municipality_id, row.year)]
        tally.done += row.done
        tally.scheduled += row.scheduled


def evidence_counts(
    *,
    call: Call,
    years: list[ProgrammeYear],
    now: dt.datetime,
    municipality_ids: list[int] | None = None,
) -> Counts:
    """Everything recorded for ``call``, counted per commitment kind, municipality and year.

    Seven queries, whatever the number of municipalities or records: each app counts its
    own records (what counts as done is its rule), this adds them up by commitment.
    """
    counts: Counts = defaultdict(Tally)
    if not years:
        return counts
    scope = {"call": call, "years": years, "now": now, "municipality_ids": municipality_ids}
    _add(counts, CommitmentKind.TRAINING_SESSIONS, session_tallies(**scope))
    _add(counts, CommitmentKind.EMPOWERMENT_WORKSHOPS, workshop_tallies(**scope))
    _add(counts, CommitmentKind.EVALUATION, evaluation_date_tallies(**scope))
    _add(counts, CommitmentKind.BOARD_MEETINGS, meeting_tallies(**scope))
    _add(counts, CommitmentKind.FIELD_TESTS, field_test_tallies(**scope))
    _add(
        counts,
        CommitmentKind.BOARD_ASSESSMENT,
        assessment_tallies(call=call, municipality_ids=municipality_ids),
    )
    for kind, row in document_tallies(call=call, years=years, municipality_ids=municipality_ids):
        _add(counts, kind, [row])
    return counts
