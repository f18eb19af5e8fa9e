"""Meetings of the board: planned by the coordination, minuted by the board."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from advisory.models import Board, Meeting
from advisory.permissions import MANAGE_ROLES, MINUTES_ROLES, actor_check
from advisory.selectors import programme_span
from advisory.services.common import iso, required
from core.audit import audit_record
from core.choices import ActivityStatus
from core.uploads import clean_upload


@transaction.atomic
def meeting_plan(*, board: Board, actor: User, starts_at: dt.datetime, location: str) -> Meeting:
    """Plan a meeting (or record one that took place without being planned here).

    It must fall within the programme years, which the commitments count by (the call's
    programme dates while no years are set); the same start twice is the same
    meeting, so a form sent twice plans one.
    """
    actor_check(actor=actor, municipality_id=board.municipality_id, roles=MANAGE_ROLES)
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
    actor_check(actor=actor, municipality_id=meeting.board.municipality_id, roles=MANAGE_ROLES)
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
    return iso(meeting.minutes_at) or ""


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
        actor=actor, municipality_id=board.municipality_id, roles=MINUTES_ROLES, board=board
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
        if meeting.status == ActivityStatus.CANCELLED:
            raise ValidationError(_("Für eine abgesagte Sitzung gibt es kein Protokoll."))
        if meeting.starts_at > timezone.now():
            raise ValidationError(
                _("Ein Protokoll kann erst nach Beginn der Sitzung geschrieben werden.")
            )
        unchanged_text = meeting.minutes == minutes and meeting.decisions == decisions
        if version is not None and version != minutes_version(meeting):
            if unchanged_text and upload is None and not remove_file:
                return meeting  # the same form sent twice
            raise ValidationError(
                _(
                    "%(name)s hat das Protokoll inzwischen geändert (%(time)s). Bitte prüfen "
                    "Sie die gespeicherte Fassung unten und speichern Sie Ihre Änderungen erneut."
                )
                % {
                    "name": meeting.minutes_by.full_name if meeting.minutes_by else _("Jemand"),
                    "time": formats.date_format(
                        timezone.localtime(meeting.minutes_at), "DATETIME_FORMAT"
                    ),
                },
                code="conflict",
            )
        if upload is not None:
            file_name = upload.name[:255]
        elif remove_file:
            file_name = ""
        else:
            file_name = meeting.minutes_file_name if meeting.minutes_file else ""
        has_file = upload is not None or (bool(meeting.minutes_file) and not remove_file)
        if not minutes and not has_file:
            raise ValidationError(
                {"minutes": _("Bitte schreiben Sie das Protokoll oder laden Sie es als PDF hoch.")},
                code="required",
            )
        old_file = meeting.minutes_file.name if meeting.minutes_file else ""
        # Texts are recorded by their length: the trail shows a change, not the content.
        changes = {}
        if meeting.minutes != minutes:
            changes["minutes"] = [len(meeting.minutes), len(minutes)]
        if meeting.decisions != decisions:
            changes["decisions"] = [len(meeting.decisions), len(decisions)]
        if meeting.status != ActivityStatus.HELD:
            changes["status"] = [meeting.status, ActivityStatus.HELD]
        if upload is not None or file_name != meeting.minutes_file_name:
            changes["minutes_file"] = [meeting.minutes_file_name or None, file_name or None]
        if not changes:
            return meeting
        first = meeting.minutes_at is None
        meeting.minutes = minutes
        meeting.decisions = decisions
        if upload is not None:
            meeting.minutes_file.save(f"{meeting.pk}.pdf", upload, save=False)
        elif remove_file:
            meeting.minutes_file = ""
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
        new_file = meeting.minutes_file.name if meeting.minutes_file else ""
        if old_file and old_file != new_file:
            storage = meeting.minutes_file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return meeting
