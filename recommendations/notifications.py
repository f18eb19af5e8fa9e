"""The mails of consultation rounds, sent by sweeps that read the rounds.

Nobody calls these when a round is created or its answers are published: scheduled jobs
(``recommendations.jobs``) look for rounds that are due and mail them once. Each sweep
claims a round with a conditional UPDATE of its ``*_mail_sent_at`` field before it mails
anyone, inside the transaction that enqueues the mails, so two workers never mail the
same round twice and a failed sweep leaves the round for the next run.

- ``round_opened_mails``: when a round is open, everyone of its audience is invited.
- ``answers_published_mails``: when the office publishes its answers, everyone of the
  audience who wrote a comment or a reply gets the answers to their own comments.
- ``reply_digest_mails``: once a day, a person whose comment got new replies learns how
  many, and where to read them; the digest after a round's end still reports the
  replies of its last hours.

Muted people (``ConsultationMailSetting.muted_at``) get none of these. A mail never names
another participant: a round open to network members must not reveal membership.
"""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator

from accounts.models import User
from core.audit import audit_record
from core.mail import mail_enqueue
from core.models import localized
from recommendations.audience import audience_accounts
from recommendations.models import (
    Comment,
    ConsultationMailSetting,
    ConsultationRound,
    Document,
)

ROUND_OPENED = "recommendations/mail/round_opened"
ANSWERS_PUBLISHED = "recommendations/mail/answers_published"
REPLY_DIGEST = "recommendations/mail/reply_digest"

MUTE_SALT = "recommendations.consultation-mail-mute"
GUIDE_EXCERPT_CHARS = 600
# Recipients are read from the database in chunks of this size, so a large audience
# never sits in memory at once.
BATCH_SIZE = 500
# How far back the first digest of a person (who has none yet to start from) looks for
# rounds that have ended: the daily run before covered the time up to itself, and a second
# day leaves room for a run that came late or failed, without reporting old rounds.
FIRST_DIGEST_REACH = dt.timedelta(days=2)


# --- paths of the participation pages -------------------------------------------------------


def round_path(round: ConsultationRound) -> str:
    """The path of the round's page for participants."""
    return reverse("participation:round", kwargs={"round_pk": round.pk})


def synopsis_path(round: ConsultationRound) -> str:
    """The path of the round's published answers (the Synopse)."""
    return reverse("synopsis:page", kwargs={"round_pk": round.pk})


# --- muting ---------------------------------------------------------------------------------


def mute_token(user_id: int) -> str:
    """A token that lets the link in a mail mute that person's mails without logging in.

    It never expires (an old mail's link should still work) and can do nothing but mute.
    """
    return signing.Signer(salt=MUTE_SALT).sign_object({"u": user_id})


def mute_token_user(token: str) -> User | None:
    """The active person a mute token was made for; None for a forged or altered token."""
    try:
        data = signing.Signer(salt=MUTE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    if not isinstance(user_id, int):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def mute_url(user_id: int) -> str:
    return settings.SITE_URL + reverse("participation_mail:mute", args=[mute_token(user_id)])


def _mail_headers(url: str) -> dict[str, str]:
    # RFC 8058: the mail program may POST to the link to mute with one click.
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _setting_locked(user: User) -> ConsultationMailSetting:
    ConsultationMailSetting.objects.bulk_create(
        [ConsultationMailSetting(user=user)], ignore_conflicts=True
    )
    return ConsultationMailSetting.objects.select_for_update().get(user=user)


def mail_setting_of(*, user: User) -> ConsultationMailSetting:
    """The person's setting as it stands (unsaved and not muted if they never chose)."""
    return ConsultationMailSetting.objects.filter(user=user).first() or ConsultationMailSetting(
        user=user
    )


@transaction.atomic
def consultation_mails_mute(*, user: User, now: dt.datetime | None = None) -> bool:
    """Stop the person's mails of consultation rounds. Muting twice (a double click, a
    second mail's link) changes nothing; returns True only when it changed something."""
    setting = _setting_locked(user)
    if setting.muted_at is not None:
        return False
    setting.muted_at = now or timezone.now()
    setting.save(update_fields=["muted_at"])
    audit_record(actor=user, action="recommendations.consultation_mails_muted", obj=setting)
    return True


@transaction.atomic
def consultation_mails_unmute(*, user: User) -> bool:
    """Send the person's mails of consultation rounds again; True if it changed something."""
    setting = _setting_locked(user)
    if setting.muted_at is None:
        return False
    setting.muted_at = None
    setting.save(update_fields=["muted_at"])
    audit_record(actor=user, action="recommendations.consultation_mails_unmuted", obj=setting)
    return True


def _not_muted(people: QuerySet[User]) -> QuerySet[User]:
    return people.filter(
        Q(consultation_mail_setting__isnull=True)
        | Q(consultation_mail_setting__muted_at__isnull=True)
    )


def _recipients(round: ConsultationRound) -> QuerySet[User]:
    """The round's audience without those who muted the mails, in one query."""
    return _not_muted(audience_accounts(round)).order_by("pk")


# --- formatting -----------------------------------------------------------------------------


def _berlin(moment: dt.datetime) -> str:
    """A moment in German format in Europe/Berlin, for every language of the mails."""
    return timezone.localtime(moment).strftime("%d.%m.%Y, %H:%M")


def _document_title(document: Document, language: str) -> str:
    """The document's title in the recipient's language: the English one for English
    mails where the office wrote one, the German one otherwise."""
    with translation.override(language):
        return localized(document, "title")


def _claim(round_pk: int, field: str, now: dt.datetime) -> bool:
    """Mark the round's mail as sent; False if another sweep has claimed it already."""
    claimed = ConsultationRound.objects.filter(pk=round_pk, **{f"{field}__isnull": True}).update(
        **{field: now}
    )
    return claimed == 1


# --- the opening mail -----------------------------------------------------------------------


def round_opened_mails(now: dt.datetime | None = None) -> int:
    """Invite the audience of every round that is open and not yet mailed.

    A round that ended before any sweep saw it open gets no invitation. Returns the
    number of mails enqueued.
    """
    now = now or timezone.now()
    due = ConsultationRound.objects.filter(
        starts_at__lte=now, ends_at__gt=now, opened_mail_sent_at__isnull=True
    ).values_list("pk", flat=True)
    return sum(_round_opened_mail(round_pk=pk, now=now) for pk in list(due))


@transaction.atomic
def _round_opened_mail(*, round_pk: int, now: dt.datetime) -> int:
    if not _claim(round_pk, "opened_mail_sent_at", now):
        return 0
    round = ConsultationRound.objects.select_related("version__document").get(pk=round_pk)
    document = round.version.document
    common = {
        "title": round.title,
        "starts": _berlin(round.starts_at),
        "ends": _berlin(round.ends_at),
        "guide": Truncator(round.question_guide).chars(GUIDE_EXCERPT_CHARS),
        "path": round_path(round),
    }
    sent = 0
    people = _recipients(round).values_list("pk", "email", "full_name", "language")
    for pk, email, name, language in people.iterator(chunk_size=BATCH_SIZE):
        url = mute_url(pk)
        mail_enqueue(
            to=[email],
            template=ROUND_OPENED,
            context={
                **common,
                "document": _document_title(document, language),
                "name": name,
                "mute_url": url,
            },
            language=language,
            headers=_mail_headers(url),
        )
        sent += 1
    audit_record(
        actor=None,
        action="recommendations.round_opened_mailed",
        obj=round,
    )
    return sent


# --- the answers ----------------------------------------------------------------------------


def answers_published_mails(now: dt.datetime | None = None) -> int:
    """Tell the participants of every round whose answers are published and not yet
    mailed: each person of the audience who wrote a comment or a reply gets the office's
    answers to their own comments (status and reason) and the link to the Synopse.
    Returns the number of mails enqueued."""
    now = now or timezone.now()
    due = ConsultationRound.objects.filter(
        answers_published_at__isnull=False,
        answers_published_at__lte=now,
        answers_mail_sent_at__isnull=True,
    ).values_list("pk", flat=True)
    return sum(_answers_mail(round_pk=pk, now=now) for pk in list(due))


def _comment_item(comment: Comment) -> dict:
    """One own comment as the digest lists it, in the active language."""
    recommendation = comment.paragraph.recommendation
    return {
        "number": recommendation.number,
        "recommendation": recommendation.title,
        "paragraph": str(comment.paragraph.position),
        "kind": str(comment.get_kind_display()),
        "text": Truncator(comment.text).chars(300),
        "status": str(comment.get_answer_status_display()) if comment.answer_status else "",
        "reason": comment.answer_reason,
    }


@transaction.atomic
def _answers_mail(*, round_pk: int, now: dt.datetime) -> int:
    if not _claim(round_pk, "answers_mail_sent_at", now):
        return 0
    round = ConsultationRound.objects.select_related("version__document").get(pk=round_pk)
    comments = (
        Comment.objects.filter(round=round, parent__isnull=True, author__isnull=False)
        .select_related("paragraph__recommendation__chapter")
        # In the order of the text: a recommendation's position counts within its chapter.
        .order_by(
            "paragraph__recommendation__chapter__position",
            "paragraph__recommendation__position",
            "paragraph__position",
            "created_at",
        )
    )
    own = defaultdict(list)
    for comment in comments:
        own[comment.author_id].append(comment)
    writers = Comment.objects.filter(round=round, author__isnull=False).values("author_id")
    people = (
        _recipients(round)
        .filter(pk__in=writers)
        .values_list("pk", "email", "full_name", "language")
    )
    document = round.version.document
    common = {"title": round.title, "path": synopsis_path(round)}
    sent = 0
    for pk, email, name, language in people.iterator(chunk_size=BATCH_SIZE):
        with translation.override(language):
            items = [_comment_item(comment) for comment in own.get(pk, [])]
        url = mute_url(pk)
        mail_enqueue(
            to=[email],
            template=ANSWERS_PUBLISHED,
            context={
                **common,
                "document": _document_title(document, language),
                "name": name,
                "items": items,
                "mute_url": url,
            },
            language=language,
            headers=_mail_headers(url),
        )
        sent += 1
    audit_record(
        actor=None,
        action="recommendations.answers_mailed",
        obj=round,
    )
    return sent


# --- the daily digest of replies ------------------------------------------------------------


def reply_digest_mails(now: dt.datetime | None = None) -> int:
    """Once a day: tell each person whose comments got replies from others since their
    last digest how many, per round, with the link to the round.

    The digest runs in the morning, so the replies of a round's last day come after the
    last run while the round was open. A round therefore counts until the person's first
    digest after its end: it ended after their last digest (for someone never mailed,
    within ``FIRST_DIGEST_REACH``).

    The mail counts replies and never quotes or names their authors. A person's digest
    covers replies up to ``now``; the next one starts there. A person is mailed at most
    once per calendar day (Europe/Berlin). Returns the number of mails enqueued.
    """
    now = now or timezone.now()
    mailed_until = ConsultationMailSetting.objects.filter(
        user_id=OuterRef("parent__author_id")
    ).values("replies_mailed_until")[:1]
    new = (
        Comment.objects.filter(
            round__starts_at__lte=now,
            parent__isnull=False,
            parent__author__isnull=False,
            created_at__lte=now,
        )
        .exclude(author_id=F("parent__author_id"))
        .annotate(mailed_until=Subquery(mailed_until))
        .filter(Q(mailed_until__isnull=True) | Q(created_at__gt=F("mailed_until")))
        .filter(round__ends_at__gt=Coalesce(F("mailed_until"), Value(now - FIRST_DIGEST_REACH)))
        .values("parent__author_id", "round_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    per_person: dict[int, dict[int, int]] = defaultdict(dict)
    for row in new:
        per_person[row["parent__author_id"]][row["round_id"]] = row["count"]
    if not per_person:
        return 0
    return _reply_digest_send(per_person=per_person, now=now)


@transaction.atomic
def _reply_digest_send(*, per_person: dict[int, dict[int, int]], now: dt.datetime) -> int:
    ConsultationMailSetting.objects.bulk_create(
        [ConsultationMailSetting(user_id=user_id) for user_id in per_person],
        ignore_conflicts=True,
    )
    # The settings rows are locked, so a second sweep waits and then finds them mailed.
    rows = {
        row.user_id: row
        for row in ConsultationMailSetting.objects.select_for_update()
        .filter(user_id__in=per_person)
        .select_related("user")
        .order_by("pk")
    }
    rounds = ConsultationRound.objects.in_bulk(
        {round_id for counts in per_person.values() for round_id in counts}
    )
    # Only people who still belong to the round's audience: one query per round.
    admitted = {
        round_id: set(_recipients(round).filter(pk__in=per_person).values_list("pk", flat=True))
        for round_id, round in rounds.items()
    }
    today = timezone.localdate(now)
    sent = 0
    touched = []
    for user_id, row in sorted(rows.items()):
        if row.replies_mailed_until and timezone.localdate(row.replies_mailed_until) == today:
            continue  # mailed today already; the next digest picks these replies up
        items = [
            {"title": rounds[round_id].title, "count": count, "path": round_path(rounds[round_id])}
            for round_id, count in sorted(per_person[user_id].items())
            if user_id in admitted[round_id]
        ]
        row.replies_mailed_until = now
        touched.append(row)
        if not items:
            continue
        url = mute_url(user_id)
        mail_enqueue(
            to=[row.user.email],
            template=REPLY_DIGEST,
            context={"name": row.user.full_name, "items": items, "mute_url": url},
            language=row.user.language,
            headers=_mail_headers(url),
        )
        sent += 1
    ConsultationMailSetting.objects.bulk_update(touched, ["replies_mailed_until"])
    return sent


def consultation_mails_send(now: dt.datetime | None = None) -> int:
    """The opening and the answers mails that are due (the job every ten minutes)."""
    now = now or timezone.now()
    return round_opened_mails(now) + answers_published_mails(now)
