import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from applications.models import Application
from calls.models import Question
from tests import factories
from tests.office.conftest import SUBMITTED_AT, answer_create

CSV_URL = reverse("office:applications_export_csv")
XLSX_URL = reverse("office:applications_export_xlsx")

LABELS = (
    "Aktenzeichen;Ausschreibung;Kommune;Amtlicher Schlüssel;Art;Land;Kreis;"
    "Einwohner*innen;Größenklasse;Status;Eingereicht am;"
    "Name der Ansprechperson;Gibt es einen Beschluss?;Größe der Verwaltung;Themen;"
    "Datum des Beschlusses;Zahl der Mitarbeitenden;Absichtserklärung"
)
KEYS = (
    "bewerbung.aktenzeichen;bewerbung.ausschreibung;kommune.name;kommune.schluessel;"
    "kommune.art;kommune.land;kommune.kreis;kommune.einwohner;kommune.groessenklasse;"
    "bewerbung.status;bewerbung.eingereicht_am;"
    "ansprechperson;beschluss;verwaltung;themen;beschlussdatum;mitarbeitende;"
    "absichtserklaerung"
)


def csv_text(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_export_has_bom_semicolons_and_one_row_per_application(
    office_client, answered_application
):
    response = office_client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="bewerbungen-')
    assert csv_text(response) == (
        "\ufeff" + LABELS + "\r\n" + KEYS + "\r\n"
        "KFA-2025-00001;Modellkommunen 2025;Musterstadt;05334002;Stadt;"
        "Nordrhein-Westfalen;Kreis Muster;50000;20.000 bis 100.000 Einwohner*innen;"
        "Eingereicht;20.10.2025 14:30;"
        'Erika Mustermann;Ja;über 100 Beschäftigte;"Schulungen; Fachbeirat";'
        "30.09.2025;1250;Absichtserklaerung.pdf\r\n"
    )


def test_csv_export_quotes_separators_and_defuses_formulas(office_client, questionnaire):
    application = factories.ApplicationFactory(call=questionnaire.call, reference="KFA-X")
    answer_create(application=application, question=questionnaire.contact, value='=1+1; "a"')

    lines = csv_text(office_client.get(CSV_URL)).split("\r\n")

    assert lines[2].split(";Entwurf;;")[1] == '"\'=1+1; ""a""";;;;;;'


def test_csv_export_exports_only_the_filtered_applications(office_client, answered_application):
    factories.ApplicationFactory(call=answered_application.call, reference="KFA-DRAFT")

    drafts = csv_text(office_client.get(CSV_URL, {"status": "draft"})).split("\r\n")
    everything = csv_text(office_client.get(CSV_URL, {"sort": "name"})).split("\r\n")

    assert [line.split(";")[0] for line in drafts[2:-1]] == ["KFA-DRAFT"]
    assert len(everything) == 5  # two header rows, two rows, the empty rest at the end


def test_csv_export_takes_columns_from_the_latest_version(office_client, answered_application):
    newer = factories.VersionFactory(call=answered_application.call, number=2)
    factories.QuestionFactory(section=factories.SectionFactory(version=newer), key="neu")
    factories.QuestionFactory(section=factories.SectionFactory(version=newer), key="ansprechperson")

    keys = csv_text(office_client.get(CSV_URL)).split("\r\n")[1]

    assert keys.split(";")[11:] == ["neu", "ansprechperson"]


def test_xlsx_export_opens_with_openpyxl_and_holds_the_rows(office_client, answered_application):
    response = office_client.get(XLSX_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook["Bewerbungen"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [
        tuple(LABELS.split(";")),
        tuple(KEYS.split(";")),
        (
            "KFA-2025-00001",
            "Modellkommunen 2025",
            "Musterstadt",
            "05334002",
            "Stadt",
            "Nordrhein-Westfalen",
            "Kreis Muster",
            50000,
            "20.000 bis 100.000 Einwohner*innen",
            "Eingereicht",
            dt.datetime(2025, 10, 20, 14, 30),
            "Erika Mustermann",
            "Ja",
            "über 100 Beschäftigte",
            "Schulungen; Fachbeirat",
            dt.datetime(2025, 9, 30, 0, 0),
            1250,
            "Absichtserklaerung.pdf",
        ),
    ]


def test_xlsx_export_has_a_bold_frozen_filterable_header(office_client, answered_application):
    workbook = load_workbook(BytesIO(office_client.get(XLSX_URL).content))
    sheet = workbook["Bewerbungen"]

    assert [cell.font.b for cell in sheet[1]] == [True] * 18
    assert [cell.font.b for cell in sheet[2]] == [True] * 18
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:R3"
    assert sheet.column_dimensions["C"].width == 30
    assert sheet["K3"].number_format == "DD.MM.YYYY HH:MM"
    assert workbook["Quelle"]["A1"].value.startswith("Datenquelle: Statistisches Bundesamt")


def test_xlsx_export_keeps_formula_like_answers_as_text(office_client, questionnaire):
    application = factories.ApplicationFactory(call=questionnaire.call)
    answer_create(application=application, question=questionnaire.contact, value="=1+1")

    sheet = load_workbook(BytesIO(office_client.get(XLSX_URL).content))["Bewerbungen"]

    assert (sheet["L3"].value, sheet["L3"].data_type) == ("=1+1", "s")


def make_applications(questionnaire, count: int) -> None:
    kreis = factories.MunicipalityFactory(level="kreis", kind="44", key="05999", name="Kreis")
    for _ in range(count):
        application = factories.ApplicationFactory(
            call=questionnaire.call,
            municipality=factories.MunicipalityFactory(kreis=kreis),
            status=Application.Status.SUBMITTED,
            submitted_at=SUBMITTED_AT,
        )
        answer_create(application=application, question=questionnaire.contact, value="A")
        answer_create(application=application, question=questionnaire.topics, value=["beirat"])


@pytest.mark.parametrize("count", [1, 5])
def test_csv_export_query_count_does_not_grow(
    office_client, questionnaire, count, django_assert_num_queries
):
    make_applications(questionnaire, count)

    # Session, user, OTP device, filter choice, questions, applications, answers.
    with django_assert_num_queries(7):
        lines = csv_text(office_client.get(CSV_URL, {"call": questionnaire.call.pk}))

    assert lines.count("\r\n") == count + 2


@pytest.mark.parametrize("count", [1, 5])
def test_xlsx_export_query_count_does_not_grow(
    office_client, questionnaire, count, django_assert_num_queries
):
    make_applications(questionnaire, count)

    with django_assert_num_queries(7):
        response = office_client.get(XLSX_URL, {"call": questionnaire.call.pk})

    assert load_workbook(BytesIO(response.content))["Bewerbungen"].max_row == count + 2


def test_exports_head_columns_with_short_labels_in_the_page_language(
    office_client, answered_application, questionnaire
):
    Question.objects.filter(pk=questionnaire.contact.pk).update(
        short_label_de="Ansprechperson", short_label_en="Contact person"
    )

    german = csv_text(office_client.get(CSV_URL)).split("\r\n")
    office_client.cookies["django_language"] = "en"
    english = csv_text(office_client.get(CSV_URL)).split("\r\n")
    sheet = load_workbook(BytesIO(office_client.get(XLSX_URL).content))["Applications"]

    assert german[0].split(";")[10:13] == [
        "Eingereicht am",
        "Ansprechperson",
        "Gibt es einen Beschluss?",
    ]
    assert english[0].split(";")[0] == "\ufeffReference number"
    assert english[0].split(";")[11] == "Contact person"
    assert german[1] == english[1] == KEYS
    assert [sheet["L1"].value, sheet["L2"].value] == ["Contact person", "ansprechperson"]
