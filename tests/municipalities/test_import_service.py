from decimal import Decimal

import pytest

from municipalities.importer import RegisterImportError
from municipalities.models import Land, Municipality, RegisterImport
from municipalities.services import register_import
from tests.factories import UserFactory


def counts(report) -> dict[str, tuple[int, int, int]]:
    return {level: (c.created, c.updated, c.unchanged) for level, c in report.counts.items()}


def test_register_import_creates_lands_kreise_and_gemeinden(db, small_csv):
    report = register_import(file=small_csv, source_name="klein.csv")

    assert counts(report) == {"land": (2, 0, 0), "kreis": (6, 0, 0), "gemeinde": (7, 0, 0)}
    assert Land.objects.count() == 2
    assert Municipality.objects.filter(level="kreis").count() == 6
    assert Municipality.objects.filter(level="gemeinde").count() == 7


def test_register_import_stores_a_gemeinde_with_its_kreis_and_derived_fields(db, small_csv):
    register_import(file=small_csv, source_name="klein.csv")

    heide = Municipality.objects.select_related("kreis", "land").get(key="01051044")
    assert (heide.name, heide.kind, heide.ars) == ("Heide, Stadt", "63", "010510044044")
    assert (heide.kreis.key, heide.land.code) == ("01051", "01")
    assert (heide.population, heide.area_km2, heide.postal_code) == (
        21_852,
        Decimal("31.97"),
        "25746",
    )
    assert (heide.size_class, heide.search_name, heide.urbanisation) == (
        "medium",
        "heide, stadt",
        "02",
    )


def test_register_import_sums_a_kreis_from_its_gemeinden(db, small_csv):
    register_import(file=small_csv, source_name="klein.csv")

    dithmarschen = Municipality.objects.get(key="01051")
    # The excerpt holds two of its Gemeinden: Brunsbüttel and Heide.
    assert (dithmarschen.level, dithmarschen.kind, dithmarschen.ars) == ("kreis", "43", "01051")
    assert dithmarschen.population == 12_380 + 21_852
    assert dithmarschen.area_km2 == Decimal("65.21") + Decimal("31.97")
    assert dithmarschen.size_class == "kreis"


def test_register_import_twice_creates_nothing_the_second_time(db, small_csv):
    register_import(file=small_csv, source_name="klein.csv")
    ids = dict(Municipality.objects.values_list("key", "id"))

    report = register_import(file=small_csv, source_name="klein.csv")

    assert counts(report) == {"land": (0, 0, 2), "kreis": (0, 0, 6), "gemeinde": (0, 0, 7)}
    assert dict(Municipality.objects.values_list("key", "id")) == ids


def test_register_import_updates_a_changed_population_in_place(db, small_csv, small_csv_text):
    register_import(file=small_csv, source_name="klein.csv")
    heide_id = Municipality.objects.get(key="01051044").id
    changed = small_csv_text.replace(" 21 852,", " 22 000,").encode()

    report = register_import(file=changed, source_name="neu.csv")

    heide = Municipality.objects.get(key="01051044")
    assert (heide.id, heide.population) == (heide_id, 22_000)
    assert Municipality.objects.get(key="01051").population == 12_380 + 22_000
    assert counts(report) == {"land": (0, 0, 2), "kreis": (0, 1, 5), "gemeinde": (0, 1, 6)}
    assert report.changes == [
        {
            "level": "kreis",
            "key": "01051",
            "name": "Dithmarschen",
            "fields": {"population": [34_232, 34_380]},
        },
        {
            "level": "gemeinde",
            "key": "01051044",
            "name": "Heide, Stadt",
            "fields": {"population": [21_852, 22_000]},
        },
    ]


def test_register_import_records_the_import_with_its_counts(db, small_csv):
    office = UserFactory(role="office")

    report = register_import(file=small_csv, source_name="klein.csv", actor=office)

    stored = RegisterImport.objects.get()
    assert stored == report.register_import
    assert (stored.source_name, stored.file_format, stored.created_by) == (
        "klein.csv",
        "csv",
        office,
    )
    assert (stored.created, stored.updated, stored.unchanged, stored.absent) == (15, 0, 0, 0)
    assert stored.counts == {
        "land": {"created": 2, "updated": 0, "unchanged": 0},
        "kreis": {"created": 6, "updated": 0, "unchanged": 0},
        "gemeinde": {"created": 7, "updated": 0, "unchanged": 0},
    }


def test_register_import_keeps_kommunen_missing_from_the_file_and_counts_them(
    db, small_csv, small_csv_text
):
    register_import(file=small_csv, source_name="klein.csv")
    without_berlin = "\n".join(small_csv_text.split("\n")[:19]).encode()

    report = register_import(file=without_berlin, source_name="ohne-berlin.csv")

    assert report.absent == 2
    assert Municipality.objects.filter(key__in=["11000", "11000000"]).count() == 2


def test_register_import_reports_progress(db, small_csv):
    calls = []

    register_import(
        file=small_csv,
        source_name="klein.csv",
        progress=lambda done, total: calls.append((done, total)),
    )

    assert calls == [(2, 15), (8, 15), (15, 15)]


def test_register_import_reads_gv100ad_and_keeps_coordinates_it_lacks(
    db, small_csv, gv100ad_sample
):
    register_import(file=small_csv, source_name="klein.csv")

    report = register_import(file=gv100ad_sample, source_name="GV100AD_311219.txt")

    flensburg = Municipality.objects.get(key="01001000")
    assert report.register_import.reference_date.isoformat() == "2019-12-31"
    assert (flensburg.latitude, flensburg.longitude) == (Decimal("54.782520"), Decimal("9.437510"))
    # Same figures as the CSV for the four shared Gemeinden; München is new; Kiel,
    # Lübeck and Neumünster (Kreis and Gemeinde each) are not in the sample.
    assert counts(report) == {"land": (1, 0, 2), "kreis": (1, 0, 3), "gemeinde": (1, 0, 4)}
    assert report.absent == 6


@pytest.mark.parametrize(
    ("line", "old", "new", "message"),
    [
        (19, " 21 852,", " 21 8S2,", "Zeile 19: Einwohnerzahl „21 8S2“ ist keine Zahl."),
        (
            17,
            "60,63,01,0,51,",
            "60,63,01,0,52,",
            "Zeile 17: Der Kreis „01052“ der Gemeinde „Brunsbüttel, Stadt“ fehlt in der Datei.",
        ),
        (
            21,
            "40,41,11,0,00,",
            "40,41,12,0,00,",
            "Zeile 21: Das Land „12“ von „Berlin, Stadt“ fehlt in der Datei.",
        ),
        (
            8,
            "60,61,01,0,02,0000,000",
            "60,61,01,0,01,0000,000",
            "Zeile 8: Der Schlüssel „01001000“ kommt mehrfach vor (zuerst in Zeile 5).",
        ),
    ],
)
def test_register_import_rejects_a_bad_file_and_writes_nothing(
    db, small_csv_text, line, old, new, message
):
    lines = small_csv_text.split("\n")
    lines[line - 1] = lines[line - 1].replace(old, new, 1)

    with pytest.raises(RegisterImportError) as excinfo:
        register_import(file="\n".join(lines).encode(), source_name="kaputt.csv")

    assert excinfo.value.message == message
    assert (Land.objects.count(), Municipality.objects.count()) == (0, 0)
    assert RegisterImport.objects.count() == 0


def test_register_import_rejects_a_bad_file_and_keeps_the_stored_register(
    db, small_csv, small_csv_text
):
    register_import(file=small_csv, source_name="klein.csv")
    broken = small_csv_text.replace(" 21 852,", " 22 000,").replace(
        "60,61,01,0,04", "61,61,01,0,04"
    )

    with pytest.raises(RegisterImportError):
        register_import(file=broken.encode(), source_name="kaputt.csv")

    assert Municipality.objects.get(key="01051044").population == 21_852
    assert RegisterImport.objects.count() == 1
