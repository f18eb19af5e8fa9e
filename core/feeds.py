"""Secret per-person calendar addresses: renew, revoke, and find the person by the
secret. Only a hash of the secret is kept (``core.models.FeedToken``), one per person
and purpose, so renewing makes the old address stop working. Each renewal and
revocation is audited; what a feed shows, and to whom, the app of the feed decides."""

import hashlib
import secrets

from django.db import transaction

from core.audit import audit_record
from core.models import FeedToken


def feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_token_renew(*, user, purpose: str) -> str:
    """A new secret address of ``purpose`` for ``user``; returns the secret, which is
    never stored."""
    token = secrets.token_urlsafe(32)
    feed, created = FeedToken.objects.select_for_update().get_or_create(
        user=user, purpose=purpose, defaults={"token_hash": feed_token_hash(token)}
    )
    if not created:
        feed.token_hash = feed_token_hash(token)
        feed.save(update_fields=["token_hash"])
    audit_record(
        actor=user,
        action="core.feed_token_created" if created else "core.feed_token_renewed",
        obj=feed,
    )
    return token


@transaction.atomic
def feed_token_revoke(*, user, purpose: str) -> bool:
    """Stop ``user``'s address of ``purpose``; False if there was none."""
    feed = FeedToken.objects.filter(user=user, purpose=purpose).first()
    if feed is None:
        return False
    audit_record(actor=user, action="core.feed_token_revoked", obj=feed)
    feed.delete()
    return True


def feed_token_exists(*, user, purpose: str) -> bool:
    return FeedToken.objects.filter(user=user, purpose=purpose).exists()


def feed_token_user(*, purpose: str, token: str):
    """The active person whose address of ``purpose`` this secret is, or None."""
    feed = (
        FeedToken.objects.select_related("user")
        .filter(purpose=purpose, token_hash=feed_token_hash(token))
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    return feed.user
