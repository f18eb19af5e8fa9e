"""Meetings of the board: planned by the coordination, minuted by the board."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from advisory.models import Board, Meeting
from advisory.rules import actor_check, may_manage, may_write_minutes
from advisory.selectors import programme_span
from advisory.services.common import required
from core.audit import audit_record, field_changes
from core.choices import ActivityStatus
from core.concurrency import edit_conflict_check, version_token
from core.uploads import clean_upload, replace_file


@transaction.atomic
def meeting_plan(*, board: Board, actor: User, starts_at: dt.datetime, location: str) -> Meeting:
    """Plan a meeting (or record one that took place without being planned here).

    It must fall within the programme years, which the commitments count by (the call's
    programme dates while no years are set); the same start twice is the same
    meeting, so a form sent twice plans one.
    """
    actor_check(actor=actor, municipality_id=board.municipality_id, rule=may_manage)
    location = required(location, "location", _("Bitte geben Sie den Ort an."))
    first_day, last_day = programme_span(call=board.call)
    local_day = timezone.localtime(starts_at).date()
    if not first_day <= local_day <= last_day:
        raise ValidationError(
            {
                "starts_at": _(
                    "Die Sitzung muss in der Laufzeit des Programms liegen (%(start)s bis %(end)s)."
                )
                % {
                    "start": formats.date_format(first_day, "SHORT_DATE_FORMAT"),
                    "end": formats.date_format(last_day, "SHORT_DATE_FORMAT"),
                }
            }
        )
    Board.objects.select_for_update().only("pk").get(pk=board.pk)
    existing = (
        board.meetings.filter(starts_at=starts_at).exclude(status=ActivityStatus.CANCELLED).first()
    )
    if existing is not None:
        return existing
    meeting = Meeting.objects.create(board=board, starts_at=starts_at, location=location)
    audit_record(
        actor=actor,
        action="advisory.meeting_planned",
        obj=meeting,
        changes={"starts_at": [None, starts_at.isoformat()], "location": [None, location]},
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: User) -> Meeting:
    """Cancel a meeting; cancelling it again changes nothing.

    The coordination may also cancel a meeting recorded as held, to correct a record
    that should not count towards the commitment (say, it never took place). Its
    minutes stay stored, but a cancelled meeting no longer counts.
    """
    actor_check(actor=actor, municipality_id=meeting.board.municipality_id, rule=may_manage)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == ActivityStatus.CANCELLED:
        return meeting
    old_status = meeting.status
    meeting.status = ActivityStatus.CANCELLED
    meeting.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="advisory.meeting_cancelled",
        obj=meeting,
        changes={"status": [old_status, ActivityStatus.CANCELLED]},
    )
    return meeting


def minutes_version(meeting: Meeting) -> str:
    """What an edit form carries to notice that someone else saved in between."""
    return version_token(meeting.minutes_at)


def _minutes_conflict(meeting: Meeting) -> str:
    return _(
        "%(name)s hat das Protokoll inzwischen geändert (%(time)s). Bitte prüfen "
        "Sie die gespeicherte Fassung unten und speichern Sie Ihre Änderungen erneut."
    ) % {
        "name": meeting.minutes_by.full_name if meeting.minutes_by else _("Jemand"),
        "time": formats.date_format(timezone.localtime(meeting.minutes_at), "DATETIME_FORMAT"),
    }


def _minutes_writable_check(meeting: Meeting) -> None:
    if meeting.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("Für eine abgesagte Sitzung gibt es kein Protokoll."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            _("Ein Protokoll kann erst nach Beginn der Sitzung geschrieben werden.")
        )


def _minutes_file_name(meeting: Meeting, *, upload, remove_file: bool) -> str:
    """The name the minutes' PDF will have after saving ("" for none)."""
    if upload is not None:
        return upload.name[:255]
    if remove_file or not meeting.minutes_file:
        return ""
    return meeting.minutes_file_name


def _minutes_changes(meeting: Meeting, *, minutes, decisions, file_name, upload) -> dict:
    """The audit trail's changes; texts by their length, a new PDF even under the same
    name."""
    changes = field_changes(
        {
            "minutes": meeting.minutes,
            "decisions": meeting.decisions,
            "status": meeting.status,
            "minutes_file": meeting.minutes_file_name or None,
        },
        {
            "minutes": minutes,
            "decisions": decisions,
            "status": ActivityStatus.HELD,
            "minutes_file": file_name or None,
        },
        by_length=("minutes", "decisions"),
    )
    if upload is not None:
        changes["minutes_file"] = [meeting.minutes_file_name or None, file_name or None]
    return changes


def minutes_save(
    *,
    meeting: Meeting,
    actor: User,
    minutes: str,
    decisions: str,
    upload=None,
    remove_file: bool = False,
    version: str | None = None,
) -> Meeting:
    """Write or correct the minutes and decisions of a meeting that has begun; this marks
    it as held, so it counts towards the commitment.

    ``version`` is what ``minutes_version`` said when the form was opened: if someone
    saved different minutes since, nothing is overwritten and the person is told.
    """
    board = meeting.board
    actor_check(
        actor=actor, municipality_id=board.municipality_id, rule=may_write_minutes, board=board
    )
    minutes = (minutes or "").strip()
    decisions = (decisions or "").strip()
    if upload is not None:
        try:
            clean_upload(upload)
        except ValidationError as error:
            raise ValidationError({"minutes_file": error.messages}) from error
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("minutes_by")
            .get(pk=meeting.pk)
        )
        _minutes_writable_check(meeting)
        repeat = (
            meeting.minutes == minutes
            and meeting.decisions == decisions
            and upload is None
            and not remove_file
        )
        if edit_conflict_check(
            sent=version,
            stored=minutes_version(meeting),
            repeat=repeat,
            message=_minutes_conflict(meeting),
        ):
            return meeting  # the same form sent twice
        file_name = _minutes_file_name(meeting, upload=upload, remove_file=remove_file)
        has_file = upload is not None or (bool(meeting.minutes_file) and not remove_file)
        if not minutes and not has_file:
            raise ValidationError(
                {"minutes": _("Bitte schreiben Sie das Protokoll oder laden Sie es als PDF hoch.")},
                code="required",
            )
        changes = _minutes_changes(
            meeting, minutes=minutes, decisions=decisions, file_name=file_name, upload=upload
        )
        if not changes:
            return meeting
        first = meeting.minutes_at is None
        meeting.minutes = minutes
        meeting.decisions = decisions
        if upload is not None or remove_file:
            replace_file(meeting, "minutes_file", upload, name=f"{meeting.pk}.pdf")
        meeting.minutes_file_name = file_name
        meeting.status = ActivityStatus.HELD
        meeting.minutes_by = actor
        meeting.minutes_at = timezone.now()
        meeting.save()
        audit_record(
            actor=actor,
            action="advisory.minutes_written" if first else "advisory.minutes_edited",
            obj=meeting,
            changes=changes,
        )
    return meeting
