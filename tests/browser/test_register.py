"""The register journeys in a real browser, with axe-core on every page."""

import pytest
from django.test import Client

from accounts.models import Role
from municipalities.models import RegisterImport
from municipalities.services import register_import
from tests.factories import CoordinatorFactory, RegisterImportFactory, UserFactory
from tests.helpers import login_verified
from tests.municipalities.conftest import SMALL_CSV

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(browser, user):  # noqa: F811 -- the fixture's value is passed in
    """Hand the browser a session in which ``user`` has passed the second factor."""
    client = Client()
    login_verified(client, user)
    browser.page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": browser.base_url}]
    )


def test_office_imports_the_register_and_browses_it(browser, tmp_path):  # noqa: F811
    log_in(browser, UserFactory(role=Role.OFFICE))
    broken = tmp_path / "kaputt.csv"
    broken.write_text(
        SMALL_CSV.read_text(encoding="utf-8-sig").replace(" 90 164,", " abc,"), encoding="utf-8"
    )

    page = browser.visit("/geschaeftsstelle/register/")
    page.set_input_files("#id_file", str(broken))
    page.get_by_role("button", name="Einlesen").click()
    browser.check_page()
    error = page.locator("#id_file_error").inner_text()

    page.set_input_files("#id_file", str(SMALL_CSV))
    page.get_by_role("button", name="Einlesen").click()
    browser.check_page()
    status_path = page.url.removeprefix(browser.base_url)
    message = page.locator("#import-status .kern-alert").inner_text()
    levels = page.locator("#import-report tbody tr").all_inner_texts()

    page.get_by_role("link", name="Zurück zum Gemeindeverzeichnis").click()
    browser.check_page()
    page.get_by_role("link", name="Register durchsuchen").click()
    page.get_by_label("Name, Schlüssel oder Postleitzahl").fill("Luebeck")
    page.get_by_role("button", name="Filtern").click()
    browser.check_page()
    rows = page.locator("tbody tr").all_inner_texts()

    job = RegisterImport.objects.get()
    assert error == "Zeile 5: Einwohnerzahl „abc“ ist keine Zahl."
    assert status_path == f"/geschaeftsstelle/register/importe/{job.pk}/"
    assert message.startswith("Das Gemeindeverzeichnis wurde eingelesen: 15 neu")
    assert levels == ["Länder\t2\t0\t0", "Kreise\t6\t0\t0", "Gemeinden\t7\t0\t0"]
    assert [row.split("\t")[0] for row in rows] == ["01003", "01003000"]


def test_office_watches_a_running_import_finish(browser):  # noqa: F811
    log_in(browser, UserFactory(role=Role.OFFICE))
    job = RegisterImportFactory(
        status=RegisterImport.Status.RUNNING, progress_done=2000, progress_total=11421
    )

    page = browser.visit(f"/geschaeftsstelle/register/importe/{job.pk}/")
    running = page.locator("#import-fortschritt-text").inner_text()
    RegisterImport.objects.filter(pk=job.pk).update(progress_done=6000)
    page.get_by_text("6.000 von 11.421 Einträgen verarbeitet").wait_for()
    browser.check_page()
    register_import(file=SMALL_CSV.read_bytes(), source_name="klein.csv", job=job)
    page.locator("#import-report h2").wait_for()
    browser.check_page()
    status = page.locator("#import-status p").first.inner_text()

    assert running == "2.000 von 11.421 Einträgen verarbeitet"
    assert status == "Status: abgeschlossen"
    assert page.locator("[hx-trigger]").count() == 0
    assert page.locator("#import-report tbody tr").count() == 3


def test_applicant_finds_a_kommune_while_typing(browser):  # noqa: F811
    register_import(file=SMALL_CSV.read_bytes(), source_name="klein.csv")
    log_in(browser, CoordinatorFactory())

    page = browser.visit("/kommunen/suche/")
    page.get_by_label("Name, Postleitzahl oder Gemeindeschlüssel").press_sequentially("Müns")
    page.locator("#kommunen-treffer li").first.wait_for()
    browser.check_page()

    assert page.locator("#kommunen-treffer li").all_inner_texts()[0].startswith("Neumünster, Stadt")
