import csv
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accounts.models import Role
from core.exports import (
    CSV_TYPE,
    XLSX_TYPE,
    csv_bytes,
    csv_response,
    csv_streaming_response,
    keep_text,
    safe_cell,
    safe_filename,
    text_cells,
    xlsx_response,
)
from events.models import Registration
from tests import factories
from tests.evaluation import helpers as evaluation_helpers
from tests.events.helpers import make_event, register
from tests.helpers import login_verified


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("text", ["=1+1", "+49 30", "-cmd", "@SUM(A1)", "\t=1+1", "\r=1+1"])
def test_safe_cell_prefixes_text_a_spreadsheet_would_run(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-12", "+3,5", "-0.25", "Anna", "a=b", " =1"])
def test_safe_cell_leaves_plain_numbers_and_harmless_text(text):
    assert safe_cell(text) == text


def test_safe_cell_treats_a_number_with_more_after_it_as_text():
    assert safe_cell("-1+2") == "'-1+2"


def test_safe_cell_passes_non_text_and_empties_none():
    assert (safe_cell(-5), safe_cell(None)) == (-5, "")


def test_csv_bytes_start_with_bom_and_split_on_semicolons():
    content = csv_bytes([["Name", "Wert"], ["=A1", 3]])
    assert content == "\ufeffName;Wert\r\n'=A1;3\r\n".encode()


def test_csv_bytes_of_no_rows_is_only_the_bom():
    assert csv_bytes([]) == "\ufeff".encode()


def test_csv_response_is_an_attachment_of_utf8_csv():
    response = csv_response([["a"]], filename="liste.csv")
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        CSV_TYPE,
        'attachment; filename="liste.csv"',
    )


def test_csv_streaming_response_sends_the_same_bytes():
    response = csv_streaming_response(iter([["x", "=y"]]), filename="x.csv")
    assert b"".join(response.streaming_content) == csv_bytes([["x", "=y"]])


def test_safe_filename_cannot_break_the_header():
    assert safe_filename('a"b\r\nc/d\\e.csv') == "a-b--c-d-e.csv"


def test_filename_outside_ascii_is_sent_encoded():
    response = csv_response([], filename="häufigkeiten.csv")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''h%C3%A4ufigkeiten.csv"


def test_xlsx_response_saves_a_workbook_and_keeps_text_text():
    workbook = Workbook()
    workbook.active.append(["=1+1", 2])
    text_cells(workbook)
    response = xlsx_response(workbook, filename="x.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert response["Content-Type"] == XLSX_TYPE
    assert (sheet["A1"].value, sheet["A1"].data_type, sheet["B1"].value) == ("=1+1", "s", 2)


def test_keep_text_leaves_numbers_alone():
    sheet = Workbook().active
    sheet.append(["=x", 3])
    keep_text(sheet[1])
    assert (sheet["A1"].data_type, sheet["B1"].data_type) == ("s", "n")


@pytest.mark.django_db
@pytest.mark.parametrize("lead", ["\t", "\r"])
def test_event_export_neutralises_a_cell_starting_with_tab_or_carriage_return(client, lead):
    event = make_event()
    question = event.questions.create(label="Essen")
    booked = register(event, "Alex A", email="alex@example.org")
    Registration.objects.filter(pk=booked.registration.pk).update(
        answers={str(question.pk): lead + "=HYPERLINK(1)"}
    )
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    response = client.get(reverse("events:office_export_csv", args=[event.pk]))
    assert read_csv(response.content)[1][5] == "'" + lead + "=HYPERLINK(1)"


@pytest.mark.django_db
@pytest.mark.parametrize("lead", ["\t", "\r"])
def test_evaluation_export_neutralises_a_cell_starting_with_tab_or_carriage_return(client, lead):
    version = evaluation_helpers.instrument()
    municipality = factories.MunicipalityFactory()
    survey = evaluation_helpers.closed_survey(version, municipality=municipality)
    evaluation_helpers.answer(survey, 5, text=lead + "=HYPERLINK(1)")
    login_verified(client, factories.UserFactory(role=Role.OFFICE))
    response = client.get(f"/evaluation/geschaeftsstelle/versionen/{version.pk}/freitexte.csv")
    texts = {row[2] for row in read_csv(response.content)[1:]}
    assert texts == {"'" + lead + "=HYPERLINK(1)"}


def test_header_rows_give_labels_first_and_keys_second():
    from core.exports import header_rows

    assert header_rows([("Ansprechperson", "kontakt_name"), ("Status", "status")]) == [
        ["Ansprechperson", "Status"],
        ["kontakt_name", "status"],
    ]
