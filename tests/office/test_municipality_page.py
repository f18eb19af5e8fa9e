"""The office's page of one municipality: everything about it, contributed by each app,
with a number of queries that does not grow with what the municipality has."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from core.notes import note_add
from events.models import Audience
from tests import factories
from tests.evaluation.helpers import instrument, survey
from tests.events.helpers import make_event, register
from tests.funding.helpers import approved, funded_cohort, grant_of, submitted
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db


def _url(municipality) -> str:
    return reverse("office:municipality", kwargs={"municipality_pk": municipality.pk})


def _add(municipality, call, office, count: int, start: int) -> None:
    """``count`` more of each thing the page shows, numbered from ``start``."""
    grant = grant_of(call, municipality, 2026)
    version = instrument(code=f"m{start}")
    for n in range(start, start + count):
        factories.ApplicationFactory(municipality=municipality, reference=f"KFA-M-{n:03d}")
        factories.CoordinatorFactory(municipality=municipality, full_name=f"Koordination {n}")
        event = make_event(title=f"Fachtag {n}")
        register(event, f"Gast{n} Beispiel", municipality=municipality)
        survey(version, municipality=municipality, title=f"Befragung {n}")
        approved(grant, "100.00", office=office)
        note_add(actor=office, target=municipality, text=f"Notiz {n}")


@pytest.fixture
def lindenau(db):
    return factories.MunicipalityFactory(name="Lindenau")


@pytest.fixture
def cohort(lindenau):
    return funded_cohort([lindenau])


def _count(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_municipality_page_shows_every_section(office_client, office_user, lindenau, cohort):
    _add(lindenau, cohort, office_user, 1, 0)

    response = office_client.get(_url(lindenau))

    keys = [section.key for section in response.context["sections"]]
    assert keys == [
        "register",
        "bewerbungen",
        "entscheidung",
        "programm",
        "foerderung",
        "veranstaltungen",
        "befragungen",
        "kontakte",
    ]
    page = response.content.decode()
    for text in (
        "KFA-M-000",
        "ausgewählt",
        "Zusagen im Programmjahr",
        "100,00 €",
        "Fachtag 0",
        "Befragung 0",
        "Koordination 0",
        "Notiz 0",
    ):
        assert text in page, text


def test_municipality_page_query_count_is_constant(office_client, office_user, lindenau, cohort):
    _add(lindenau, cohort, office_user, 1, 0)
    one, _page = _count(office_client, _url(lindenau))
    _add(lindenau, cohort, office_user, 2, 1)

    three, page = _count(office_client, _url(lindenau))

    assert ("Fachtag 2" in page, "Notiz 2" in page, three) == (True, True, one)


def test_municipality_page_counts_registrations_per_event(office_client, lindenau):
    event = make_event(title="Fachtag", capacity=1)
    register(event, "Ada Beispiel", municipality=lindenau)
    register(event, "Bea Beispiel", municipality=lindenau)
    register(event, "Cem Beispiel", municipality=factories.MunicipalityFactory())

    response = office_client.get(_url(lindenau))

    [section] = [s for s in response.context["sections"] if s.key == "veranstaltungen"]
    [row] = section.context["events"]
    assert (row.title, row.registered, row.waiting) == ("Fachtag", 1, 1)


def test_municipality_page_leaves_out_events_for_network_members(office_client, lindenau):
    event = make_event(title="Netzwerk intern", audience=Audience.NETWORK_MEMBERS)
    register(event, "Ada Beispiel", municipality=lindenau)

    page = office_client.get(_url(lindenau)).content.decode()

    assert "Netzwerk intern" not in page


def test_municipality_page_funding_shows_the_sums_of_each_year(
    office_client, office_user, lindenau, cohort
):
    grant = grant_of(cohort, lindenau, 2026)
    approved(grant, "300.00", office=office_user)
    submitted(grant, "50.25")

    response = office_client.get(_url(lindenau))

    [section] = [s for s in response.context["sections"] if s.key == "foerderung"]
    sums = {g.funding_year.year: (g.submitted, g.approved) for g in section.context["grants"]}
    assert sums[2026] == (Decimal("50.25"), Decimal("300.00"))


def test_municipality_page_of_an_unknown_municipality_is_404(office_client):
    assert office_client.get("/geschaeftsstelle/kommunen/999999/").status_code == 404


def test_municipality_page_is_refused_to_a_coordinator(client, lindenau):
    login_verified(client, factories.CoordinatorFactory(municipality=lindenau))

    assert client.get(_url(lindenau)).status_code == 403


def test_application_detail_and_people_page_link_the_municipality_page(office_client, lindenau):
    application = factories.ApplicationFactory(municipality=lindenau)
    link = f'href="{_url(lindenau)}"'

    detail = office_client.get(reverse("office:application_detail", args=[application.pk]))
    people = office_client.get(reverse("office:municipality_people", args=[lindenau.pk]))

    assert (link in detail.content.decode(), link in people.content.decode()) == (True, True)


def test_municipality_page_contacts_link_the_people_page(office_client, lindenau):
    factories.UserFactory(role=Role.TEAM_MEMBER, municipality=lindenau, full_name="Tara Team")

    page = office_client.get(_url(lindenau)).content.decode()

    assert "Tara Team" in page
    assert reverse("office:municipality_people", args=[lindenau.pk]) in page
