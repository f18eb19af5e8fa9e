"""The demo shows who speaks for a municipality: every application has its coordinator
account, and one claim waits in the office's queue."""

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from accounts.models import MunicipalityClaim, Role, User
from applications.demo import DEMO_CLAIM_MUNICIPALITY
from applications.models import Application
from municipalities.services import register_import


@pytest.fixture
def register(db):
    with open(django_settings.REGISTER_CSV, "rb") as source:
        register_import(source_name="demo", file=source)


def test_demo_gives_every_application_a_coordinator_and_one_pending_claim(register, capsys):
    call_command("load_demo")
    call_command("load_demo")
    call_command("demo_logins")

    with_applications = set(Application.objects.values_list("municipality_id", flat=True))
    coordinated = set(
        User.objects.filter(role=Role.COORDINATOR, municipality__isnull=False).values_list(
            "municipality_id", flat=True
        )
    )
    claim = MunicipalityClaim.objects.get()
    without_approved = [
        m
        for m in with_applications
        if not User.objects.filter(
            role=Role.COORDINATOR, municipality_id=m, municipality_approved_at__isnull=False
        ).exists()
    ]
    out = capsys.readouterr().out
    assert with_applications - coordinated == set()
    assert (claim.status, claim.municipality.key) == ("pending", DEMO_CLAIM_MUNICIPALITY)
    assert without_approved == [claim.municipality_id]
    assert claim.letter_name == "Beauftragung.pdf"
    assert f"nachfolge-{DEMO_CLAIM_MUNICIPALITY}@demo.kommunen-fuer-alle.example" in out
    assert "Anspruch wartet auf die Geschäftsstelle" in out
