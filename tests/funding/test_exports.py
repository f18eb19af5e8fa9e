"""The statements as XLSX and PDF: the same totals as the page, to the cent."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from funding import expense_services, narrative, statements
from funding.exports import EURO_FORMAT
from funding.models import ReportKind, ReportStatus
from funding.money import euro
from tests.funding.helpers import approved, category, funded_cohort, grant_of
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

CENT_AMOUNTS = ["0.10", "0.20", "12.34", "99.99", "0.01", "1234.56", "7.77", "0.03", "45.05"]
EXPECTED = sum(Decimal(a) for a in CENT_AMOUNTS)


@pytest.fixture
def call(municipality, other_municipality):
    return funded_cohort([municipality, other_municipality])


@pytest.fixture
def grant(call, municipality):
    grant = grant_of(call, municipality, 2026)
    for index, amount in enumerate(CENT_AMOUNTS):
        kind = category("Räume und Verpflegung") if index % 2 else category()
        approved(grant, amount, category=kind)
    return grant


@pytest.fixture
def coordinator_client(client, coordinator):
    login_verified(client, coordinator)
    return client


def _workbook(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


def _total(sheet, label="Summe"):
    """The value in the totals row of ``sheet`` (first numeric cell after the label)."""
    for row in sheet.iter_rows(values_only=True):
        if row[0] == label:
            return [v for v in row[1:] if isinstance(v, int | float | Decimal)]
    raise AssertionError(f"no row {label!r}")


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def test_statement_xlsx_totals_equal_sum_of_approved_expenses(coordinator_client, grant):
    workbook = _workbook(coordinator_client.get("/foerderung/berichte/2026/nachweis.xlsx"))

    assert workbook.sheetnames == ["Nachweis", "Belege"]
    assert Decimal(str(_total(workbook["Nachweis"])[1])) == EXPECTED
    belege = workbook["Belege"]
    assert Decimal(str(_total(belege)[0])) == EXPECTED
    amounts = [row[6] for row in belege.iter_rows(min_row=2, values_only=True) if row[0] != "Summe"]
    assert sum(Decimal(str(a)) for a in amounts) == EXPECTED


def test_statement_xlsx_amounts_carry_the_euro_format(coordinator_client, grant):
    workbook = _workbook(coordinator_client.get("/foerderung/berichte/2026/nachweis.xlsx"))

    assert workbook["Belege"]["G2"].number_format == EURO_FORMAT


def test_statement_xlsx_has_a_sum_formula_beside_the_total(coordinator_client, grant):
    workbook = _workbook(coordinator_client.get("/foerderung/berichte/2026/nachweis.xlsx"))

    last = workbook["Belege"].max_row
    assert workbook["Belege"].cell(row=last, column=10).value == f"=SUM(G2:G{last - 1})"


def test_statement_pdf_shows_the_total_and_the_signature_block(coordinator_client, grant):
    text = _pdf_text(coordinator_client.get("/foerderung/berichte/2026/nachweis.pdf"))

    assert f"Summe der anerkannten Ausgaben {euro(EXPECTED)}" in text
    assert "Ort, Datum" in text
    assert "Unterschrift der Koordination" in text


def test_cohort_xlsx_totals_equal_sum_of_approved_expenses(
    office_client, call, grant, other_municipality
):
    approved(grant_of(call, other_municipality, 2026), "0.07")
    expected = EXPECTED + Decimal("0.07")

    workbook = _workbook(
        office_client.get(f"/geschaeftsstelle/foerderung/berichte/{call.pk}/2026/kohorte.xlsx")
    )

    assert workbook.sheetnames == ["Nachweis", "Kommunen", "Belege"]
    assert Decimal(str(_total(workbook["Nachweis"])[1])) == expected
    assert Decimal(str(_total(workbook["Kommunen"])[2])) == expected
    assert Decimal(str(_total(workbook["Belege"])[0])) == expected


def test_cohort_pdf_shows_the_total(office_client, call, grant, other_municipality):
    approved(grant_of(call, other_municipality, 2026), "0.07")
    expected = EXPECTED + Decimal("0.07")

    text = _pdf_text(
        office_client.get(f"/geschaeftsstelle/foerderung/berichte/{call.pk}/2026/kohorte.pdf")
    )

    assert f"Summe der anerkannten Ausgaben {euro(expected)}" in text


def test_office_grant_downloads_match_the_municipal_ones(office_client, grant):
    base = f"/geschaeftsstelle/foerderung/berichte/zuwendung/{grant.pk}/nachweis"

    workbook = _workbook(office_client.get(f"{base}.xlsx"))
    text = _pdf_text(office_client.get(f"{base}.pdf"))

    assert Decimal(str(_total(workbook["Belege"])[0])) == EXPECTED
    assert euro(EXPECTED) in text


def test_narrative_pdf_shows_facts_texts_and_signature(coordinator_client, call, municipality):
    report = narrative.report_for(
        call=call, municipality=municipality, kind=ReportKind.INTERIM, year=2026
    )
    narrative.report_save(
        report=report,
        measures_text="Drei Grundlagenschulungen",
        results_text="Leitlinie beschlossen",
        outlook_text="",
        actor=None,
    )

    text = _pdf_text(
        coordinator_client.get("/foerderung/berichte/sachbericht/2026/sachbericht.pdf")
    )

    assert "Drei Grundlagenschulungen" in text
    assert "Durchgeführte Schulungen" in text
    assert "Ort, Datum" in text


def test_office_narrative_pdf_of_the_final_report(office_client, call, municipality):
    report = narrative.report_for(
        call=call, municipality=municipality, kind=ReportKind.FINAL, year=None
    )
    report.status = ReportStatus.SUBMITTED
    report.save()

    response = office_client.get(
        f"/geschaeftsstelle/foerderung/berichte/sachbericht/{report.pk}/sachbericht.pdf"
    )

    assert "Sachbericht zum Verwendungsnachweis" in _pdf_text(response)


def test_statement_xlsx_keeps_a_payee_typed_as_formula_as_text(
    coordinator_client, call, municipality
):
    approved(grant_of(call, municipality, 2026), "10.00", payee='=HYPERLINK("http://x.invalid")')

    belege = _workbook(coordinator_client.get("/foerderung/berichte/2026/nachweis.xlsx"))["Belege"]

    assert (belege["C2"].value, belege["C2"].data_type) == ('=HYPERLINK("http://x.invalid")', "s")


def test_receipts_number_the_original_of_a_correction_dated_before_it(call, municipality):
    grant = grant_of(call, municipality, 2026)
    original = approved(grant, "100.00", spent_on=dt.date(2026, 6, 1))
    correction = expense_services.expense_correct(
        original=original,
        amount=Decimal("-10.00"),
        spent_on=dt.date(2026, 5, 1),
        purpose="Gutschrift",
        actor=None,
    )
    expense_services.expense_approve(
        expense=expense_services.expense_submit(expense=correction, actor=None), actor=None
    )

    receipts = statements.grant_statement(grant=grant).receipts

    assert [(r.number, r.correction_note) for r in receipts] == [
        (1, "Korrektur zu Nr. 2"),
        (2, ""),
    ]
