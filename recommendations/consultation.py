"""Consultation rounds and the comments written in them.

A round is open while ``starts_at <= now < ends_at``. Every write to a round's comments
first locks the round's row and only then reads the clock: a comment that waits for
the lock while the round ends is refused, never stored late; and whatever closes a
round (moving its end, the office's evaluation) serialises with it on the same row.

Withdrawing: a participant may delete their own comment or reply while the round
runs, as long as nobody has replied to it yet (the replies would lose what they answer);
until then, and afterwards only the wording, it can still be edited.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, field_changes
from core.idempotency import stored_just_now
from recommendations import audience
from recommendations.field_test_feed import field_test_comments_add, field_test_visibility
from recommendations.models import (
    Comment,
    CommentKind,
    CommentSource,
    CommentVisibility,
    ConsultationRound,
    Paragraph,
    Version,
    VersionState,
)
from recommendations.services import version_freeze

AUDIENCE_FLAGS = (
    "for_municipal_teams",
    "for_advisory_boards",
    "for_network",
    "for_trainers",
    "for_public",
)

# The race test switches the round's row lock off to show what it prevents.
LOCK_ROUND_ROW = True


def _pause_while_locked() -> None:
    """Nothing; the race test waits here while another transaction holds the round."""


def round_is_open(round: ConsultationRound, now=None) -> bool:
    now = now or timezone.now()
    return round.starts_at <= now < round.ends_at


def round_has_started(round: ConsultationRound, now=None) -> bool:
    return round.starts_at <= (now or timezone.now())


def round_has_ended(round: ConsultationRound, now=None) -> bool:
    return round.ends_at <= (now or timezone.now())


def _locked_round(round_id: int) -> ConsultationRound:
    rounds = ConsultationRound.objects
    if LOCK_ROUND_ROW:
        rounds = rounds.select_for_update()
    return rounds.get(pk=round_id)


def _open_round(round_id: int) -> ConsultationRound:
    """The round's row, locked; refused unless the round runs at this moment (the clock
    is read after the lock is held)."""
    round = _locked_round(round_id)
    _pause_while_locked()
    now = timezone.now()
    if now < round.starts_at:
        raise ValidationError(
            _("Die Beteiligungsrunde hat noch nicht begonnen."), code="not_started"
        )
    if now >= round.ends_at:
        raise ValidationError(
            _("Die Beteiligungsrunde ist beendet; Beiträge sind nicht mehr möglich."),
            code="ended",
        )
    return round


# --- rounds ------------------------------------------------------------------------------


def _plain(value):
    """A value as the audit trail keeps it (JSON): moments as ISO text, objects by id."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


def _changes(obj, values: dict, *, by_length=()) -> dict:
    old = {name: _plain(getattr(obj, name)) for name in values}
    return field_changes(old, {k: _plain(v) for k, v in values.items()}, by_length=by_length)


def _same(new, old) -> bool:
    """Whether a field keeps its value; moments are entered to the minute, so a start
    sent back by a form is the same start whatever its seconds."""
    if isinstance(old, dt.datetime) and isinstance(new, dt.datetime):
        return new.replace(second=0, microsecond=0) == old.replace(second=0, microsecond=0)
    return new == old


def _check_round_fields(*, title, starts_at, ends_at, flags: dict, now) -> dict:
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Bitte geben Sie einen Titel an.")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("Das Ende muss nach dem Beginn liegen.")
    elif ends_at and ends_at <= now:
        errors["ends_at"] = _("Das Ende muss in der Zukunft liegen.")
    if not any(flags.values()):
        errors["audience"] = _("Bitte wählen Sie mindestens eine Gruppe, die teilnimmt.")
    return errors


@transaction.atomic
def round_create(
    *,
    version: Version,
    title: str,
    starts_at,
    ends_at,
    question_guide: str = "",
    for_municipal_teams: bool = True,
    for_advisory_boards: bool = False,
    for_network: bool = False,
    for_trainers: bool = False,
    for_public: bool = False,
    label: str = "",
    actor,
) -> ConsultationRound:
    """A round on ``version``. A draft is frozen first under ``label``: the text people
    comment on no longer changes. A second click returns the round of the first."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    title = (title or "").strip()
    flags = {
        "for_municipal_teams": for_municipal_teams,
        "for_advisory_boards": for_advisory_boards,
        "for_network": for_network,
        "for_trainers": for_trainers,
        "for_public": for_public,
    }
    repeat = stored_just_now(
        ConsultationRound.objects.filter(version=version, title=title, created_by=actor),
        since_field="created_at",
    )
    if repeat is not None:
        return repeat
    errors = _check_round_fields(
        title=title, starts_at=starts_at, ends_at=ends_at, flags=flags, now=timezone.now()
    )
    if version.state == VersionState.DRAFT and not (label or "").strip():
        errors["label"] = _(
            "Bitte geben Sie die Bezeichnung an, unter der der Entwurf eingefroren wird."
        )
    if errors:
        raise ValidationError(errors)
    if version.state == VersionState.DRAFT:
        version = version_freeze(version=version, label=label, actor=actor)
    round = ConsultationRound.objects.create(
        version=version,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        question_guide=question_guide,
        created_by=actor,
        **flags,
    )
    audit_record(actor=actor, action="recommendations.round_create", obj=round)
    # What the model municipalities found in their field tests enters the round as
    # comments, so the office answers it like every other voice.
    field_test_comments_add(round=round)
    return round


@transaction.atomic
def round_update(
    *,
    round: ConsultationRound,
    title: str,
    starts_at,
    ends_at,
    question_guide: str,
    for_municipal_teams: bool,
    for_advisory_boards: bool,
    for_network: bool,
    for_trainers: bool,
    for_public: bool,
    actor,
) -> ConsultationRound:
    """Change a round before it starts. Once it runs only its end moves (never to a
    moment already past); once it has ended nothing changes."""
    round = _locked_round(round.pk)
    now = timezone.now()
    title = (title or "").strip()
    values = {
        "title": title,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "question_guide": question_guide,
        "for_municipal_teams": for_municipal_teams,
        "for_advisory_boards": for_advisory_boards,
        "for_network": for_network,
        "for_trainers": for_trainers,
        "for_public": for_public,
    }
    if round_has_ended(round, now):
        raise ValidationError(
            _("Die Beteiligungsrunde ist beendet und kann nicht mehr geändert werden."),
            code="ended",
        )
    if round_has_started(round, now):
        changed = [
            name
            for name, value in values.items()
            if name != "ends_at" and not _same(value, getattr(round, name))
        ]
        if changed:
            raise ValidationError(
                {
                    name: _("Die Runde läuft schon: nur ihr Ende lässt sich noch verschieben.")
                    for name in changed
                }
            )
    flags = {name: values[name] for name in AUDIENCE_FLAGS}
    errors = _check_round_fields(
        title=title, starts_at=starts_at, ends_at=ends_at, flags=flags, now=now
    )
    if (
        not round_has_started(round, now)
        and starts_at
        and starts_at != round.starts_at
        and starts_at < now
    ):
        errors["starts_at"] = _("Der Beginn darf nicht in der Vergangenheit liegen.")
    if errors:
        raise ValidationError(errors)
    if round_has_started(round, now):
        values["starts_at"] = round.starts_at
    changes = _changes(round, values, by_length=["question_guide"])
    if changes:
        for name, value in values.items():
            setattr(round, name, value)
        round.save(update_fields=list(values))
        # The audience decides who reads the field tests' findings (only before the start
        # can it change, so nobody has replied to them yet).
        round.comments.filter(source=CommentSource.FIELD_TEST).update(
            visibility=field_test_visibility(round)
        )
        audit_record(actor=actor, action="recommendations.round_update", obj=round, changes=changes)
    return round


# --- comments ----------------------------------------------------------------------------

# Between two words of a passage the paragraph may have any white space or Markdown
# emphasis: a passage copied from the page reads "ist wichtig" where the text says
# "ist **wichtig**".
_EMPHASIS = "*_`"
_BETWEEN_WORDS = r"[\s*_`]++"


def _find_quote(quote: str, text: str) -> tuple[str, int, int]:
    """The passage as it stands in ``text`` with its start and end; a ValidationError at
    the field when it is not there or not there exactly once."""
    # Words are taken without emphasis marks at their ends, and the run between two words
    # is matched possessively: a word can then never be read as part of the run before
    # it, so the search stays linear even for a paragraph full of "_" or "*".
    words = [w for w in (word.strip(_EMPHASIS) for word in quote.split()) if w]
    pattern = re.compile(_BETWEEN_WORDS.join(re.escape(word) for word in words))
    matches = list(pattern.finditer(text)) if words else []
    if not matches:
        raise ValidationError(
            {
                "quote": _(
                    "Diese Stelle steht nicht im Absatz. Bitte übernehmen Sie die Wörter "
                    "genau so, wie sie im Absatz stehen."
                )
            }
        )
    if len(matches) > 1:
        raise ValidationError(
            {
                "quote": _(
                    "Diese Stelle kommt im Absatz mehrmals vor. Bitte übernehmen Sie ein "
                    "paar Wörter mehr, damit klar ist, welche Stelle Sie meinen."
                )
            }
        )
    match = matches[0]
    return match.group(0), match.start(), match.end()


def _comment_values(
    *,
    round: ConsultationRound,
    paragraph: Paragraph,
    kind: str,
    text: str,
    suggested_wording: str,
    quote: str,
    visibility: str,
    on_behalf: bool,
    author,
) -> dict:
    """The fields of a top-level comment, checked; all problems at once."""
    errors = {}
    text = (text or "").strip()
    suggested_wording = (suggested_wording or "").strip()
    quote = (quote or "").strip()
    if kind not in CommentKind.values:
        errors["kind"] = _("Bitte wählen Sie die Art Ihres Kommentars.")
    if not text:
        errors["text"] = _("Bitte schreiben Sie Ihren Kommentar.")
    if kind == CommentKind.PROPOSAL and not suggested_wording:
        errors["suggested_wording"] = _(
            "Bitte geben Sie bei einem Vorschlag die Formulierung an, die Sie vorschlagen."
        )
    if visibility not in CommentVisibility.values:
        errors["visibility"] = _("Bitte wählen Sie, wer Ihren Kommentar sehen darf.")
    municipality = None
    if on_behalf:
        municipality = audience.municipality_spoken_for(author, round)
        if municipality is None:
            errors["on_behalf"] = _(
                "Im Namen einer Kommune schreiben nur Koordination und Team einer "
                "bestätigten Modellkommune."
            )
    values = {
        "kind": kind,
        "text": text,
        "suggested_wording": suggested_wording,
        "visibility": visibility,
        "municipality": municipality,
        "quote": "",
        "quote_start": None,
        "quote_end": None,
    }
    if quote:
        try:
            values["quote"], values["quote_start"], values["quote_end"] = _find_quote(
                quote, paragraph.text
            )
        except ValidationError as exc:
            errors.update({name: messages for name, messages in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return values


def _require_audience(author, round: ConsultationRound) -> None:
    if not audience.may_take_part(author, round):
        raise ValidationError(
            _("Sie gehören nicht zum Kreis dieser Beteiligungsrunde."), code="not_audience"
        )


@transaction.atomic
def comment_create(
    *,
    round: ConsultationRound,
    paragraph: Paragraph,
    kind: str,
    text: str,
    suggested_wording: str = "",
    quote: str = "",
    visibility: str = CommentVisibility.PARTICIPANTS,
    on_behalf: bool = False,
    author,
) -> Comment:
    """A comment on a paragraph (or a passage of it) of the round's version, while the
    round runs, by someone of its audience. The same comment sent twice is stored once."""
    round = _open_round(round.pk)
    _require_audience(author, round)
    paragraph = Paragraph.objects.select_related("recommendation").get(pk=paragraph.pk)
    if paragraph.recommendation.version_id != round.version_id:
        raise ValidationError(
            {"paragraph": _("Dieser Absatz gehört nicht zur Fassung dieser Runde.")}
        )
    values = _comment_values(
        round=round,
        paragraph=paragraph,
        kind=kind,
        text=text,
        suggested_wording=suggested_wording,
        quote=quote,
        visibility=visibility,
        on_behalf=on_behalf,
        author=author,
    )
    repeat = stored_just_now(
        Comment.objects.filter(
            round=round,
            paragraph=paragraph,
            parent=None,
            author=author,
            kind=values["kind"],
            text=values["text"],
            quote=values["quote"],
        ),
        since_field="created_at",
    )
    if repeat is not None:
        return repeat
    comment = Comment.objects.create(round=round, paragraph=paragraph, author=author, **values)
    audit_record(actor=author, action="recommendations.comment_create", obj=comment)
    return comment


@transaction.atomic
def reply_create(*, parent: Comment, text: str, author) -> Comment:
    """A reply to a comment every participant sees, while the round runs. Replies are
    personal and visible to the participants; a reply gets no reply of its own."""
    round = _open_round(parent.round_id)
    _require_audience(author, round)
    parent = Comment.objects.get(pk=parent.pk)
    if parent.parent_id is not None:
        raise ValidationError(
            _("Antworten Sie bitte auf den Kommentar, nicht auf eine Antwort."), code="nested"
        )
    if parent.visibility != CommentVisibility.PARTICIPANTS:
        raise ValidationError(
            _("Auf einen Kommentar nur für das Programmbüro kann niemand antworten."),
            code="office_only",
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Bitte schreiben Sie Ihre Antwort.")})
    repeat = stored_just_now(
        Comment.objects.filter(parent=parent, author=author, text=text),
        since_field="created_at",
    )
    if repeat is not None:
        return repeat
    reply = Comment.objects.create(
        round=round,
        paragraph_id=parent.paragraph_id,
        parent=parent,
        text=text,
        visibility=CommentVisibility.PARTICIPANTS,
        author=author,
    )
    audit_record(actor=author, action="recommendations.reply_create", obj=reply)
    return reply


def _own_while_open(comment: Comment, author) -> tuple[ConsultationRound, Comment]:
    """The round (locked, running) and the comment, if ``author`` may still change it.

    The office's answer locks the round first too, so an answer and an edit never cross:
    once answered, a comment stays as it was answered, and a finding from a field test is
    the municipality's record, which no single person edits here."""
    round = _open_round(comment.round_id)
    comment = Comment.objects.select_related("paragraph").get(pk=comment.pk)
    if comment.author_id is None or comment.author_id != author.pk:
        raise ValidationError(_("Sie können nur Ihre eigenen Beiträge ändern."), code="not_author")
    if comment.source != CommentSource.PARTICIPANT:
        raise ValidationError(
            _("Dieser Beitrag kommt aus einem Praxistest und lässt sich hier nicht ändern."),
            code="field_test",
        )
    if comment.answer_status:
        raise ValidationError(
            _(
                "Das Programmbüro hat diesen Kommentar schon beantwortet; er bleibt so, wie "
                "er beantwortet wurde. Sie können gern einen neuen Kommentar schreiben."
            ),
            code="answered",
        )
    return round, comment


@transaction.atomic
def comment_update(
    *,
    comment: Comment,
    text: str,
    kind: str = "",
    suggested_wording: str = "",
    quote: str = "",
    visibility: str = CommentVisibility.PARTICIPANTS,
    on_behalf: bool = False,
    author,
) -> Comment:
    """Change one's own comment or reply while the round runs. Of a reply only the text
    changes. A comment that others answered stays visible to the participants."""
    round, comment = _own_while_open(comment, author)
    if comment.parent_id is not None:
        text = (text or "").strip()
        if not text:
            raise ValidationError({"text": _("Bitte schreiben Sie Ihre Antwort.")})
        values = {"text": text}
    else:
        values = _comment_values(
            round=round,
            paragraph=comment.paragraph,
            kind=kind,
            text=text,
            suggested_wording=suggested_wording,
            quote=quote,
            visibility=visibility,
            on_behalf=on_behalf,
            author=author,
        )
        if values["visibility"] == CommentVisibility.OFFICE and comment.replies.exists():
            raise ValidationError(
                {
                    "visibility": _(
                        "Auf diesen Kommentar wurde schon geantwortet; er bleibt für alle "
                        "Beteiligten sichtbar."
                    )
                }
            )
    changes = _changes(comment, values, by_length=["text", "suggested_wording", "quote"])
    if changes:
        for name, value in values.items():
            setattr(comment, name, value)
        comment.save(update_fields=[*values, "updated_at"])
        audit_record(
            actor=author, action="recommendations.comment_update", obj=comment, changes=changes
        )
    return comment


@transaction.atomic
def comment_withdraw(*, comment: Comment, author) -> None:
    """Delete one's own comment or reply while the round runs and nobody has replied to
    it. Withdrawing what is already gone (a second click) changes nothing."""
    if not Comment.objects.filter(pk=comment.pk).exists():
        return
    _round, comment = _own_while_open(comment, author)
    if comment.replies.exists():
        raise ValidationError(
            _(
                "Auf diesen Kommentar wurde schon geantwortet; Sie können ihn noch "
                "bearbeiten, aber nicht mehr zurückziehen."
            ),
            code="has_replies",
        )
    audit_record(actor=author, action="recommendations.comment_withdraw", obj=comment)
    comment.delete()
