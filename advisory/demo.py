"""Demo advisory boards: a plausible board with five members per model municipality, and
optionally the demo board member's account. Running it again changes nothing."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from accounts.models import Role, User
from advisory.models import Board, BoardBasis, BoardMember
from calls.models import Call
from municipalities.models import Municipality

# (name, organisation, function); "{name}" is the municipality's name.
DEMO_MEMBERS = [
    (
        "Aylin Demir",
        "Migrantenorganisation Brückenschlag e. V.",
        "Vorsitzende des Fachbeirats",
    ),
    ("Jonas Okafor", "Integrationsrat {name}", "Vorsitzender des Integrationsrats"),
    (
        "Dr. Miriam Haddad",
        "Antidiskriminierungsstelle {name}",
        "Beraterin für Betroffene von Diskriminierung",
    ),
    (
        "Tomasz Nowak",
        "Migrantenorganisation Polnischer Kulturverein {name} e. V.",
        "Vorstandsmitglied",
    ),
    (
        "Prof. Dr. Sabine Krüger",
        "Hochschule, Institut für Diversitätsforschung",
        "Wissenschaftliche Begleitung",
    ),
]

# The first member stands for the demo account of the role "Mitglied des Fachbeirats".
ACCOUNT_MEMBER = 0


def _basis_for(municipality: Municipality) -> tuple[str, str, str]:
    """A varied but stable basis per municipality: (basis, board name, existing body)."""
    name = municipality.name
    variants = [
        (BoardBasis.NEW, f"Fachbeirat „Kommunen für alle?“ {name}", ""),
        (
            BoardBasis.ROUND_TABLE,
            f"Runder Tisch gegen Rassismus {name}",
            f"Runder Tisch gegen Rassismus und Diskriminierung {name}",
        ),
        (
            BoardBasis.WORKING_GROUP,
            f"AG Vielfalt in der Verwaltung {name}",
            f"Arbeitsgruppe Interkulturelle Öffnung der Stadtverwaltung {name}",
        ),
    ]
    return variants[municipality.pk % len(variants)]


def ensure_demo_board(
    *, call: Call, municipality: Municipality, with_account: bool = False
) -> Board:
    """The municipality's demo board with five members; with ``with_account``, the demo
    board member's account (see ``accounts.demo``) belongs to this municipality and is
    linked to the board's chair."""
    basis, name, existing_body = _basis_for(municipality)
    with transaction.atomic():
        board, _created = Board.objects.get_or_create(
            call=call,
            municipality=municipality,
            defaults={
                "name": name,
                "basis": basis,
                "existing_body": existing_body,
                "constituted_on": call.programme_start + dt.timedelta(days=45),
            },
        )
        members = []
        for full_name, organisation, function in DEMO_MEMBERS:
            member, _created = BoardMember.objects.get_or_create(
                board=board,
                full_name=full_name,
                organisation=organisation.format(name=municipality.name),
                defaults={"function": function},
            )
            members.append(member)
        if with_account:
            user = _demo_account(municipality=municipality)
            member = members[ACCOUNT_MEMBER]
            if member.user_id != user.pk:
                member.user = user
                member.save(update_fields=["user"])
    return board


def _demo_account(*, municipality: Municipality) -> User:
    """The published demo account of a board member, reset to its known password."""
    email, full_name = DEMO_ACCOUNTS[Role.ADVISORY]
    now = timezone.now()
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    user.role = Role.ADVISORY
    if user.municipality_id != municipality.pk or user.municipality_approved_at is None:
        user.municipality = municipality
        user.municipality_approved_at = now
    user.email_confirmed_at = user.email_confirmed_at or now
    user.privacy_accepted_at = user.privacy_accepted_at or now
    user.is_active = True
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
    user.save()
    return user
