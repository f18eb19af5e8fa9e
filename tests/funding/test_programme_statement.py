"""The statement for the final proof of use: every funding year of the programme, for
one municipality and for the whole cohort, on screen, as PDF and as XLSX. Each year
keeps its own subtotal; the totals are the sums of the approved expenses of all years."""

import datetime as dt
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from funding import services, statements
from funding.money import euro
from tests import factories
from tests.funding.helpers import approved, category, funded_cohort, grant_of, submitted
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

AMOUNTS_2025 = ["0.10", "12.34", "1234.56"]
AMOUNTS_2026 = ["0.20", "99.99", "45.05", "0.01"]
SUM_2025 = Decimal("1247.00")
SUM_2026 = Decimal("145.25")
TOTAL = SUM_2025 + SUM_2026

MUNICIPAL = "/foerderung/berichte/gesamt/"


@pytest.fixture
def call(municipality, other_municipality):
    return funded_cohort([municipality, other_municipality])


@pytest.fixture
def spent(call, municipality):
    """Approved expenses of A in 2025 and 2026, in two categories, and one still open."""
    rooms = category("Räume und Verpflegung")
    for index, amount in enumerate(AMOUNTS_2025):
        approved(
            grant_of(call, municipality, 2025),
            amount,
            category=rooms if index else None,
            spent_on=dt.date(2025, 11, 15),
        )
    for amount in AMOUNTS_2026:
        approved(grant_of(call, municipality, 2026), amount, spent_on=dt.date(2026, 2, 1))
    submitted(grant_of(call, municipality, 2026), "500.00")


@pytest.fixture
def coordinator_client(client, coordinator):
    login_verified(client, coordinator)
    return client


def _cell(html: str, marker: str) -> str:
    match = re.search(rf"{marker}>([^<]*)<", html)
    assert match, marker
    return match.group(1)


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def _workbook(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


def _row(sheet, label):
    """The numbers of the first row whose first cell is ``label``, as Decimals."""
    for row in sheet.iter_rows(values_only=True):
        if row[0] == label:
            return [Decimal(str(v)) for v in row[1:] if isinstance(v, int | float | Decimal)]
    raise AssertionError(f"no row {label!r}")


# --- the municipality ---------------------------------------------------------------------


def test_programme_statement_page_totals_equal_approved_expenses_of_both_years(
    coordinator_client, spent
):
    html = coordinator_client.get(MUNICIPAL).content.decode()

    assert euro(TOTAL) == "1.392,25 €"
    assert _cell(html, "data-total-approved") == euro(TOTAL)
    assert _cell(html, "data-total-spent") == euro(TOTAL)
    assert _cell(html, "data-total-receipts") == euro(TOTAL)


def test_programme_statement_page_shows_each_years_subtotal(coordinator_client, spent):
    html = coordinator_client.get(MUNICIPAL).content.decode()

    assert _cell(html, 'data-year-spent="2025"') == euro(SUM_2025)
    assert _cell(html, 'data-year-spent="2026"') == euro(SUM_2026)
    assert _cell(html, 'data-year-approved="2028"') == "0,00 €"


def test_programme_statement_keeps_each_years_categories_apart(call, municipality, spent):
    data = statements.programme_statement(call=call, municipality=municipality)

    by_year = {
        y.year: {line.category.name: line.spent for line in y.statement.lines if line.spent}
        for y in data.years
    }
    assert by_year[2025] == {
        "Honorare für Trainer*innen": Decimal("0.10"),
        "Räume und Verpflegung": Decimal("1246.90"),
    }
    assert by_year[2026] == {"Honorare für Trainer*innen": SUM_2026}
    trainers = next(line for line in data.lines if line.category.name.startswith("Honorare"))
    assert trainers.spent_by_year == [Decimal("0.10"), SUM_2026, Decimal("0"), Decimal("0")]
    assert trainers.spent == Decimal("145.35")


def test_programme_statement_numbers_receipts_over_all_years(call, municipality, spent):
    data = statements.programme_statement(call=call, municipality=municipality)

    assert [(r.number, r.expense.grant.funding_year.year) for r in data.receipts] == [
        (1, 2025),
        (2, 2025),
        (3, 2025),
        (4, 2026),
        (5, 2026),
        (6, 2026),
        (7, 2026),
    ]
    assert [r.number for r in data.years[1].receipts] == [4, 5, 6, 7]


def test_programme_statement_lists_payment_requests_of_all_years(
    coordinator_client, call, municipality, spent
):
    for year, amount in ((2025, "1000.00"), (2026, "100.50")):
        services.payment_request_create(
            grant=grant_of(call, municipality, year), amount=Decimal(amount), note="", actor=None
        )

    html = coordinator_client.get(MUNICIPAL).content.decode()

    assert _cell(html, "data-total-payments") == euro(Decimal("1100.50"))


def test_programme_statement_pdf_shows_the_totals_and_subtotals(coordinator_client, spent):
    text = _pdf_text(coordinator_client.get("/foerderung/berichte/gesamt.pdf"))

    assert euro(TOTAL) in text
    assert euro(SUM_2025) in text
    assert euro(SUM_2026) in text
    assert "Belegliste aller Förderjahre" in text


def test_programme_statement_xlsx_totals_equal_approved_expenses(coordinator_client, spent):
    workbook = _workbook(coordinator_client.get("/foerderung/berichte/gesamt.xlsx"))

    assert workbook.sheetnames == ["Nachweis", "Belege"]
    sheet = workbook["Nachweis"]
    assert _row(sheet, "Summe")[2] == TOTAL  # amount, planned, approved, ...
    assert _row(sheet, "Summe 2025")[1] == SUM_2025
    assert _row(sheet, "Summe 2026")[1] == SUM_2026
    assert _row(workbook["Belege"], "Summe")[0] == TOTAL


def test_programme_statement_xlsx_names_the_year_of_each_receipt(coordinator_client, spent):
    workbook = _workbook(coordinator_client.get("/foerderung/berichte/gesamt.xlsx"))

    years = [row[1] for row in workbook["Belege"].iter_rows(min_row=2, values_only=True)]
    assert years[:-1] == [2025, 2025, 2025, 2026, 2026, 2026, 2026]


def test_programme_statement_of_another_municipality_is_never_shown(
    client, spent, other_municipality
):
    login_verified(client, factories.CoordinatorFactory(municipality=other_municipality))

    html = client.get(MUNICIPAL).content.decode()

    assert other_municipality.name in html
    assert "Trainerin Beispiel" not in html
    assert _cell(html, "data-total-approved") == "0,00 €"


def test_programme_statement_outside_the_programme_answers_404(client, call):
    login_verified(client, factories.CoordinatorFactory())

    assert client.get(MUNICIPAL).status_code == 404


def test_programme_statement_is_linked_from_the_reports_and_the_final_report(
    coordinator_client, call
):
    index = coordinator_client.get("/foerderung/berichte/").content.decode()
    final = coordinator_client.get("/foerderung/berichte/sachbericht/abschluss/").content.decode()

    assert f'href="{MUNICIPAL}"' in index
    assert f'href="{MUNICIPAL}"' in final


def _municipal_queries(client, grants, receipts: int) -> int:
    for grant in grants:
        for _ in range(receipts):
            approved(grant, "1.01", spent_on=dt.date(grant.funding_year.year, 12, 1))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(MUNICIPAL)
    assert response.status_code == 200
    return len(queries)


def test_programme_statement_queries_do_not_grow_with_the_receipts(
    coordinator_client, call, municipality, other_municipality
):
    few = _municipal_queries(
        coordinator_client, [grant_of(call, municipality, y) for y in (2025, 2026)], 1
    )
    coordinator_client.logout()
    login_verified(
        coordinator_client, factories.CoordinatorFactory(municipality=other_municipality)
    )

    many = _municipal_queries(
        coordinator_client, [grant_of(call, other_municipality, y) for y in (2025, 2026)], 15
    )

    assert few == many


# --- the office ---------------------------------------------------------------------------


def _office(call, rest=""):
    return f"/geschaeftsstelle/foerderung/berichte/{call.pk}/{rest}"


def test_programme_cohort_page_totals_equal_approved_expenses_of_all(
    office_client, call, other_municipality, spent
):
    approved(grant_of(call, other_municipality, 2026), "0.75")

    html = office_client.get(_office(call, "gesamt/")).content.decode()

    assert _cell(html, "data-total-municipalities") == euro(TOTAL + Decimal("0.75"))
    assert _cell(html, "data-total-spent") == euro(TOTAL + Decimal("0.75"))
    assert _cell(html, 'data-year-spent="2026"') == euro(SUM_2026 + Decimal("0.75"))


def test_programme_cohort_rows_add_up_each_municipality(
    call, municipality, other_municipality, spent
):
    approved(grant_of(call, other_municipality, 2026), "3.30")

    data = statements.programme_statement(call=call)

    rows = {row.municipality: row for row in data.rows}
    assert rows[municipality].approved == TOTAL
    assert rows[other_municipality].approved == Decimal("3.30")
    assert [g.approved for g in rows[municipality].by_year] == [
        SUM_2025,
        SUM_2026,
        Decimal("0"),
        Decimal("0"),
    ]


def test_programme_cohort_pdf_shows_the_total(office_client, call, spent):
    text = _pdf_text(office_client.get(_office(call, "gesamt.pdf")))

    assert euro(TOTAL) in text
    assert euro(SUM_2026) in text


def test_programme_cohort_xlsx_totals_equal_approved_expenses(office_client, call, spent):
    workbook = _workbook(office_client.get(_office(call, "gesamt.xlsx")))

    assert workbook.sheetnames == ["Nachweis", "Kommunen", "Belege"]
    assert _row(workbook["Nachweis"], "Summe")[2] == TOTAL
    assert _row(workbook["Nachweis"], "Summe 2025")[1] == SUM_2025
    assert _row(workbook["Kommunen"], "Summe")[2] == TOTAL
    assert _row(workbook["Belege"], "Summe")[0] == TOTAL


def test_programme_office_municipality_page_shows_its_money(
    office_client, call, municipality, spent
):
    html = office_client.get(_office(call, f"kommune/{municipality.pk}/gesamt/")).content.decode()

    assert _cell(html, "data-total-approved") == euro(TOTAL)


def test_programme_office_municipality_downloads_show_its_total(
    office_client, call, municipality, spent
):
    base = _office(call, f"kommune/{municipality.pk}/")

    text = _pdf_text(office_client.get(base + "gesamt.pdf"))
    workbook = _workbook(office_client.get(base + "gesamt.xlsx"))

    assert euro(TOTAL) in text
    assert _row(workbook["Nachweis"], "Summe")[2] == TOTAL


def test_programme_office_municipality_outside_the_cohort_answers_404(office_client, call):
    stranger = factories.MunicipalityFactory()

    response = office_client.get(_office(call, f"kommune/{stranger.pk}/gesamt/"))

    assert response.status_code == 404


def test_programme_cohort_is_linked_from_the_office_pages(office_client, call):
    index = office_client.get("/geschaeftsstelle/foerderung/berichte/").content.decode()
    cohort = office_client.get(_office(call, "2025/")).content.decode()

    assert f'href="{_office(call, "gesamt/")}"' in index
    assert f'href="{_office(call, "gesamt/")}"' in cohort


def _cohort_queries(client, size: int) -> int:
    municipalities = [factories.MunicipalityFactory() for _ in range(size)]
    call = funded_cohort(municipalities)
    for municipality in municipalities[:2]:
        for year in (2025, 2026):
            grant = grant_of(call, municipality, year)
            approved(grant, "10.01", spent_on=dt.date(year, 12, 1))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_office(call, "gesamt/"))
    assert response.status_code == 200
    return len(queries)


def test_programme_cohort_queries_do_not_grow_with_the_cohort(office_client):
    assert _cohort_queries(office_client, 2) == _cohort_queries(office_client, 20)
