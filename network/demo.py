"""Demo data of the network: a network coordinator, members in two model municipalities
(six in the first, so its count shows as "5 bis 9"; three in the second, so it reads
"weniger als 5"), this month's published counts,
announcements, a shared PDF and a national workshop with sign-ups. Running it again
changes nothing."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_account_once
from accounts.models import Role, User
from calls.models import Call
from calls.pdf import render_pdf
from core.choices import ActivityStatus
from network.consent import CONSENT_VERSION
from network.models import (
    Announcement,
    Membership,
    NetworkCoordinator,
    SharedDocument,
    Workshop,
    WorkshopFormat,
    WorkshopSignup,
)
from network.services import counts_publish

NETWORK_COORDINATOR_EMAIL = f"netzwerk@{DEMO_DOMAIN}"
MEMBER_EMAIL = "demo-netzwerk-{n}@" + DEMO_DOMAIN
FIRST_MEMBERS = 6
SECOND_MEMBERS = 3
DEPARTMENTS = ["Bürgeramt", "Jugendamt", "Personalamt", "Ordnungsamt", "", "Sozialamt"]
ANNOUNCEMENTS = [
    (
        "Willkommen im Netzwerk",
        "Schön, dass Sie dabei sind. Hier finden Sie Neuigkeiten, Termine und Unterlagen "
        "des Netzwerks. Die Mitgliederliste sehen nur Mitglieder.",
    ),
    (
        "Auftakt des Netzwerks am 18. und 19. November",
        "Zum Auftakt treffen wir uns zwei Tage lang. Die Einladung mit dem Programm liegt "
        "unter den Dokumenten.",
    ),
]
DOCUMENT_TITLE = "Leitfaden für das Netzwerk"
WORKSHOP_TITLE = "Empowerment-Workshop: Eigene Stärken in der Verwaltung"


def _user(email: str, name: str, municipality, now) -> User:
    return demo_account_once(
        email=email,
        full_name=name,
        role=Role.TEAM_MEMBER,
        municipality=municipality,
        password=DEMO_PASSWORD,
        now=now,
    )


def _member(user: User, department: str, now) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        user=user,
        defaults={
            "municipality_id": user.municipality_id,
            "full_name": user.full_name,
            "email": user.email,
            "department": department,
            "consent_version": CONSENT_VERSION,
            "consented_at": now,
        },
    )
    return membership


def ensure_demo_network(*, call: Call, municipalities: list) -> None:
    """Needs two model municipalities of ``call`` (the first gets six members, the second
    three)."""
    now = timezone.now()
    first, second = municipalities[0], municipalities[1]
    with transaction.atomic():
        coordinator = _user(NETWORK_COORDINATOR_EMAIL, "Netzwerkkoordination Demo", first, now)
        NetworkCoordinator.objects.get_or_create(user=coordinator)
        members = []
        for n in range(1, FIRST_MEMBERS + SECOND_MEMBERS + 1):
            municipality = first if n <= FIRST_MEMBERS else second
            user = _user(MEMBER_EMAIL.format(n=n), f"Netzwerkmitglied {n}", municipality, now)
            members.append(_member(user, DEPARTMENTS[(n - 1) % len(DEPARTMENTS)], now))
        for title, body in ANNOUNCEMENTS:
            Announcement.objects.get_or_create(
                title=title, defaults={"body": body, "author": coordinator}
            )
        if not SharedDocument.objects.filter(title=DOCUMENT_TITLE).exists():
            pdf = render_pdf("network/pdf/demo_document.html", {"title": DOCUMENT_TITLE})
            document = SharedDocument(
                title=DOCUMENT_TITLE, file_name="leitfaden-netzwerk.pdf", uploaded_by=coordinator
            )
            document.file.save("leitfaden-netzwerk.pdf", ContentFile(pdf), save=False)
            document.save()
        workshop, _created = Workshop.objects.get_or_create(
            call=call,
            municipality=None,
            title=WORKSHOP_TITLE,
            defaults={
                "format": WorkshopFormat.EMPOWERMENT,
                "description": "Ein Tag für Mitglieder aus allen Modellkommunen.",
                "starts_at": now + dt.timedelta(days=30),
                "online": True,
                "capacity": 20,
                "status": ActivityStatus.PLANNED,
                "created_by": coordinator,
            },
        )
        for membership in (members[0], members[1], members[FIRST_MEMBERS]):
            WorkshopSignup.objects.get_or_create(workshop=workshop, membership=membership)
    # This month's counts, as the monthly command would publish them.
    counts_publish(call=call)
