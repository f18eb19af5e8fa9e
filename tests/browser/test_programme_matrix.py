"""The office reads the cohort matrix in a real browser, opens a cell, and exports the
matrix as XLSX and PDF; a coordinator reads the dashboard. axe-core runs on every page."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Role
from tests import factories
from tests.programme_helpers import berlin, model_cohort, session

pytestmark = pytest.mark.browser
PASSWORD = factories.PASSWORD


def log_in(browser, email_address):
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email_address)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser.check_page()
    return page


@pytest.fixture
def matrix_world(transactional_db):
    aachen = factories.MunicipalityFactory(name="Aachen")
    bonn = factories.MunicipalityFactory(name="Bonn")
    call = model_cohort([aachen, bonn])
    call.title_de = "Modellkommunen 2025"
    call.save()
    session(call, aachen, berlin(2026, 2, 3, 10, 0))
    session(call, aachen, berlin(2026, 6, 3, 10, 0))
    office = factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example")
    return {"call": call, "office": office}


def test_office_reads_the_matrix_opens_a_cell_and_exports(browser, matrix_world, tmp_path):
    device = TOTPDevice.objects.create(user=matrix_world["office"], name="App", confirmed=True)
    page = log_in(browser, "buero@eccar.example")
    page.get_by_label(re.compile("Code")).first.fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bestätigen").click()
    browser.check_page()

    browser.visit("/geschaeftsstelle/")
    page.get_by_role("link", name="Programmdurchführung: Zusagen der Modellkommunen").click()
    browser.check_page()
    page.get_by_role("link", name="Modellkommunen 2025").click()
    browser.check_page()
    page.get_by_role("link", name=re.compile(r"^1\. Programmjahr")).click()
    browser.check_page()

    rows = page.locator("table.matrix-table tbody tr")
    assert rows.locator("th").all_inner_texts() == ["Aachen", "Bonn"]
    training_cell = rows.first.locator("td").first
    assert training_cell.inner_text().startswith("✓ erfüllt 2/2")
    # Its name begins with what it shows, so a speech user can say it (WCAG 2.5.3).
    named = training_cell.get_by_role("link", name=re.compile(r"^erfüllt 2\/2 – Aachen, \w"))
    assert named.count() == 1
    # The matrix can be passed over in one step instead of a Tab stop per cell.
    page.get_by_role("link", name="Matrix überspringen, weiter zu den Zeichen und Regeln").click()
    assert page.evaluate("document.activeElement.id") == "legend-title"

    training_cell.get_by_role("link").click()
    browser.check_page()
    commitment = page.locator("[data-commitment=training_sessions]")
    assert "erfasst 2 von 2" in commitment.inner_text()
    page.go_back()

    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Als Excel-Datei (alle Jahre)").click()
    workbook = load_workbook(BytesIO(Path(xlsx.value.path()).read_bytes()))
    sheet = list(workbook["Jahr 1"].iter_rows(values_only=True))
    assert [row[0] for row in sheet[2:]] == ["Aachen", "Bonn"]
    assert sheet[2][2] == "✓ erfüllt (2/2)"

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Als PDF (dieses Jahr)").click()
    text = "".join(p.extract_text() for p in PdfReader(pdf.value.path()).pages)
    assert "Aachen" in text and "Bonn" in text

    page.get_by_role("link", name="Alle Programmjahre nebeneinander").click()
    browser.check_page()
    assert page.get_by_role("columnheader", name="3. Programmjahr").count() == 1
