"""Demo accounts, one per role, with credentials that are public on purpose.

The office and reviewer accounts need a second factor; their TOTP keys and recovery
codes are derived from fixed strings so that the demo log-in can be completed (see
``manage.py demo_logins``). Never load this into a production database.
"""

import hashlib

from django.db import transaction
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import MUNICIPAL_ROLES, SECOND_FACTOR_ROLES, Role, User
from accounts.second_factor import RECOVERY_CODE_COUNT, TOTP_DEVICE_NAME, recovery_codes_replace
from municipalities.models import Municipality

DEMO_PASSWORD = "Demo-Passwort-2025!"  # noqa: S105 -- published demo credential
DEMO_DOMAIN = "demo.kommunen-fuer-alle.example"
DEMO_ACCOUNTS = {
    Role.OFFICE: ("buero@kommunen-fuer-alle.example", "Büro Demo"),
    Role.REVIEWER: (f"gutachten@{DEMO_DOMAIN}", "Gutachterin Demo"),
    Role.COORDINATOR: (f"koordination@{DEMO_DOMAIN}", "Koordination Demo"),
    Role.TEAM_MEMBER: (f"team@{DEMO_DOMAIN}", "Teammitglied Demo"),
    Role.ADVISORY: (f"fachbeirat@{DEMO_DOMAIN}", "Fachbeirat Demo"),
    Role.TRAINER: (f"training@{DEMO_DOMAIN}", "Trainerin Demo"),
    Role.HR: (f"personal@{DEMO_DOMAIN}", "Personalverwaltung Demo"),
}


def demo_totp_key(email: str) -> str:
    """A fixed 20-byte key (hex) per demo address."""
    return hashlib.sha256(f"kommunen-fuer-alle-demo-totp:{email}".encode()).hexdigest()[:40]


def demo_recovery_codes(role: str) -> list[str]:
    prefix = {Role.OFFICE: "buero", Role.REVIEWER: "gutachten"}.get(role, str(role)[:8])
    return [f"{prefix}demo{n:02d}" for n in range(1, RECOVERY_CODE_COUNT + 1)]


def demo_totp_code(user: User) -> str:
    """The code the demo user's app would show right now."""
    device = TOTPDevice.objects.get(user=user, confirmed=True, name=TOTP_DEVICE_NAME)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def demo_account_once(
    *, email: str, full_name: str, role: str, municipality: Municipality, password: str, now
) -> User:
    """A demo account approved for ``municipality``, made with ``password`` on first use
    and left as it is when it exists already (a demo that changed it keeps the change)."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "role": role,
            "municipality": municipality,
            "municipality_approved_at": now,
            "email_confirmed_at": now,
            "privacy_accepted_at": now,
            "language": "de",
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def ensure_demo_users(*, municipality_for_coordinator: Municipality) -> dict:
    """Create or reset one demo account per role; returns {role: (email, password)}.

    Running it again restores the known password, the TOTP key and all ten recovery
    codes, so a demo that used some of them starts fresh.
    """
    now = timezone.now()
    logins = {}
    with transaction.atomic():
        for role, (email, name) in DEMO_ACCOUNTS.items():
            municipal = role in MUNICIPAL_ROLES
            user, _created = User.objects.get_or_create(email=email)
            user.full_name = name
            user.role = role
            user.municipality = municipality_for_coordinator if municipal else None
            user.municipality_approved_at = now if municipal else None
            user.email_confirmed_at = user.email_confirmed_at or now
            user.privacy_accepted_at = user.privacy_accepted_at or now
            user.language = "de"
            user.is_active = True
            user.set_password(DEMO_PASSWORD)
            user.save()
            if role in SECOND_FACTOR_ROLES:
                TOTPDevice.objects.filter(user=user).exclude(name=TOTP_DEVICE_NAME).delete()
                TOTPDevice.objects.update_or_create(
                    user=user,
                    name=TOTP_DEVICE_NAME,
                    defaults={
                        "key": demo_totp_key(email),
                        "confirmed": True,
                        "last_t": -1,
                        "drift": 0,
                        "throttling_failure_count": 0,
                        "throttling_failure_timestamp": None,
                    },
                )
                recovery_codes_replace(user=user, tokens=demo_recovery_codes(role))
            logins[role] = (email, DEMO_PASSWORD)
    return logins
