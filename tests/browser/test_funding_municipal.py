"""Money in a real browser: a coordinator enters an expense with its receipt and submits
it; an expense that would pass the year's grant is refused with the reason at the amount.
axe-core runs on every page visited, forms with errors included."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from funding import services
from funding.models import Expense, ExpenseStatus
from tests import factories
from tests.funding.helpers import approved
from tests.helpers import minimal_pdf
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.browser


def periods_around(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Programme years around ``today``, so today's calendar year is a funding year."""
    first = (today - dt.timedelta(days=200), today + dt.timedelta(days=165))
    second = (first[1] + dt.timedelta(days=1), first[1] + dt.timedelta(days=365))
    return [first, second]


@pytest.fixture
def funding_world(transactional_db):
    municipality = factories.MunicipalityFactory(name="Jena")
    coordinator = factories.CoordinatorFactory(
        municipality=municipality, email="koordination@jena.example"
    )
    call = model_cohort([municipality], periods=periods_around(timezone.localdate()))
    services.funding_ensure(call=call)
    grant = call.funding_years.get(year=timezone.localdate().year).grants.get()
    return {"coordinator": coordinator, "grant": grant}


def log_in(browser, email_address):
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email_address)
    page.get_by_label("Passwort", exact=True).fill(factories.PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser.check_page()
    return page


def fill_expense(page, *, amount, receipt_path):
    page.get_by_label("Datum der Zahlung").fill(timezone.localdate().isoformat())
    page.get_by_label("Empfänger*in").fill("Tagungshaus Am See")
    page.get_by_label("Zweck").fill("Raummiete Auftaktschulung")
    page.get_by_label("Kategorie").select_option(label="Räume und Verpflegung")
    page.get_by_label("Maßnahme", exact=True).select_option(value="other")
    page.get_by_label("Andere Maßnahme").fill("Auftaktveranstaltung")
    page.get_by_label("Betrag", exact=True).fill(amount)
    page.get_by_label("Beleg (PDF)").set_input_files(str(receipt_path))


def test_coordinator_enters_an_expense_with_receipt_and_submits_it(
    browser, funding_world, tmp_path
):
    receipt = tmp_path / "Rechnung-Tagungshaus.pdf"
    receipt.write_bytes(minimal_pdf())
    year = funding_world["grant"].funding_year.year

    page = log_in(browser, "koordination@jena.example")
    page = browser.visit("/foerderung/")
    page.get_by_role("link", name=f"Förderjahr {year}").first.click()
    browser.check_page()
    page.get_by_role("link", name="Ausgabe erfassen").click()
    browser.check_page()

    fill_expense(page, amount="1.250,40", receipt_path=receipt)
    page.get_by_role("button", name="Speichern und einreichen").click()
    browser.check_page()
    expect(page.get_by_text("Die Ausgabe ist eingereicht.")).to_be_visible()
    expect(page.locator(".status-badge")).to_have_text("eingereicht")
    expect(page.get_by_role("link", name="Rechnung-Tagungshaus.pdf herunterladen")).to_be_visible()

    page.get_by_role("link", name=f"Zurück zum Förderjahr {year}").click()
    browser.check_page()
    row = page.locator("tbody tr", has_text="Raummiete Auftaktschulung")
    expect(row).to_contain_text("1.250,40 €")
    expect(row).to_contain_text("eingereicht")
    expense = Expense.objects.get()
    assert (expense.status, expense.amount) == (ExpenseStatus.SUBMITTED, Decimal("1250.40"))


def test_expense_beyond_the_grant_is_refused_with_the_reason_at_the_amount(
    browser, funding_world, tmp_path
):
    receipt = tmp_path / "Rechnung.pdf"
    receipt.write_bytes(minimal_pdf())
    grant = funding_world["grant"]
    approved(grant, "9900.00", spent_on=timezone.localdate())

    log_in(browser, "koordination@jena.example")
    page = browser.visit(f"/foerderung/{grant.funding_year.year}/ausgaben/neu/")
    fill_expense(page, amount="200,00", receipt_path=receipt)
    page.get_by_role("button", name="Speichern und einreichen").click()
    browser.check_page()

    cap = (
        f"Diese Ausgabe (200,00 €) übersteigt die Zuwendung für {grant.funding_year.year}: "
        "bewilligt 10.000,00 €, bereits eingereicht oder anerkannt 9.900,00 €, noch "
        "verfügbar 100,00 €."
    )
    expect(page.locator("#id_amount_error")).to_have_text(cap)
    expect(page.get_by_text(f"Entwurf gespeichert, aber nicht eingereicht: {cap}")).to_be_visible()
    expect(page.get_by_label("Betrag", exact=True)).to_have_value("200,00")
    assert Expense.objects.get(amount=Decimal("200.00")).status == ExpenseStatus.DRAFT


def test_error_keeps_what_was_typed_and_asks_for_the_receipt_again_by_keyboard(
    browser, funding_world, tmp_path
):
    receipt = tmp_path / "Quittung.pdf"
    receipt.write_bytes(minimal_pdf())
    grant = funding_world["grant"]

    log_in(browser, "koordination@jena.example")
    page = browser.visit(f"/foerderung/{grant.funding_year.year}/ausgaben/neu/")
    fill_expense(page, amount="12,345", receipt_path=receipt)
    # Enter in a text field sends the form with its first button, "Als Entwurf speichern".
    page.get_by_label("Betrag", exact=True).press("Enter")
    browser.check_page()

    amount = page.get_by_label("Betrag", exact=True)
    expect(amount).to_have_value("12,345")
    expect(amount).to_have_attribute("aria-describedby", "id_amount_helptext id_amount_error")
    expect(page.locator("#id_amount_error")).to_have_text(
        "Bitte geben Sie einen Betrag in Euro ein, z. B. 1.234,56."
    )
    expect(page.get_by_label("Empfänger*in")).to_have_value("Tagungshaus Am See")
    expect(page.locator("#id_receipt_helptext")).to_have_text(
        "Die gewählte Datei Quittung.pdf ist noch nicht gespeichert; bitte wählen Sie sie "
        "erneut aus."
    )
    assert not Expense.objects.exists()
