"""The second factor: an authenticator app (TOTP) plus ten single-use recovery codes.

Wrong codes are counted like failed log-ins (key ``otp:<user id>``, per client), so
guessing is throttled across all app servers without letting one client lock out
another; django-otp's own per-device back-off stays on top.
"""

import math
import re
from base64 import b32encode

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.services import (
    failure_record,
    failures_clear,
    failures_locked_until,
    lock_message,
)
from core.audit import audit_record

TOTP_DEVICE_NAME = "Authenticator-App"
RECOVERY_DEVICE_NAME = "Wiederherstellungscodes"
RECOVERY_CODE_COUNT = 10
TOTP_CODE = re.compile(r"^\d{6}$")


def otp_failure_key(*, user: User) -> str:
    return f"otp:{user.pk}"


def code_normalise(code: str) -> str:
    """Accept codes as people type them: with spaces, hyphens or capitals."""
    return re.sub(r"[\s-]", "", code or "").lower()


def recovery_code_display(token: str) -> str:
    """Random codes are shown in two groups of four, easier to copy by hand."""
    if len(token) == 8:
        return f"{token[:4]}-{token[4:]}"
    return token


def totp_secret_display(device: TOTPDevice) -> str:
    """The key in Base32 (what apps expect for manual entry), in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(*, device: TOTPDevice, title: str) -> str:
    """The set-up QR code as inline SVG markup: no style attributes, so the CSP holds."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title=title, svgclass="otp-qr"
    )
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)


def _wrong_code(*, user: User, client: str, known_client: bool) -> ValidationError:
    locked_until = failure_record(
        key=otp_failure_key(user=user), client=client, known_client=known_client, user=user
    )
    if locked_until is not None:
        return ValidationError(lock_message(locked_until), code="locked")
    return ValidationError(
        _("Der Code stimmt nicht. Bitte geben Sie den aktuellen Code aus Ihrer App ein."),
        code="wrong",
    )


def _check_not_locked(*, user: User, client: str, known_client: bool) -> None:
    locked_until = failures_locked_until(
        key=otp_failure_key(user=user), client=client, known_client=known_client
    )
    if locked_until is not None:
        raise ValidationError(lock_message(locked_until), code="locked")


def _verify(device: Device | None, code: str) -> tuple[str, int]:
    """('ok' | 'wrong', 0), or ('wait', seconds) while django-otp's back-off refuses to
    check yet. The back-off stays: it slows guessing on top of the failure count."""
    if device is None:
        return "wrong", 0
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return "wait", _seconds_until(details.get("locked_until"))
    return ("ok" if device.verify_token(code) else "wrong"), 0


def _seconds_until(moment) -> int:
    """Whole seconds left until ``moment``, rounded up so the person never waits too
    little; at least one."""
    if moment is None:
        return 1
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))


def wait_message(seconds: int) -> str:
    return ngettext(
        "Bitte warten Sie noch %(seconds)d Sekunde und geben Sie dann den aktuellen Code ein.",
        "Bitte warten Sie noch %(seconds)d Sekunden und geben Sie dann den aktuellen Code ein.",
        seconds,
    ) % {"seconds": seconds}


def _raise_for(outcome: tuple[str, int], *, user: User, client: str, known_client: bool) -> None:
    result, wait_seconds = outcome
    if result == "wait":
        raise ValidationError(wait_message(wait_seconds), code="wait")
    if result == "wrong":
        raise _wrong_code(user=user, client=client, known_client=known_client)


def recovery_codes_replace(*, user: User, tokens: list[str] | None = None) -> list[str]:
    """Replace the person's recovery codes with new ones (or the given ones)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    tokens = tokens or [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=t) for t in tokens])
    return tokens


def recovery_codes_regenerate(*, user: User) -> list[str]:
    with transaction.atomic():
        tokens = recovery_codes_replace(user=user)
        audit_record(actor=user, action="account.recovery_codes_regenerated", obj=user)
    return tokens


def totp_setup_device(*, user: User) -> TOTPDevice:
    """The not yet confirmed device whose key the set-up page shows (made on first use)."""
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False, name=TOTP_DEVICE_NAME)
        .order_by("-pk")
        .first()
    )
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def totp_setup_confirm(
    *, user: User, code: str, client: str, known_client: bool
) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app with its first code; it replaces any earlier app and comes with
    fresh recovery codes. Raises ValidationError for a wrong code. ``client`` and
    ``known_client`` as for the log-in throttle."""
    _check_not_locked(user=user, client=client, known_client=known_client)
    code = code_normalise(code)
    if not TOTP_CODE.match(code):
        raise _wrong_code(user=user, client=client, known_client=known_client)
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False, name=TOTP_DEVICE_NAME)
            .order_by("-pk")
            .first()
        )
        outcome = _verify(device, code)
        if outcome[0] == "ok":
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            tokens = recovery_codes_replace(user=user)
            audit_record(actor=user, action="account.second_factor_set_up", obj=user)
    _raise_for(outcome, user=user, client=client, known_client=known_client)
    failures_clear(key=otp_failure_key(user=user), client=client)
    return device, tokens


def second_factor_verify(*, user: User, code: str, client: str, known_client: bool) -> Device:
    """The device that accepts ``code``: a 6-digit app code or a recovery code (which
    is used up). Raises ValidationError with the message for the person otherwise.
    ``client`` and ``known_client`` as for the log-in throttle."""
    _check_not_locked(user=user, client=client, known_client=known_client)
    code = code_normalise(code)
    model = TOTPDevice if TOTP_CODE.match(code) else StaticDevice
    with transaction.atomic():
        device = (
            model.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("pk")
            .first()
        )
        outcome = _verify(device, code) if code else ("wrong", 0)
    _raise_for(outcome, user=user, client=client, known_client=known_client)
    failures_clear(key=otp_failure_key(user=user), client=client)
    return device
