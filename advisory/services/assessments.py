"""The board's yearly written assessment: drafted by any member, then submitted once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from advisory.models import Assessment, Board
from advisory.rules import actor_check, may_write_assessment
from advisory.services.common import required
from core.audit import audit_record
from core.concurrency import edit_conflict_check, version_token
from programme.models import ProgrammeYear


def assessment_version(assessment: Assessment | None) -> str:
    return version_token(assessment.updated_at if assessment else None)


def assessment_editable(
    *, board: Board, year: ProgrammeYear, assessment: Assessment | None, actor: User
) -> bool:
    """Whether ``actor`` may go on writing the assessment of ``year``: a member of the
    board, before it is submitted, once the year has begun."""
    return (
        may_write_assessment(actor, board)
        and (assessment is None or assessment.submitted_at is None)
        and year.starts_on <= timezone.localdate()
    )


def assessment_write(
    *,
    board: Board,
    year: ProgrammeYear,
    actor: User,
    text: str,
    submit: bool,
    version: str | None = None,
) -> Assessment:
    """Save the assessment of ``year`` as a draft, or save and submit it (``submit``).

    ``version`` is the stored version the writer started from; a different one means
    someone else saved meanwhile (code "conflict"). Without it, as for a submission sent
    again after it went through, the same text is accepted and any change refused.
    """
    actor_check(
        actor=actor, municipality_id=board.municipality_id, rule=may_write_assessment, board=board
    )
    if year.call_id != board.call_id:
        raise ValidationError(_("Dieses Programmjahr gehört nicht zum Programm des Fachbeirats."))
    if year.starts_on > timezone.localdate():
        raise ValidationError(
            _("Die Einschätzung für das %(number)d. Programmjahr ist ab dessen Beginn möglich.")
            % {"number": year.number}
        )
    text = required(text, "text", _("Bitte schreiben Sie die Einschätzung."))
    if len(text) > 20000:
        raise ValidationError(
            {"text": _("Die Einschätzung darf höchstens 20.000 Zeichen lang sein.")}
        )
    with transaction.atomic():
        Board.objects.select_for_update().only("pk").get(pk=board.pk)
        assessment = Assessment.objects.filter(board=board, year=year).first()
        if assessment is not None and assessment.submitted_at:
            if submit and assessment.text == text:
                return assessment  # the same submission sent twice
            raise ValidationError(
                _(
                    "Die Einschätzung für dieses Programmjahr wurde am %(date)s eingereicht und "
                    "kann nicht mehr geändert werden."
                )
                % {
                    "date": formats.date_format(
                        timezone.localtime(assessment.submitted_at), "DATETIME_FORMAT"
                    )
                },
                code="submitted",
            )
        if edit_conflict_check(
            sent=version,
            stored=assessment_version(assessment),
            repeat=assessment is not None and assessment.text == text and not submit,
            message=_(
                "Jemand aus dem Fachbeirat hat die Einschätzung inzwischen geändert. Bitte "
                "prüfen Sie die gespeicherte Fassung unten und speichern Sie erneut."
            ),
        ):
            return assessment  # the same draft sent twice
        old_length = len(assessment.text) if assessment else None
        if assessment is None:
            assessment = Assessment(board=board, year=year)
        assessment.text = text
        assessment.author = actor
        if submit:
            assessment.submitted_at = timezone.now()
        assessment.save()
        changes = {"text": [old_length, len(text)]}
        if submit:
            changes["submitted_at"] = [None, assessment.submitted_at.isoformat()]
        audit_record(
            actor=actor,
            action="advisory.assessment_submitted" if submit else "advisory.assessment_draft_saved",
            obj=assessment,
            changes=changes,
        )
    return assessment


def assessment_save_draft(
    *, board: Board, year: ProgrammeYear, actor: User, text: str, version: str | None = None
) -> Assessment:
    """Save the board's assessment of ``year`` as a draft; any board member may go on
    writing it until it is submitted."""
    return assessment_write(
        board=board, year=year, actor=actor, text=text, version=version, submit=False
    )


def assessment_submit(
    *, board: Board, year: ProgrammeYear, actor: User, text: str, version: str | None = None
) -> Assessment:
    """Save and submit the assessment of ``year``; from then on it is read-only."""
    return assessment_write(
        board=board, year=year, actor=actor, text=text, version=version, submit=True
    )
