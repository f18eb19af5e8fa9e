"""The office's one search box: results grouped by kind, each group limited and
counted, German messages for a short or fruitless query, office only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from core.office_search import providers
from office.office_search import search_people
from tests import factories
from tests.events.helpers import make_event
from tests.funding.helpers import draft, funded_cohort, grant_of
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

URL = reverse("office:search")


def _search(client, query: str):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return response


def _kinds(response) -> list[str]:
    return [group.key for group in response.context["groups"]]


def test_search_groups_hits_by_kind_in_a_fixed_order(office_client):
    lindenau = factories.MunicipalityFactory(name="Lindenau")
    factories.ApplicationFactory(municipality=lindenau, reference="KFA-2025-00042")
    factories.CoordinatorFactory(full_name="Lina Lindenau", municipality=lindenau)
    make_event(title="Lindenauer Fachtag")
    call = funded_cohort([lindenau])
    draft(grant_of(call, lindenau, 2026), "120.00", payee="Saal Lindenau")

    response = _search(office_client, "lindenau")

    assert _kinds(response) == ["municipalities", "applications", "people", "events", "expenses"]
    labels = [str(group.label) for group in response.context["groups"]]
    assert labels == ["Kommunen", "Bewerbungen", "Personen", "Veranstaltungen", "Ausgaben"]


def test_search_hit_of_a_municipality_leads_to_its_page(office_client):
    lindenau = factories.MunicipalityFactory(name="Lindenau")

    response = _search(office_client, "Lindenau")

    [group] = response.context["groups"]
    assert [hit.url for hit in group.hits] == [
        reverse("office:municipality", kwargs={"municipality_pk": lindenau.pk})
    ]


def test_search_finds_an_application_by_its_reference(office_client):
    application = factories.ApplicationFactory(reference="KFA-2025-00042")

    response = _search(office_client, "KFA-2025-0004")

    [group] = response.context["groups"]
    assert (group.key, [hit.url for hit in group.hits]) == (
        "applications",
        [reverse("office:application_detail", kwargs={"pk": application.pk})],
    )


def test_search_group_beyond_its_limit_counts_all_and_links_the_full_list(office_client):
    for n in range(7):
        factories.MunicipalityFactory(name=f"Bergheim {n}")

    response = _search(office_client, "bergheim")

    [group] = response.context["groups"]
    assert (len(group.hits), group.total) == (5, 7)
    assert group.more_url == reverse("municipalities_office:list") + "?q=bergheim"
    assert "Gezeigt werden 5 von 7." in response.content.decode()


def test_search_with_a_too_short_query_asks_for_more(office_client):
    factories.MunicipalityFactory(name="Aa")

    response = _search(office_client, "a")

    assert response.context["groups"] == []
    assert "Bitte geben Sie mindestens 2 Zeichen ein." in response.content.decode()


def test_search_without_hits_says_so(office_client):
    response = _search(office_client, "Nirgendwo")

    assert response.context["groups"] == []
    assert "Zu „Nirgendwo“ wurde nichts gefunden." in response.content.decode()


def test_search_person_hit_names_only_address_role_and_municipality(db):
    lindenau = factories.MunicipalityFactory(name="Lindenau")
    factories.CoordinatorFactory(
        full_name="Lina Beispiel", email="lina@lindenau.de", municipality=lindenau
    )

    found = search_people("lina", 5)

    assert [(hit.title, hit.subtitle) for hit in found.hits] == [
        ("Lina Beispiel", "lina@lindenau.de · Koordination der Kommune · Lindenau")
    ]


def test_search_is_refused_to_a_coordinator(client, coordinator):
    login_verified(client, coordinator)

    assert client.get(URL, {"q": "Muster"}).status_code == 403


def test_search_box_is_in_the_header_for_the_office_only(client, office_client, coordinator):
    office_page = office_client.get(reverse("office:index")).content.decode()
    client.logout()
    login_verified(client, coordinator)
    coordinator_page = client.get(reverse("core:dashboard"), follow=True).content.decode()

    assert ('role="search"' in office_page, 'role="search"' in coordinator_page) == (True, False)


def _each_kind(count: int, start: int) -> None:
    for n in range(start, start + count):
        municipality = factories.MunicipalityFactory(name=f"Suchstadt {n}")
        factories.ApplicationFactory(municipality=municipality)
        factories.UserFactory(full_name=f"Suchstadt Person {n}", role=Role.REVIEWER)
        make_event(title=f"Suchstadt Tag {n}")


def test_search_query_count_is_constant_in_the_hits(office_client):
    _each_kind(1, 0)
    with CaptureQueriesContext(connection) as one:
        _search(office_client, "suchstadt")
    _each_kind(2, 1)
    with CaptureQueriesContext(connection) as three:
        response = _search(office_client, "suchstadt")

    assert [group.total for group in response.context["groups"]] == [3, 3, 3, 3]
    assert len(three) == len(one)


def test_every_search_provider_answers_with_one_query(db):
    factories.MunicipalityFactory(name="Suchstadt")
    for provider in providers():
        with CaptureQueriesContext(connection) as queries:
            provider.search("suchstadt", 5)
        assert (provider.key, len(queries)) == (provider.key, 1)


def test_search_marks_german_event_titles_on_english_pages(office_client, settings):
    make_event(title="Fachtag Teilhabe")
    office_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = _search(office_client, "Fachtag").content.decode()

    assert 'lang="de">Fachtag Teilhabe</a>' in page
