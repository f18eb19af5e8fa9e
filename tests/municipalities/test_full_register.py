"""The whole official register, imported once for this module (about 11,400 rows)."""

import pytest
from django.conf import settings

from municipalities.models import Land, Municipality, RegisterImport
from municipalities.selectors import municipality_search
from municipalities.services import register_import
from tests.factories import ApplicationFactory

ALL_RECORDS = 16 + 401 + 11_004


def import_full_register():
    with settings.REGISTER_CSV.open("rb") as file:
        return register_import(file=file, source_name=settings.REGISTER_CSV.name)


@pytest.fixture(scope="module")
def full_register(django_db_setup, django_db_blocker):
    """Committed outside the per-test transactions, so it is removed again at the end.

    Every test here must also ask for ``db``, so that all of them run together.
    """
    with django_db_blocker.unblock():
        report = import_full_register()
    yield report
    with django_db_blocker.unblock():
        RegisterImport.objects.all().delete()
        Municipality.objects.filter(level=Municipality.Level.GEMEINDE).delete()
        Municipality.objects.all().delete()
        Land.objects.all().delete()


def test_full_register_import_creates_16_laender_401_kreise_11004_gemeinden(full_register, db):
    assert {level: c.created for level, c in full_register.counts.items()} == {
        "land": 16,
        "kreis": 401,
        "gemeinde": 11_004,
    }
    assert Land.objects.count() == 16
    assert Municipality.objects.filter(level="kreis").count() == 401
    assert Municipality.objects.filter(level="gemeinde").count() == 11_004


def test_full_register_import_takes_under_15_seconds(full_register, db):
    # ``db`` keeps this test with the module's other database tests: pytest-django runs
    # tests without database access last, which would import the register again.
    assert full_register.seconds < 15


def test_full_register_has_berlin_with_its_population(full_register, db):
    berlin = Municipality.objects.select_related("kreis", "land").get(key="11000000")

    assert (berlin.name, berlin.level, berlin.kind) == ("Berlin, Stadt", "gemeinde", "61")
    assert berlin.population == 3_669_491
    assert (berlin.kreis.key, berlin.land.name) == ("11000", "Berlin")
    assert berlin.size_class == "large"


def test_full_register_keeps_leading_zeros_of_keys(full_register, db):
    flensburg = Municipality.objects.get(key="01001000")

    assert (flensburg.name, flensburg.ars, flensburg.postal_code) == (
        "Flensburg, Stadt",
        "010010000000",
        "24937",
    )


def test_full_register_landkreis_has_its_kind_and_the_sum_of_its_gemeinden(full_register, db):
    landkreis = Municipality.objects.get(key="09184")  # Landkreis München

    total = sum(landkreis.gemeinden.values_list("population", flat=True))
    assert (landkreis.name, landkreis.kind) == ("München", "44")
    assert landkreis.population == total
    # 29 Gemeinden and 3 uninhabited gemeindefreie Gebiete (forests).
    assert landkreis.gemeinden.count() == 32


def test_full_register_reimport_creates_nothing_and_keeps_applications(full_register, db):
    berlin = Municipality.objects.get(key="11000000")
    application = ApplicationFactory(municipality=berlin)

    report = import_full_register()

    application.refresh_from_db()
    assert (report.created, report.updated, report.unchanged) == (0, 0, ALL_RECORDS)
    assert Municipality.objects.count() == 401 + 11_004
    assert application.municipality_id == berlin.id
    assert report.seconds < 15


def names(results) -> list[str]:
    return [m.name for m in results]


def test_municipality_search_finds_by_name_with_umlaut(full_register, db):
    results = municipality_search(query="Müns")

    assert results[0].name == "Münster, Stadt"
    assert all(m.search_name.find("muens") >= 0 for m in results)


def test_municipality_search_finds_by_name_with_umlaut_written_out(full_register, db):
    results = municipality_search(query="muenchen")

    assert names(results[:2]) == ["München, Landeshauptstadt", "München"]
    assert (results[0].level, results[1].level) == ("gemeinde", "kreis")


def test_municipality_search_finds_by_postal_code(full_register, db):
    results = municipality_search(query="24937")

    assert names(results) == ["Flensburg, Stadt"]


def test_municipality_search_finds_by_ags_prefix(full_register, db):
    assert names(municipality_search(query="01001000")) == ["Flensburg, Stadt"]
    assert names(municipality_search(query="0100", limit=3)) == [
        "Kiel, Landeshauptstadt",
        "Lübeck, Hansestadt",
        "Flensburg, Stadt",
    ]


def test_municipality_search_leaves_out_who_may_not_apply(full_register, db):
    flensburg = municipality_search(query="flensburg")
    sachsenwald = municipality_search(query="Sachsenwald")

    # The Kreis record of the kreisfreie Stadt Flensburg is left out (the city applies
    # as a Gemeinde), the Landkreis Schleswig-Flensburg is offered after the exact
    # match; the uninhabited Sachsenwald is not offered at all.
    assert [(m.key, m.level) for m in flensburg] == [
        ("01001000", "gemeinde"),
        ("01059", "kreis"),
    ]
    assert sachsenwald == []


def test_municipality_search_ignores_queries_under_two_characters(full_register, db):
    assert municipality_search(query=" M ") == []


def test_municipality_search_uses_one_query_for_one_or_many_results(
    full_register, db, django_assert_num_queries
):
    with django_assert_num_queries(1):
        one = municipality_search(query="Averlak")
    with django_assert_num_queries(1):
        many = municipality_search(query="berlin")

    assert len(one) == 1
    assert len(many) >= 3
    assert [m.kreis.name for m in many][:1] == ["Berlin, Stadt"]
