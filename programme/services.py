"""Setting up a cohort's programme: its years and the commitments every model
municipality makes."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calls.models import Call
from core.audit import audit_record
from core.choices import ActivityStatus
from core.idempotency import stored_just_now
from core.uploads import delete_after_commit
from programme.models import (
    Commitment,
    CommitmentKind,
    EvaluationDate,
    ProgrammeDocument,
    ProgrammeYear,
    ReminderMute,
)

# Dates outside these years are typing errors (and would overflow near the calendar's end).
FIRST_YEAR, LAST_YEAR = 2000, 2100

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
    (
        CommitmentKind.FIELD_TESTS,
        "Schulungen und Empfehlungen in der Praxis erproben",
        1,
        False,
    ),
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
        if start.year < FIRST_YEAR or end.year > LAST_YEAR:
            raise ValidationError(
                _("Programmjahre müssen zwischen %(first)d und %(last)d liegen.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
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
    # With its years the programme starts: the standard commitments apply from now on.
    commitments_ensure_defaults(call=call)
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


# --- what a model municipality records -------------------------------------------------


@transaction.atomic
def document_record(
    *,
    call: Call,
    municipality,
    kind: str,
    title: str,
    occurred_on: dt.date,
    description: str = "",
    upload=None,
    actor=None,
) -> ProgrammeDocument:
    # A second click on "save" finds the record the first one made.
    recent = stored_just_now(
        ProgrammeDocument.objects.filter(
            call=call, municipality=municipality, kind=kind, title=title, occurred_on=occurred_on
        ),
        since_field="created_at",
    )
    if recent is not None:
        return recent
    document = ProgrammeDocument(
        call=call,
        municipality=municipality,
        kind=kind,
        title=title,
        occurred_on=occurred_on,
        description=description,
        created_by=actor,
    )
    if upload is not None:
        document.file_name = upload.name[:255]
        document.file.save(upload.name, upload, save=False)
    document.save()
    audit_record(
        actor=actor,
        action="programme_document_recorded",
        obj=document,
        changes={"kind": [None, kind], "occurred_on": [None, occurred_on.isoformat()]},
    )
    return document


@transaction.atomic
def document_delete(*, document: ProgrammeDocument, actor=None) -> None:
    audit_record(
        actor=actor,
        action="programme_document_deleted",
        obj=document,
        changes={"title": [document.title, None]},
    )
    # Only once the deletion is committed: a rollback must not leave a record without
    # its file.
    delete_after_commit(document.file)
    document.delete()


@transaction.atomic
def evaluation_date_plan(
    *, call: Call, municipality, starts_at: dt.datetime, description: str = "", actor=None
) -> EvaluationDate:
    evaluation, created = EvaluationDate.objects.get_or_create(
        call=call,
        municipality=municipality,
        starts_at=starts_at,
        status=ActivityStatus.PLANNED,
        defaults={"description": description, "created_by": actor},
    )
    if not created:
        return evaluation  # the same date planned twice is one date
    audit_record(actor=actor, action="evaluation_date_planned", obj=evaluation)
    return evaluation


@transaction.atomic
def evaluation_date_set_status(
    *, evaluation: EvaluationDate, status: str, actor=None, now: dt.datetime | None = None
) -> EvaluationDate:
    """Mark a date held (only once it has begun) or cancelled, or plan it again."""
    evaluation = EvaluationDate.objects.select_for_update().get(pk=evaluation.pk)
    now = now or timezone.now()
    if status == ActivityStatus.HELD and evaluation.starts_at > now:
        raise ValidationError(
            {"status": _("Ein Termin in der Zukunft kann noch nicht stattgefunden haben.")}
        )
    old = evaluation.status
    if old != status:
        evaluation.status = status
        evaluation.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="evaluation_date_status",
            obj=evaluation,
            changes={"status": [old, status]},
        )
    return evaluation


@transaction.atomic
def commitment_targets_set(*, call: Call, targets: dict[int, int], actor=None) -> None:
    """Set the yearly target of each of the call's commitments (``{pk: target}``)."""
    for commitment in Commitment.objects.select_for_update().filter(call=call):
        new = targets.get(commitment.pk)
        if new is not None and new != commitment.target:
            audit_record(
                actor=actor,
                action="commitment_target_set",
                obj=commitment,
                changes={"target": [commitment.target, new]},
            )
            commitment.target = new
            commitment.save(update_fields=["target"])


@transaction.atomic
def reminder_settings_save(*, user, wanted: dict[str, bool]) -> None:
    """Mute the reminder kinds the person does not want, unmute the others."""
    for kind, on in wanted.items():
        if on:
            ReminderMute.objects.filter(user=user, kind=kind).delete()
        else:
            ReminderMute.objects.get_or_create(user=user, kind=kind)
