import datetime as dt
from decimal import Decimal

import pytest

from municipalities.importer import (
    CSV_FORMAT,
    GV100AD_FORMAT,
    RegisterImportError,
    RegisterRecord,
    guess_format,
    parse_register,
)


def by_key(parsed) -> dict[str, RegisterRecord]:
    return {record.key: record for record in parsed.records}


def test_parse_csv_reads_levels_and_keeps_leading_zeros(small_csv):
    parsed = parse_register(small_csv)

    records = by_key(parsed)
    assert parsed.file_format == CSV_FORMAT
    assert [r.level for r in parsed.records].count("land") == 2
    assert [r.level for r in parsed.records].count("kreis") == 6
    assert [r.level for r in parsed.records].count("gemeinde") == 7
    assert records["01"].name == "Schleswig-Holstein"
    assert records["01001"].kind == "41"
    assert records["01001000"].kreis_key == "01001"
    assert records["01051011"].ars == "010510011011"


def test_parse_csv_reads_numbers_with_space_separators_and_decimal_commas(small_csv):
    berlin = by_key(parse_register(small_csv))["11000000"]

    assert berlin == RegisterRecord(
        line=23,
        level="gemeinde",
        key="11000000",
        ars="110000000000",
        name="Berlin, Stadt",
        land_code="11",
        kreis_key="11000",
        kind="61",
        population=3_669_491,
        area_km2=Decimal("891.12"),
        postal_code="10178",
        latitude=Decimal("52.517670"),
        longitude=Decimal("13.405538"),
        urbanisation="01",
    )


def test_parse_gv100ad_sample_reads_the_fixed_columns(gv100ad_sample):
    parsed = parse_register(gv100ad_sample)

    records = by_key(parsed)
    assert parsed.file_format == GV100AD_FORMAT
    assert parsed.reference_date == dt.date(2019, 12, 31)
    assert sorted(records) == [
        "01",
        "01001",
        "01001000",
        "01051",
        "01051011",
        "01051044",
        "09",
        "09162",
        "09162000",
        "11",
        "11000",
        "11000000",
    ]
    assert records["01051"].kind == "43"
    assert records["09162000"] == RegisterRecord(
        line=14,
        level="gemeinde",
        key="09162000",
        ars="091620000000",
        name="München, Landeshauptstadt",
        land_code="09",
        kreis_key="09162",
        kind="61",
        population=1_484_226,
        area_km2=Decimal("310.70"),
        postal_code="80313",
    )


def test_parse_gv100ad_counts_columns_in_characters_not_bytes(gv100ad_sample):
    brunsbuettel = by_key(parse_register(gv100ad_sample))["01051011"]

    assert (brunsbuettel.name, brunsbuettel.population, brunsbuettel.postal_code) == (
        "Brunsbüttel, Stadt",
        12_380,
        "25541",
    )


def test_parse_gv100ad_reads_iso_8859_1_files(gv100ad_sample):
    latin1 = gv100ad_sample.decode("utf-8").encode("iso-8859-1")

    records = by_key(parse_register(latin1, file_format=GV100AD_FORMAT))

    assert records["09162000"].name == "München, Landeshauptstadt"


def test_guess_format_recognises_both_formats(small_csv, gv100ad_sample):
    assert guess_format(small_csv.decode("utf-8-sig")) == CSV_FORMAT
    assert guess_format(gv100ad_sample.decode("utf-8")) == GV100AD_FORMAT


def replace_line(text: str, number: int, old: str, new: str) -> bytes:
    lines = text.split("\n")
    assert old in lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return "\n".join(lines).encode()


@pytest.mark.parametrize(
    ("line", "old", "new", "message"),
    [
        (5, " 90 164", "abc", "Zeile 5: Einwohnerzahl „abc“ ist keine Zahl."),
        (5, " 53.02", "53.0x", "Zeile 5: Fläche „53.0x“ ist keine Zahl."),
        (5, '"9,43751"', '"Ost"', "Zeile 5: Längengrad „Ost“ ist keine Zahl."),
        (8, ",24103,", ",241,", "Zeile 8: Postleitzahl „241“ ist ungültig."),
        (14, "60,61,", "70,61,", "Zeile 14: Unbekannte Satzart „70“."),
        (
            15,
            "40,43,",
            "40,63,",
            "Zeile 15: Textkennzeichen „63“ ist für einen Kreis nicht zulässig.",
        ),
        (
            17,
            "60,63,01,0,51,",
            "60,63,01,0,5,",
            "Zeile 17: Kreisschlüssel „5“ ist ungültig (erwartet: 2 Ziffern).",
        ),
        (
            23,
            ",dicht besiedelt",
            ",dicht, besiedelt",
            "Zeile 23: Die Zeile hat 21 Spalten, erwartet werden 20.",
        ),
        (5, ",dicht besiedelt", "", "Zeile 5: Die Zeile hat 19 Spalten, erwartet werden 20."),
    ],
)
def test_parse_csv_rejects_bad_rows_naming_the_line(small_csv_text, line, old, new, message):
    data = replace_line(small_csv_text, line, old, new)

    with pytest.raises(RegisterImportError) as excinfo:
        parse_register(data)

    assert excinfo.value.message == message
    assert excinfo.value.line == line


def test_parse_csv_rejects_a_wrong_header(small_csv_text):
    data = replace_line(small_csv_text, 1, "bevoelkerung", "einwohner")

    with pytest.raises(RegisterImportError) as excinfo:
        parse_register(data, file_format=CSV_FORMAT)

    assert excinfo.value.message.startswith(
        "Zeile 1: Die Kopfzeile entspricht nicht dem Gemeindeverzeichnis; erwartet: satzart,"
    )


def test_parse_gv100ad_rejects_a_bad_population_naming_the_line(gv100ad_sample):
    lines = gv100ad_sample.decode("utf-8").split("\r\n")
    lines[17] = lines[17][:139] + "0000000x491" + lines[17][150:]

    with pytest.raises(RegisterImportError) as excinfo:
        parse_register("\r\n".join(lines).encode())

    assert excinfo.value.message == "Zeile 18: Einwohnerzahl „0000000x491“ ist keine Zahl."


def test_parse_register_rejects_a_binary_file():
    with pytest.raises(RegisterImportError) as excinfo:
        parse_register(b"%PDF-1.7\x00\x01\x02")

    assert excinfo.value.message == "Die Datei ist keine Textdatei. Erwartet wird CSV oder GV100AD."


def test_parse_register_rejects_an_empty_file():
    with pytest.raises(RegisterImportError) as excinfo:
        parse_register(b"\n\n")

    assert excinfo.value.message == "Die Datei ist leer."
