"""The office's reminder to municipalities with commitments at risk: preselected, each
municipality's coordinators get only their own commitments at risk."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import Circular
from programme.models import Status
from progress.status import programme_progress
from tests import factories
from tests.programme_helpers import model_cohort, office_log_in, session

pytestmark = pytest.mark.django_db

TEXT = {"subject": "Erinnerung", "body": "Bitte planen Sie die fehlenden Termine."}


@pytest.fixture
def cohort():
    """Aachen has held its training sessions, Bonn has not; the first programme year
    ends in a month."""
    today = timezone.localdate()
    start = today - dt.timedelta(days=300)
    end = today + dt.timedelta(days=30)
    periods = [
        (start, end),
        (end + dt.timedelta(days=1), end + dt.timedelta(days=366)),
        (end + dt.timedelta(days=367), end + dt.timedelta(days=731)),
    ]
    aachen = factories.MunicipalityFactory(name="Aachen")
    bonn = factories.MunicipalityFactory(name="Bonn")
    call = model_cohort([aachen, bonn], periods=periods)
    for days_ago in (30, 60):
        session(call, aachen, timezone.now() - dt.timedelta(days=days_ago))
    return {
        "call": call,
        "aachen": aachen,
        "bonn": bonn,
        "aachen_coordinator": factories.CoordinatorFactory(
            municipality=aachen, email="k@aachen.de"
        ),
        "bonn_coordinator": factories.CoordinatorFactory(municipality=bonn, email="k@bonn.de"),
    }


def at_risk_titles(call, municipality) -> list[str]:
    progress = programme_progress(call=call, municipality_ids=[municipality.pk])
    return [
        cell.commitment.title
        for cell in progress.row(municipality.pk, progress.years[0])
        if cell.status == Status.AT_RISK
    ]


def url(call):
    return reverse("programme_office:at_risk_circular", kwargs={"call_pk": call.pk})


def test_at_risk_circular_preselects_the_municipalities_at_risk(client, cohort):
    office_log_in(client)

    response = client.get(url(cohort["call"]))

    field = response.context["form"]["municipalities"]
    assert field.field.choices == [(cohort["aachen"].pk, "Aachen"), (cohort["bonn"].pk, "Bonn")]
    assert field.value() == [cohort["aachen"].pk, cohort["bonn"].pk]


def test_at_risk_circular_names_only_the_municipalitys_own_commitments(
    client, cohort, django_capture_on_commit_callbacks
):
    call = cohort["call"]
    aachen_titles = at_risk_titles(call, cohort["aachen"])
    bonn_only = set(at_risk_titles(call, cohort["bonn"])) - set(aachen_titles)
    office_log_in(client)
    data = {
        **TEXT,
        "municipalities": [cohort["aachen"].pk, cohort["bonn"].pk],
        "senden": "1",
        "anzahl": "2",
    }

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(call), data)

    assert aachen_titles and bonn_only
    to_aachen = next(m for m in mail.outbox if m.to == ["k@aachen.de"])
    lines = [line for line in to_aachen.body.splitlines() if line.startswith("– ")]
    assert [line.split(":")[0] for line in lines] == [f"– {title}" for title in aachen_titles]
    assert not any(title in to_aachen.body for title in bonn_only)
    assert "Bonn" not in to_aachen.body
    assert Circular.objects.get().recipient_count == 2


def test_at_risk_circular_leaves_out_an_unticked_municipality(
    client, cohort, django_capture_on_commit_callbacks
):
    office_log_in(client)
    data = {**TEXT, "municipalities": [cohort["bonn"].pk], "senden": "1", "anzahl": "1"}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(cohort["call"]), data)

    assert [message.to for message in mail.outbox] == [["k@bonn.de"]]


def test_at_risk_circular_without_municipality_says_so_at_the_field(client, cohort):
    office_log_in(client)

    response = client.post(url(cohort["call"]), TEXT)

    assert response.context["form"].errors == {
        "municipalities": ["Bitte wählen Sie mindestens eine Kommune."]
    }
