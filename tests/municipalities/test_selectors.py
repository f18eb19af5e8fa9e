import pytest
from django.http import Http404

from municipalities.importer import RegisterRecord
from municipalities.models import Municipality
from municipalities.selectors import municipality_get, municipality_search
from municipalities.services import register_import


def test_municipality_get_returns_the_kommune_with_land_and_kreis(db, small_csv):
    register_import(file=small_csv, source_name="klein.csv")
    heide = Municipality.objects.get(key="01051044")

    found = municipality_get(pk=heide.pk)

    assert (found, found.kreis.name, found.land.name) == (
        heide,
        "Dithmarschen",
        "Schleswig-Holstein",
    )


def test_municipality_get_raises_404_for_an_unknown_id(db):
    with pytest.raises(Http404):
        municipality_get(pk=999_999)


def test_municipality_search_offers_a_gemeindefreies_gebiet_only_when_inhabited(db):
    register_import(
        records=[
            RegisterRecord(line=1, level="land", key="03", name="Niedersachsen", land_code="03"),
            RegisterRecord(
                line=2, level="kreis", key="03151", name="Gifhorn", land_code="03", kind="44"
            ),
            RegisterRecord(
                line=3,
                level="gemeinde",
                key="03151501",
                name="Giebel, gemfr. Gebiet",
                land_code="03",
                kreis_key="03151",
                kind="66",
                population=0,
            ),
            RegisterRecord(
                line=4,
                level="gemeinde",
                key="03151502",
                name="Giebelstadt, gemfr. Gebiet",
                land_code="03",
                kreis_key="03151",
                kind="65",
                population=12,
            ),
        ],
        source_name="Testdaten",
    )

    assert [m.key for m in municipality_search(query="giebel")] == ["03151502"]
