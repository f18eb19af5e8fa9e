"""Throttling of failed log-ins and wrong second-factor codes.

A failure counts against the pair of account and client (the client's IP address), so
a stranger who guesses wrong locks out only himself, never the person who knows the
password – the programme office must not be locked out by anyone who types its address.
Two limits within the sliding window of ``LOGIN_FAILURE_WINDOW_MINUTES``:

- ``LOGIN_FAILURE_LIMIT`` failures of one client against one account lock that client
  out of that account for the rest of the window;
- ``LOGIN_ACCOUNT_FAILURE_LIMIT`` failures against one account from all clients
  together lock out every client not known to the account: guessing spread over many
  addresses stays slow, while the browser in which the person completed a log-in
  before (it carries a signed known-client mark) still gets in.

Failures are rows in the database (``FailedLogin``), so every app server agrees.
Account and IP address are stored only as keyed hashes (HMAC-SHA256 with a key derived
from ``SECRET_KEY``), and rows are deleted once they leave the window.
"""

import datetime as dt
import ipaddress

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accounts.models import FailedLogin, User
from accounts.services.common import email_normalise
from core.audit import audit_record

KNOWN_CLIENT_SALT = "accounts.known-client"
KNOWN_CLIENT_MAX_AGE = dt.timedelta(days=180)
# Accounts remembered per browser: enough for a shared office computer.
KNOWN_CLIENT_ACCOUNTS = 5


def throttle_hash(*, purpose: str, value: str) -> str:
    """HMAC-SHA256 of ``value``; ``purpose`` keeps the hashes of accounts and of IPs apart."""
    return salted_hmac(f"accounts.login-throttle.{purpose}", value, algorithm="sha256").hexdigest()


def client_hash(client: str) -> str:
    """The keyed hash of a client's address. IPv6 counts by its /64 network: one
    connection usually holds a whole /64, and every address in it is the same client."""
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return throttle_hash(purpose="client", value=client)
    if address.version == 6 and address.ipv4_mapped is None:
        client = str(ipaddress.ip_network(f"{address}/64", strict=False))
    elif address.version == 6:
        client = str(address.ipv4_mapped)
    return throttle_hash(purpose="client", value=client)


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def _lock_end(failures: QuerySet, limit: int) -> dt.datetime | None:
    """When the ``limit``-th most recent of ``failures`` leaves the window, if there is one."""
    times = list(
        failures.order_by("-created_at").values_list("created_at", flat=True)[limit - 1 : limit]
    )
    return times[0] + _window() if times else None


def failures_locked_until(*, key: str, client: str, known_client: bool) -> dt.datetime | None:
    """When the lock of ``client`` for the account ``key`` ends, or None if it may try."""
    recent = FailedLogin.objects.filter(
        account_hash=throttle_hash(purpose="account", value=key),
        created_at__gte=timezone.now() - _window(),
    )
    ends = [
        _lock_end(
            recent.filter(client_hash=client_hash(client)),
            settings.LOGIN_FAILURE_LIMIT,
        )
    ]
    if not known_client:
        ends.append(_lock_end(recent, settings.LOGIN_ACCOUNT_FAILURE_LIMIT))
    ends = [end for end in ends if end is not None]
    return max(ends) if ends else None


def failure_record(
    *, key: str, client: str, known_client: bool, user: User | None
) -> dt.datetime | None:
    """Count one failure of ``client`` for ``key``; returns the lock's end if the client
    is locked now."""
    with transaction.atomic():
        # Rows that left the window count for nothing; dropping them here keeps the
        # table small under a long guessing attack without a periodic job.
        FailedLogin.objects.filter(created_at__lt=timezone.now() - _window()).delete()
        FailedLogin.objects.create(
            account_hash=throttle_hash(purpose="account", value=key),
            client_hash=client_hash(client),
        )
        locked_until = failures_locked_until(key=key, client=client, known_client=known_client)
        if locked_until is not None and user is not None:
            audit_record(
                actor=None,
                action="account.locked",
                obj=user,
                changes={
                    "locked_until": [None, locked_until.isoformat()],
                    "factor": "second_factor" if key.startswith("otp:") else "password",
                },
            )
    return locked_until


def failed_logins_prune() -> int:
    """Delete failures older than the window (for a periodic job); returns the count."""
    deleted, _details = FailedLogin.objects.filter(
        created_at__lt=timezone.now() - _window()
    ).delete()
    return deleted


def failures_clear(*, key: str, client: str | None) -> None:
    """Forget the failures for ``key`` of ``client``, or of every client when None."""
    failures = FailedLogin.objects.filter(account_hash=throttle_hash(purpose="account", value=key))
    if client is not None:
        failures = failures.filter(client_hash=client_hash(client))
    failures.delete()


def lock_message(locked_until: dt.datetime) -> str:
    """The German sentence that tells a locked-out person when to try again."""
    local = timezone.localtime(locked_until)
    return _(
        "Zu viele fehlgeschlagene Versuche. Aus Sicherheitsgründen ist die Anmeldung "
        "bis %(time)s Uhr gesperrt. Bitte versuchen Sie es danach erneut."
    ) % {"time": formats.time_format(local, "H:i")}


def login_is_locked(*, email: str, client: str, known_client: bool) -> dt.datetime | None:
    return failures_locked_until(
        key=email_normalise(email), client=client, known_client=known_client
    )


def login_failure_record(*, email: str, client: str, known_client: bool) -> dt.datetime | None:
    email = email_normalise(email)
    return failure_record(
        key=email,
        client=client,
        known_client=known_client,
        user=User.objects.filter(email=email).first(),
    )


def login_failures_clear(*, email: str, client: str | None) -> None:
    """After a log-in, the client's failures are forgotten (``client``); after a new
    password, those of every client (None)."""
    failures_clear(key=email_normalise(email), client=client)


def known_client_mark(*, email: str, mark: str) -> str:
    """The known-client mark of a browser that just completed a log-in for ``email``,
    extending the browser's current ``mark`` (only the newest few accounts are kept)."""
    account = throttle_hash(purpose="account", value=email_normalise(email))
    accounts = [a for a in known_client_accounts(mark=mark) if a != account]
    accounts = [account, *accounts][:KNOWN_CLIENT_ACCOUNTS]
    return signing.dumps(accounts, salt=KNOWN_CLIENT_SALT, compress=True)


def known_client_accounts(*, mark: str) -> list[str]:
    """The account hashes in a browser's mark (none if missing, forged or too old)."""
    if not mark:
        return []
    try:
        accounts = signing.loads(mark, salt=KNOWN_CLIENT_SALT, max_age=KNOWN_CLIENT_MAX_AGE)
    except signing.BadSignature:
        return []
    return [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []


def client_is_known(*, email: str, mark: str) -> bool:
    """Whether the browser with ``mark`` completed a log-in for ``email`` before."""
    account = throttle_hash(purpose="account", value=email_normalise(email))
    return account in known_client_accounts(mark=mark)
