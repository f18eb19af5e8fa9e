"""Exports and chart downloads: read back, suppressed where the rule says."""

import csv
import io

from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from tests.evaluation import helpers

BASE = "/evaluation/geschaeftsstelle/versionen"


def _data(login, office, muni_a, muni_b, version):
    helpers.answer(helpers.closed_survey(version, municipality=muni_a), 5, klar=5, text="offen")
    helpers.answer(helpers.closed_survey(version, municipality=muni_b), 4, klar=1, text="klein")
    return login(office)


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_csv_holds_only_the_included_survey(login, office, muni_a, muni_b, version):
    client = _data(login, office, muni_a, muni_b, version)
    rows = read_csv(client.get(f"{BASE}/{version.pk}/export.csv"))
    header = rows[0]
    assert header[:6] == ["Nr.", "Befragung", "Art", "Kommune", "Modul", "Jahr"]
    assert header[6:] == ["klar", "themen", "stunden"]
    assert len(rows) == 6
    assert {row[3] for row in rows[1:]} == {"Musterstadt"}
    assert {row[6] for row in rows[1:]} == {"5"}


def test_csv_numbers_rows_without_any_time(login, office, muni_a, muni_b, version):
    client = _data(login, office, muni_a, muni_b, version)
    rows = read_csv(client.get(f"{BASE}/{version.pk}/export.csv"))
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4", "5"]
    assert {row[5] for row in rows[1:]} == {str(timezone.localdate().year)}


def test_csv_filtered_to_a_small_group_is_empty(login, office, muni_a, muni_b, version):
    client = _data(login, office, muni_a, muni_b, version)
    rows = read_csv(client.get(f"{BASE}/{version.pk}/export.csv?municipality={muni_b.pk}"))
    assert len(rows) == 1


def test_item_answered_by_four_stays_empty_in_the_export(login, office, muni_a, version):
    survey = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(survey, 4, themen=[2])
    helpers.answer(survey, 3)
    rows = read_csv(login(office).get(f"{BASE}/{version.pk}/export.csv"))
    assert len(rows) == 8
    assert {row[7] for row in rows[1:]} == {""}


def test_xlsx_has_answers_and_codebook(login, office, muni_a, muni_b, version):
    client = _data(login, office, muni_a, muni_b, version)
    response = client.get(f"{BASE}/{version.pk}/export.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Antworten", "Freitexte", "Häufigkeiten", "Codebuch"]
    answers = list(workbook["Antworten"].values)
    assert len(answers) == 6
    assert {row[3] for row in answers[1:]} == {"Musterstadt"}
    codebook = list(workbook["Codebuch"].values)
    assert codebook[1][0] == "klar"
    assert codebook[1][5] == "1 = gar nicht; 2 = eher nicht; 3 = teils; 4 = eher; 5 = voll"


def test_codebook_csv_lists_every_item(login, office, version):
    rows = read_csv(login(office).get(f"{BASE}/{version.pk}/codebuch.csv"))
    assert [row[0] for row in rows[1:5]] == ["klar", "themen", "stunden", "anregung"]


def test_formula_like_text_is_neutralised(login, office, muni_a, version):
    helpers.answer(helpers.closed_survey(version, municipality=muni_a), 5, text="=1+1")
    rows = read_csv(login(office).get(f"{BASE}/{version.pk}/freitexte.csv"))
    assert [row[2] for row in rows[1:]] == ["'=1+1"] * 5


def test_chart_downloads_as_svg_and_png(login, office, muni_a, version):
    survey = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(survey, 5, klar=3)
    client = login(office)
    klar = helpers.item(version, "klar").pk
    svg = client.get(f"/evaluation/ergebnisse/{survey.pk}/diagramm/{klar}.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert "<title" in svg.content.decode() and "<desc" in svg.content.decode()
    png = client.get(f"{BASE}/{version.pk}/diagramm/{klar}.png")
    assert png["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(png.content)).format == "PNG"


def test_chart_of_a_suppressed_item_is_not_found(login, office, muni_a, version):
    survey = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(survey, 4)
    klar = helpers.item(version, "klar").pk
    client = login(office)
    assert client.get(f"/evaluation/ergebnisse/{survey.pk}/diagramm/{klar}.png").status_code == 404
    assert client.get(f"{BASE}/{version.pk}/diagramm/{klar}.svg").status_code == 404


def test_coordinator_cannot_export(login, coordinator_a, version):
    assert login(coordinator_a).get(f"{BASE}/{version.pk}/export.csv").status_code == 403
