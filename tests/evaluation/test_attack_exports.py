"""The product owner's attack on the exports: five answers from one department and one
from another. The one person's row, her free text and the month must not single her out."""

import csv
import io
from collections import Counter

from openpyxl import load_workbook

from tests.evaluation import helpers

BASE = "/evaluation/geschaeftsstelle/versionen"
ALONE = "Als einzige Kollegin mit Kopftuch in der Kämmerei …"
# The survey-level columns before the answers: Nr., Befragung, Art, Kommune, Modul, Jahr.
SURVEY_COLUMNS = 6


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def five_and_one(muni_a, version):
    """Five answer "Verwaltung" (code 1) and "voll" (5); one answers "Finanzen" (code 3),
    "gar nicht" (1) and writes about herself."""
    survey = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(survey, 5, klar=5, themen=[1], text="Mehr Zeit für Schulungen")
    helpers.answer(survey, 1, klar=1, themen=[3], text=ALONE)
    return survey


def test_export_rows_have_no_combination_below_five(login, office, muni_a, version):
    five_and_one(muni_a, version)
    rows = read_csv(login(office).get(f"{BASE}/{version.pk}/export.csv"))
    categories = [tuple(row[1:]) for row in rows[1:]]
    assert len(categories) == 6
    assert sorted(Counter(categories).values()) == [6]


def test_export_rows_mark_the_protected_cells(login, office, muni_a, version):
    five_and_one(muni_a, version)
    rows = read_csv(login(office).get(f"{BASE}/{version.pk}/export.csv"))
    header = rows[0]
    klar, themen = header.index("klar"), header.index("themen")
    assert {(row[klar], row[themen]) for row in rows[1:]} == {("*", "*")}


def test_export_rows_hold_no_free_text(login, office, muni_a, version):
    five_and_one(muni_a, version)
    response = login(office).get(f"{BASE}/{version.pk}/export.csv")
    body = response.content.decode("utf-8-sig")
    assert ALONE not in body
    assert "anregung" not in read_csv(response)[0]


def test_export_rows_have_no_month(login, office, muni_a, version):
    five_and_one(muni_a, version)
    header = read_csv(login(office).get(f"{BASE}/{version.pk}/export.csv"))[0]
    assert header[:SURVEY_COLUMNS] == ["Nr.", "Befragung", "Art", "Kommune", "Modul", "Jahr"]
    assert "Monat" not in header


def test_free_texts_are_exported_apart_from_every_category(login, office, muni_a, version):
    five_and_one(muni_a, version)
    rows = read_csv(login(office).get(f"{BASE}/{version.pk}/freitexte.csv"))
    assert rows[0] == ["Kennung", "Frage", "Freitext"]
    assert sorted(row[2] for row in rows[1:]) == [ALONE] + ["Mehr Zeit für Schulungen"] * 5
    assert {row[0] for row in rows[1:]} == {"anregung"}


def test_free_texts_come_in_random_order(login, office, muni_a, version):
    survey = helpers.closed_survey(version, municipality=muni_a)
    for letter in "abcdefghij":
        helpers.answer(survey, 1, text=letter)
    client = login(office)
    orders = {
        tuple(row[2] for row in read_csv(client.get(f"{BASE}/{version.pk}/freitexte.csv"))[1:])
        for _ in range(6)
    }
    assert len(orders) > 1


def test_free_texts_of_fewer_than_five_are_not_exported(login, office, muni_a, version):
    survey = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(survey, 4, text=ALONE)
    helpers.answer(survey, 3)
    rows = read_csv(login(office).get(f"{BASE}/{version.pk}/freitexte.csv"))
    assert rows == [["Kennung", "Frage", "Freitext"]]


def test_xlsx_holds_no_free_text_beside_a_category(login, office, muni_a, version):
    five_and_one(muni_a, version)
    response = login(office).get(f"{BASE}/{version.pk}/export.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Antworten", "Freitexte", "Häufigkeiten", "Codebuch"]
    answers = list(workbook["Antworten"].values)
    assert all(ALONE not in [str(value) for value in row] for row in answers)
    texts = list(workbook["Freitexte"].values)
    assert texts[0] == ("Kennung", "Frage", "Freitext")
    assert all(len(row) == 3 for row in texts)


def test_aggregate_export_shows_no_count_between_one_and_four(login, office, muni_a, version):
    five_and_one(muni_a, version)
    rows = read_csv(login(office).get(f"{BASE}/{version.pk}/haeufigkeiten.csv"))
    assert rows[0] == [
        "Gruppe",
        "Kennung",
        "Antwort",
        "Anzahl",
        "Anteil in Prozent",
        "Antworten",
        "Mittelwert",
    ]
    counts = [row[3] for row in rows[1:]]
    assert {count for count in counts if count.isdigit() and 0 < int(count) < 5} == set()
    klar = [row for row in rows[1:] if row[1] == "klar"]
    assert [row[3] for row in klar] == ["*", "0", "0", "0", "*"]
    assert {row[6] for row in klar} == {""}
