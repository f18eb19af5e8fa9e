"""The office opens a cohort's financial statement in a real browser and downloads it as
PDF and XLSX; both files show the sum of the approved expenses to the cent. axe-core
runs on every page on the way."""

import re
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Role
from funding import narrative
from funding.models import ReportKind
from funding.money import euro
from municipalities.models import Municipality
from tests import factories
from tests.funding.helpers import approved, category, funded_cohort, grant_of, submitted
from tests.helpers import login_verified

pytestmark = pytest.mark.browser
PASSWORD = factories.PASSWORD

AACHEN = ["0.10", "0.20", "12.34", "1234.56", "0.03"]
BONN = ["99.99", "7.77", "0.01"]


@pytest.fixture
def funding_world(transactional_db, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    aachen = factories.MunicipalityFactory(name="Aachen")
    bonn = factories.MunicipalityFactory(name="Bonn")
    call = funded_cohort([aachen, bonn])
    call.title_de = "Modellkommunen 2025"
    call.save()
    for amount in AACHEN:
        approved(grant_of(call, aachen, 2026), amount)
    for amount in BONN:
        approved(grant_of(call, bonn, 2026), amount, category=category("Räume und Verpflegung"))
    # Submitted but not yet approved: not part of the statement.
    submitted(grant_of(call, bonn, 2026), "500.00")
    office = factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example")
    return {"call": call, "office": office}


def log_in_as_office(browser, office):
    device = TOTPDevice.objects.create(user=office, name="App", confirmed=True)
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(office.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser.check_page()
    page.get_by_label(re.compile("Code")).first.fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bestätigen").click()
    browser.check_page()
    return page


def test_office_downloads_the_cohort_statement_with_exact_totals(browser, funding_world):
    expected = sum(Decimal(a) for a in AACHEN + BONN)
    page = log_in_as_office(browser, funding_world["office"])

    browser.visit("/geschaeftsstelle/foerderung/berichte/")
    page.get_by_role("link", name="Zahlenmäßiger Nachweis der Kohorte 2026").click()
    browser.check_page()
    assert page.locator("[data-total-approved]").inner_text() == euro(expected)
    assert page.locator("[data-total-receipts]").inner_text() == euro(expected)

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Als PDF herunterladen").click()
    reader = PdfReader(pdf.value.path())
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert f"Summe der anerkannten Ausgaben {euro(expected)}" in text

    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Als Excel-Datei herunterladen").click()
    workbook = load_workbook(BytesIO(Path(xlsx.value.path()).read_bytes()))
    totals = {
        name: next(row for row in workbook[name].iter_rows(values_only=True) if row[0] == "Summe")
        for name in ("Nachweis", "Kommunen", "Belege")
    }
    assert Decimal(str(totals["Nachweis"][2])) == expected
    assert Decimal(str(totals["Kommunen"][3])) == expected
    assert Decimal(str(totals["Belege"][7])) == expected

    page.get_by_role("link", name="Aachen").click()
    browser.check_page()
    assert page.locator("[data-total-spent]").inner_text() == euro(sum(Decimal(a) for a in AACHEN))


def _as(browser, user):
    client = Client()
    login_verified(client, user)
    browser.page.context.clear_cookies()
    browser.page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": browser.base_url}]
    )


def test_every_report_page_passes_axe(browser, funding_world):
    call = funding_world["call"]
    aachen = Municipality.objects.get(name="Aachen")
    coordinator = factories.CoordinatorFactory(municipality=aachen)
    report = narrative.report_for(
        call=call, municipality=aachen, kind=ReportKind.INTERIM, year=2026
    )
    narrative.report_submit(
        report=narrative.report_save(
            report=report,
            measures_text="Zwei Schulungen",
            results_text="Leitlinie",
            outlook_text="",
            actor=coordinator,
        ),
        actor=coordinator,
    )

    _as(browser, coordinator)
    for path in (
        "/foerderung/berichte/",
        "/foerderung/berichte/2026/",
        "/foerderung/berichte/sachbericht/2026/",
        "/foerderung/berichte/gesamt/",
        "/foerderung/berichte/sachbericht/abschluss/",
    ):
        browser.visit(path)
    assert browser.page.get_by_label("Ergebnisse und Wirkungen").count() == 1

    _as(browser, funding_world["office"])
    grant = grant_of(call, aachen, 2026)
    for path in (
        "/geschaeftsstelle/foerderung/berichte/",
        f"/geschaeftsstelle/foerderung/berichte/zuwendung/{grant.pk}/",
        f"/geschaeftsstelle/foerderung/berichte/{call.pk}/sachberichte/",
        f"/geschaeftsstelle/foerderung/berichte/{call.pk}/gesamt/",
        f"/geschaeftsstelle/foerderung/berichte/{call.pk}/kommune/{aachen.pk}/gesamt/",
        f"/geschaeftsstelle/foerderung/berichte/sachbericht/{report.pk}/",
    ):
        browser.visit(path)
    browser.page.get_by_role("button", name="Zur Überarbeitung zurückgeben").click()
    browser.check_page()
    assert browser.page.get_by_text("Bitte geben Sie an, was zu ändern ist.").count() >= 1
