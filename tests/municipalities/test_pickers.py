"""The municipality picker's labels and its search endpoint."""

import re

from municipalities.models import Municipality
from municipalities.pickers import municipality_label
from municipalities.search import search_fold
from tests import factories
from tests.helpers import login_verified

PICKER = "/kommunen/auswahl/"


def test_same_named_municipalities_are_told_apart_by_kreis_and_land(db):
    bavaria = factories.LandFactory(code="09", name="Bayern")
    harburg = factories.MunicipalityFactory(
        name="Harburg",
        level=Municipality.Level.KREIS,
        kind=Municipality.Kind.LANDKREIS,
        key="03353",
    )
    coburg = factories.MunicipalityFactory(
        name="Coburg",
        level=Municipality.Level.KREIS,
        kind=Municipality.Kind.LANDKREIS,
        key="09473",
        land=bavaria,
    )
    north = factories.MunicipalityFactory(name="Neustadt", kreis=harburg)
    south = factories.MunicipalityFactory(name="Neustadt", kreis=coburg, land=bavaria)
    city = factories.MunicipalityFactory(name="Jena", kind=Municipality.Kind.KREISFREIE_STADT)
    assert [municipality_label(m) for m in (north, south, city)] == [
        "Neustadt (Landkreis Harburg, Nordrhein-Westfalen)",
        "Neustadt (Landkreis Coburg, Bayern)",
        "Jena (Kreisfreie Stadt, Nordrhein-Westfalen)",
    ]


def test_picker_endpoint_lists_twenty_and_asks_for_a_closer_search(client, office_user):
    land = factories.LandFactory()
    Municipality.objects.bulk_create(
        Municipality(
            level=Municipality.Level.GEMEINDE,
            key=f"05{n:06d}",
            name=f"Neustadt {n}",
            kind=Municipality.Kind.GEMEINDE,
            land=land,
            search_name=search_fold(f"Neustadt {n}"),
        )
        for n in range(25)
    )
    login_verified(client, office_user)
    body = client.get(
        PICKER, {"feld": "kommune", "kommune_suche": "neustadt"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert len(re.findall(r'type="radio" name="kommune"', body)) == 20
    assert "Weitere Treffer – bitte genauer suchen." in body


def test_picker_endpoint_keeps_an_odd_field_name_out_of_the_page(client, office_user):
    factories.MunicipalityFactory(name="Jena")
    login_verified(client, office_user)
    body = client.get(
        PICKER, {"feld": '"><script>', "q": "jena"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert 'name="auswahl"' in body
    assert "<script>" not in body


def test_picker_endpoint_needs_a_login(client, db):
    response = client.get(PICKER, {"q": "jena"})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_picker_endpoint_query_count_does_not_grow_with_matches(client, office_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    land = factories.LandFactory()
    login_verified(client, office_user)

    def add(start: int, count: int) -> None:
        Municipality.objects.bulk_create(
            Municipality(
                level=Municipality.Level.GEMEINDE,
                key=f"07{n:06d}",
                name=f"Bergheim {n}",
                kind=Municipality.Kind.GEMEINDE,
                land=land,
                search_name=search_fold(f"Bergheim {n}"),
            )
            for n in range(start, start + count)
        )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(PICKER, {"feld": "k", "k_suche": "bergheim"}, headers={"HX-Request": "true"})
        return len(captured)

    add(0, 1)
    one = queries()
    add(1, 2)
    three = queries()
    add(3, 2_000)
    assert (one, three, queries()) == (one, one, one)
