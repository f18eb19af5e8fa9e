"""The office's circular to the coordinators of a cohort: approved coordinators only, and
a model municipality without one named "kein Empfänger" before sending and in the record."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import Circular
from tests import factories
from tests.programme_helpers import model_cohort, office_log_in

pytestmark = pytest.mark.django_db

TEXT = {"subject": "Netzwerktreffen im Mai", "body": "Bitte merken Sie sich den Termin vor."}


@pytest.fixture
def cohort():
    aachen = factories.MunicipalityFactory(name="Aachen")
    bonn = factories.MunicipalityFactory(name="Bonn")
    celle = factories.MunicipalityFactory(name="Celle")
    call = model_cohort([aachen, bonn, celle])
    factories.CoordinatorFactory(municipality=aachen, email="lead@aachen.de")
    factories.CoordinatorFactory(municipality=bonn, email="koordination@bonn.de")
    # Neither a pending nor a suspended coordinator nor a team member is written to.
    factories.CoordinatorFactory(
        municipality=aachen, email="pending@aachen.de", municipality_approved_at=None
    )
    factories.CoordinatorFactory(
        municipality=bonn, email="suspended@bonn.de", municipality_suspended_at=timezone.now()
    )
    factories.UserFactory(
        role=Role.TEAM_MEMBER,
        municipality=bonn,
        email="team@bonn.de",
        municipality_approved_at=timezone.now(),
    )
    return call


def url(call):
    return reverse("programme_office:cohort_circular", kwargs={"call_pk": call.pk})


def test_cohort_circular_preview_names_a_municipality_without_coordinator(client, cohort):
    office_log_in(client)

    response = client.post(url(cohort), TEXT)

    groups = response.context["groups"]
    assert [(group["name"], group["count"]) for group in groups] == [
        ("Aachen", 1),
        ("Bonn", 1),
        ("Celle", 0),
    ]
    html = response.content.decode()
    assert "An 2 Personen senden" in html
    assert "kein Empfänger" in html


def test_cohort_circular_reaches_each_approved_coordinator(
    client, cohort, django_capture_on_commit_callbacks
):
    office_log_in(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(cohort), {**TEXT, "senden": "1", "anzahl": "2"})

    circular = Circular.objects.get()
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == [
        "koordination@bonn.de",
        "lead@aachen.de",
    ]
    assert (circular.recipient_count, circular.unreached) == (2, ["Celle"])
    assert circular.audience == f"Koordinationen aller Modellkommunen: {cohort.title_de}"


def test_cohort_circular_record_shows_the_municipality_without_recipient(client, cohort):
    office_log_in(client)
    client.post(url(cohort), {**TEXT, "senden": "1", "anzahl": "2"})

    html = client.get(reverse("core:circulars")).content.decode()

    assert "Kein Empfänger" in html
    assert "Celle" in html
