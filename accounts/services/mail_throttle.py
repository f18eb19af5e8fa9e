"""Throttling of the mails anyone can make us send without logging in: password reset,
registration (including the note to an address that already has an account) and
resending the confirmation link.

Without a limit, the public forms would let a stranger flood someone's mailbox and
spoil the reputation of our mail server. Sent mails are rows in the database
(``MailThrottle``), so every app server agrees. Address and client IP are stored only
as keyed hashes: an IPv4 address space is small enough to try every value against a
plain SHA-256, but not without the key, which is derived from ``SECRET_KEY``.
"""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import MailKind, MailThrottle
from accounts.services.common import email_normalise

logger = logging.getLogger(__name__)

MAIL_LIMIT_PER_ADDRESS = 3  # per kind of mail
MAIL_LIMIT_PER_IP = 20  # all kinds together
MAIL_THROTTLE_WINDOW = dt.timedelta(hours=1)


def throttle_hash(*, purpose: str, value: str) -> str:
    """HMAC-SHA256 of ``value`` with a pepper derived from ``SECRET_KEY``; ``purpose``
    keeps the hashes of addresses and of IPs apart."""
    return salted_hmac(f"accounts.mail-throttle.{purpose}", value, algorithm="sha256").hexdigest()


def mail_allowed(*, kind: MailKind | str, email: str, ip: str) -> bool:
    """Whether one more mail of ``kind`` to ``email``, asked for from the client ``ip``,
    may go out. A True counts the mail at once, so call this only right before sending.

    At most ``MAIL_LIMIT_PER_ADDRESS`` mails per address and kind and
    ``MAIL_LIMIT_PER_IP`` mails per client within the sliding ``MAIL_THROTTLE_WINDOW``.
    A held-back mail is logged without address or IP; the caller answers with the same
    page as always, so nobody learns from it whether an account exists. Two requests
    in the very same moment may both pass: the limit is a brake, not an exact count.
    """
    kind = MailKind(kind)
    email_hash = throttle_hash(purpose="email", value=email_normalise(email))
    ip_hash = throttle_hash(purpose="ip", value=ip or "")
    now = timezone.now()
    since = now - MAIL_THROTTLE_WINDOW
    with transaction.atomic():
        # Rows that left the window count for nothing; dropping them here keeps the
        # table small without a periodic job.
        MailThrottle.objects.filter(created_at__lt=since).delete()
        recent = MailThrottle.objects.filter(created_at__gte=since)
        if recent.filter(email_hash=email_hash, kind=kind).count() >= MAIL_LIMIT_PER_ADDRESS:
            limit = "address"
        elif recent.filter(ip_hash=ip_hash).count() >= MAIL_LIMIT_PER_IP:
            limit = "ip"
        else:
            MailThrottle.objects.create(
                kind=kind, email_hash=email_hash, ip_hash=ip_hash, created_at=now
            )
            return True
    logger.warning("mail held back by throttle: kind=%s limit=%s", kind.value, limit)
    return False
