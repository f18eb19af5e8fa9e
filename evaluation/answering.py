"""Answering a survey and ending it: the page nonces, accepting an anonymous response
under the survey's row lock, and closing under the same lock."""

import hashlib
import hmac
import secrets
import unicodedata

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from core.audit import audit_record
from evaluation.models import Answer, Phase, Response, Survey, UsedNonce


def normalise_code(code: str) -> str:
    return unicodedata.normalize("NFKC", code).strip().casefold().replace(" ", "")


def pair_hash(*, survey: Survey, code: str) -> str:
    """The code's HMAC, keyed per survey pair: the same code links a pre and a post
    answer of one pair and nothing else; without the key it cannot be checked."""
    code = normalise_code(code)
    if not code or survey.phase == Phase.SINGLE:
        return ""
    root = survey.pair_with if survey.phase == Phase.POST else survey
    key = f"{settings.SECRET_KEY}|evaluation-pair|{root.pk}|{root.pair_salt}".encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def survey_is_open(survey: Survey) -> bool:
    return survey.closed_at is None and survey.opens_at <= timezone.now() < survey.closes_at


def _nonce_signer(survey: Survey) -> signing.Signer:
    return signing.Signer(salt=f"evaluation.answer-page|{survey.pk}")


def nonce_issue(*, survey: Survey) -> str:
    """A one-time nonce for an answer page, signed for this survey. It travels only in
    the page: no session holds it, so nothing on the server ties it to a visitor."""
    return _nonce_signer(survey).sign(secrets.token_urlsafe(16))


def nonce_is_valid(*, survey: Survey, nonce: str) -> bool:
    try:
        _nonce_signer(survey).unsign(nonce)
    except signing.BadSignature:
        return False
    return True


def nonce_digest(nonce: str) -> str:
    """The key a used nonce is kept under: an HMAC with a key derived from the server's
    secret. A plain hash could be recomputed by anyone holding the nonce."""
    return salted_hmac("evaluation.used-nonce", nonce, algorithm="sha256").hexdigest()


# Switched off only by the race test that shows what the lock prevents.
LOCK_SURVEY_ROW = True


def pause_before_storing_an_answer() -> None:
    """A seam for the race test: nothing happens here."""


def _survey_for_update(survey: Survey) -> Survey:
    rows = Survey.objects.select_for_update() if LOCK_SURVEY_ROW else Survey.objects
    return rows.get(pk=survey.pk)


@transaction.atomic
def response_submit(
    *, survey: Survey, values: dict[int, object], code: str = "", nonce: str = ""
) -> Response | None:
    """Store one anonymous response, with nothing about the person and no time at all.
    ``values`` maps item pk to the cleaned value (unanswered items left out). A page's
    ``nonce`` is consumed with the response; a nonce used before stores nothing and
    returns None (the page was sent twice).

    The survey's row is locked and checked to be open under the lock: closing takes the
    same lock, so once a survey is closed no answer is still on its way in."""
    survey = _survey_for_update(survey)
    if not survey_is_open(survey):
        raise ValidationError(_("Diese Befragung ist nicht geöffnet."))
    pause_before_storing_an_answer()
    if nonce:
        try:
            with transaction.atomic():
                UsedNonce.objects.create(digest=nonce_digest(nonce), survey=survey)
        except IntegrityError:
            return None
    response = Response.objects.create(survey=survey, pair_hash=pair_hash(survey=survey, code=code))
    Answer.objects.bulk_create(
        Answer(response=response, item_id=item_pk, value=value)
        for item_pk, value in values.items()
        if value not in (None, "", [])
    )
    return response


@transaction.atomic
def survey_close(*, survey: Survey, actor) -> Survey:
    """Close a survey now (the office ending it early, or its end having passed). Taken
    under the lock that accepting an answer holds, so an answer being stored finishes
    first and none can follow; the results open a settling time later."""
    survey = _survey_for_update(survey)
    if survey.closed_at is not None:
        return survey
    now = timezone.now()
    survey.closed_at = now
    fields = ["closed_at"]
    if survey.opens_at < now < survey.closes_at:
        survey.closes_at = now
        fields.append("closes_at")
    survey.save(update_fields=fields)
    _rewrite_in_random_order(survey)
    if actor is not None:
        audit_record(actor=actor, action="evaluation.survey_close", obj=survey)
    return survey


@transaction.atomic
def survey_reschedule(*, survey: Survey, closes_at, actor) -> Survey:
    """Move the end of a survey that is still running: later to extend it, earlier to
    shorten it, never into the past. Taken under the lock that accepting an answer holds,
    so an answer is judged by one end or the other, never by a mix. A survey that has
    ended stays ended: its results may already be read, and reopening it would let new
    answers change them."""
    survey = _survey_for_update(survey)
    now = timezone.now()
    if survey.is_ended:
        message = _("Die Befragung ist beendet; ihr Zeitraum lässt sich nicht mehr ändern.")
        raise ValidationError({"closes_at": message})
    if closes_at <= now:
        raise ValidationError({"closes_at": _("Das neue Ende muss in der Zukunft liegen.")})
    if closes_at <= survey.opens_at:
        raise ValidationError({"closes_at": _("Das Ende muss nach dem Beginn liegen.")})
    old = survey.closes_at
    if closes_at == old:
        return survey
    survey.closes_at = closes_at
    survey.save(update_fields=["closes_at"])
    audit_record(
        actor=actor,
        action="evaluation.survey_reschedule",
        obj=survey,
        changes={"closes_at": [old.isoformat(), closes_at.isoformat()]},
    )
    return survey


def _rewrite_in_random_order(survey: Survey) -> None:
    """Write every response and answer of the survey again, one by one in random order,
    in the closing transaction. Until then each row carries the transaction that stored
    it (PostgreSQL's xmin) and sits where it was inserted, which tells the order of the
    answers and when each came in relative to anything else written at the time (say
    the respondent's own next action on the platform). Afterwards all rows carry the
    one closing transaction, and their new places follow the random order."""
    pks = list(Response.objects.filter(survey=survey).values_list("pk", flat=True))
    secrets.SystemRandom().shuffle(pks)
    for pk in pks:
        Response.objects.filter(pk=pk).update(pair_hash=F("pair_hash"))
        Answer.objects.filter(response_id=pk).update(value=F("value"))


def surveys_close_due(*, now=None) -> int:
    """Close every survey whose end has passed; each under its own lock, one at a time,
    so an answer still being stored for one survey holds up no other."""
    now = now or timezone.now()
    due = Survey.objects.filter(closed_at__isnull=True, closes_at__lte=now).order_by("pk")
    closed = 0
    for survey in due.only("pk"):
        survey_close(survey=survey, actor=None)
        closed += 1
    return closed
