"""Throttling of failed log-ins and wrong second-factor codes.

Failures are rows in the database (``FailedLogin``), so every app server agrees."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import FailedLogin, User
from accounts.services.common import email_normalise
from core.audit import audit_record


def failures_locked_until(*, key: str) -> dt.datetime | None:
    """When the lock for ``key`` ends, or None if it is not locked.

    Locked while ``LOGIN_FAILURE_LIMIT`` failures lie inside the sliding window; the
    lock ends when the oldest of the most recent ones leaves the window.
    """
    limit = settings.LOGIN_FAILURE_LIMIT
    window = dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    times = list(
        FailedLogin.objects.filter(email=key, created_at__gte=timezone.now() - window)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[limit - 1 : limit]
    )
    return times[0] + window if times else None


def failure_record(*, key: str, user: User | None) -> dt.datetime | None:
    """Count one failure for ``key``; returns the lock's end if this failure locks it."""
    window = dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    with transaction.atomic():
        # Rows that left the window count for nothing; dropping them here keeps the
        # table small under a long guessing attack.
        FailedLogin.objects.filter(email=key, created_at__lt=timezone.now() - window).delete()
        FailedLogin.objects.create(email=key)
        locked_until = failures_locked_until(key=key)
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
    window = dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    deleted, _details = FailedLogin.objects.filter(created_at__lt=timezone.now() - window).delete()
    return deleted


def failures_clear(*, key: str) -> None:
    FailedLogin.objects.filter(email=key).delete()


def lock_message(locked_until: dt.datetime) -> str:
    """The German sentence that tells a locked-out person when to try again."""
    local = timezone.localtime(locked_until)
    return _(
        "Zu viele fehlgeschlagene Versuche. Aus Sicherheitsgründen ist die Anmeldung "
        "bis %(time)s Uhr gesperrt. Bitte versuchen Sie es danach erneut."
    ) % {"time": formats.time_format(local, "H:i")}


def login_is_locked(*, email: str) -> dt.datetime | None:
    return failures_locked_until(key=email_normalise(email))


def login_failure_record(*, email: str) -> dt.datetime | None:
    email = email_normalise(email)
    return failure_record(key=email, user=User.objects.filter(email=email).first())


def login_failures_clear(*, email: str) -> None:
    failures_clear(key=email_normalise(email))
