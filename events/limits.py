"""Limits on registrations whose address is not yet confirmed.

Each such registration holds a place for a while and sends one mail to an address
nobody has confirmed, so they are counted per client and per address within a sliding
window (``EVENTS_LIMIT_WINDOW_MINUTES``). The registration rows themselves are the
record: one row per mail sent, kept (also when replaced) until it is deleted a day
later, so no second table repeats them. The client address is stored only as a keyed
hash, made as the account mails' throttle makes it, and blanked once the window has
passed; what stays is a coarse count (``client_burst``) for the office.
"""

import datetime as dt
import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.services.mail_throttle import throttle_hash
from events.models import Registration, Status


def window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.EVENTS_LIMIT_WINDOW_MINUTES)


def client_key(ip: str) -> str:
    """The keyed hash of a client address; '' when the server saw none. An IPv6 client
    counts by its /64 network: one connection is given a whole /64 and can pick any
    address in it."""
    if not ip:
        return ""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        value = ip
    else:
        mapped = address.ipv4_mapped if address.version == 6 else None
        if mapped is not None:
            value = str(mapped)
        elif address.version == 6:
            value = str(ipaddress.ip_network(f"{address}/64", strict=False))
        else:
            value = str(address)
    return throttle_hash(purpose="event-client", value=value)


def _recent(*, now: dt.datetime) -> QuerySet[Registration]:
    return Registration.objects.filter(created_at__gt=now - window())


def limits_check(*, email: str, client_hash: str, now: dt.datetime) -> None:
    """Refuse one more unconfirmed registration when the client or the address has had
    its share within the window. Two requests in the very same moment may both pass:
    the limit is a brake, not an exact count."""
    if (
        client_hash
        and _recent(now=now).filter(client_hash=client_hash).count()
        >= settings.EVENTS_LIMIT_PER_CLIENT
    ):
        raise ValidationError(
            _(
                "Von Ihrem Anschluss sind in der letzten Stunde schon zu viele Anmeldungen "
                "eingegangen. Bitte versuchen Sie es später noch einmal."
            ),
            code="limit_client",
        )
    unconfirmed = _recent(now=now).filter(
        email=email, status__in=[Status.AWAITING_EMAIL, Status.UNCONFIRMED]
    )
    if unconfirmed.count() >= settings.EVENTS_LIMIT_PER_ADDRESS:
        raise ValidationError(
            {
                "email": _(
                    "Für diese E-Mail-Adresse sind in der letzten Stunde schon zu viele "
                    "Anmeldungen eingegangen. Bitte bestätigen Sie zuerst die Anmeldung über "
                    "den Link in Ihrer E-Mail oder versuchen Sie es später noch einmal."
                )
            }
        )


def burst_record(*, registration: Registration, now: dt.datetime) -> None:
    """Mark every registration of the same client within the window with their number,
    the signal the office sees."""
    if not registration.client_hash:
        return
    same = _recent(now=now).filter(client_hash=registration.client_hash)
    same.update(client_burst=same.count())


def client_signals_blank(*, now: dt.datetime) -> int:
    """Drop client hashes older than the window; returns how many were dropped."""
    return (
        Registration.objects.filter(created_at__lte=now - window())
        .exclude(client_hash="")
        .update(client_hash="")
    )
