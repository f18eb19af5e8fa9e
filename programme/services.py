"""Setting up a cohort's programme: its years and the commitments every model
municipality makes."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from calls.models import Call
from core.audit import audit_record
from programme.models import Commitment, CommitmentKind, ProgrammeYear

# The call's promises (see the call text), with the targets the office starts from.
DEFAULT_COMMITMENTS = [
    (CommitmentKind.TRAINING_SESSIONS, "Mindestens zwei Schulungsmodule je Jahr", 2, False),
    (
        CommitmentKind.EMPOWERMENT_WORKSHOPS,
        "Mindestens zwei Empowerment-Workshops je Jahr",
        2,
        False,
    ),
    (CommitmentKind.BOARD_MEETINGS, "Lokaler Fachbeirat tagt", 2, False),
    (
        CommitmentKind.BOARD_ASSESSMENT,
        "Eine schriftliche Einschätzung des Fachbeirats je Jahr",
        1,
        False,
    ),
    (CommitmentKind.EVALUATION, "Beschäftigte für die Evaluation freistellen", 1, False),
    (CommitmentKind.POLITICAL_BACKING, "Politische Rückendeckung (Ratsbeschluss o. Ä.)", 1, True),
    (CommitmentKind.INTERNAL_VISIBILITY, "Prozess intern sichtbar machen", 1, False),
    (CommitmentKind.EXPERIENCE_SHARING, "Erfahrungen mit anderen Kommunen teilen", 1, False),
]


@transaction.atomic
def programme_years_set(
    *, call: Call, periods: list[tuple[dt.date, dt.date]], actor=None
) -> list[ProgrammeYear]:
    """Set the programme years of ``call`` to ``periods`` (in order, without gaps or
    overlaps). Existing years keep their identity, so evidence stays attached."""
    if not periods:
        raise ValidationError(_("Bitte geben Sie mindestens ein Programmjahr an."))
    for number, (start, end) in enumerate(periods, start=1):
        if end < start:
            raise ValidationError(
                _("Im %(number)d. Programmjahr liegt das Ende vor dem Beginn.") % {"number": number}
            )
        if number > 1 and start != periods[number - 2][1] + dt.timedelta(days=1):
            raise ValidationError(
                _("Das %(number)d. Programmjahr muss am Tag nach dem Ende des vorigen beginnen.")
                % {"number": number}
            )
    years = []
    for number, (start, end) in enumerate(periods, start=1):
        year, _created = ProgrammeYear.objects.update_or_create(
            call=call, number=number, defaults={"starts_on": start, "ends_on": end}
        )
        years.append(year)
    ProgrammeYear.objects.filter(call=call, number__gt=len(periods)).delete()
    audit_record(
        actor=actor,
        action="programme_years_set",
        obj=call,
        changes={"years": [[s.isoformat(), e.isoformat()] for s, e in periods]},
    )
    return years


@transaction.atomic
def commitments_ensure_defaults(*, call: Call, board_meetings: int = 2) -> list[Commitment]:
    """Create the call's standard commitments that do not exist yet (idempotent)."""
    result = []
    for position, (kind, title, target, once) in enumerate(DEFAULT_COMMITMENTS):
        if kind == CommitmentKind.BOARD_MEETINGS:
            target = board_meetings
        commitment, _created = Commitment.objects.get_or_create(
            call=call,
            kind=kind,
            defaults={"title": title, "target": target, "once": once, "position": position},
        )
        result.append(commitment)
    return result
