"""A field test in a real browser: the coordinator of a model municipality plans a test
of a recommendation, records its result with an evidence PDF; the office finds it in
the matrix and on the recommendation's results page. axe-core runs on every page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recommendations.models import FieldTest
from tests import factories
from tests.browser.test_trainings_journey import log_in_by_cookie
from tests.helpers import minimal_pdf
from tests.programme_helpers import model_cohort
from tests.recommendations.field_test_helpers import frozen_version
from tests.recommendations.helpers import office_user

pytestmark = pytest.mark.browser


def submit(browser, name: str):
    with browser.page.expect_navigation():
        browser.page.get_by_role("main").get_by_role("button", name=name).click()
    browser.check_page()


def test_a_field_test_from_plan_to_the_office_matrix(browser, transactional_db, tmp_path):
    version = frozen_version()
    coordinator = factories.CoordinatorFactory(
        municipality=factories.MunicipalityFactory(name="Jena")
    )
    model_cohort([coordinator.municipality])
    log_in_by_cookie(browser, coordinator)

    page = browser.visit("/programmbereich/praxistests/")
    main = page.get_by_role("main")
    with page.expect_navigation():
        main.get_by_role("link", name="Praxistest planen").click()
    browser.check_page()
    main.get_by_label("Handlungsempfehlung").select_option(label="1.2 Empfehlung 2")
    main.get_by_label("Fachbereich").select_option(label="Jobcenter")
    main.get_by_label("Was wird erprobt?").fill("Rückrufe statt Wartenummern")
    main.get_by_label("Wo (Stelle, Team)?").fill("Jobcenter Nord")
    main.get_by_label("Wer ist verantwortlich?").fill("Teamleitung")
    main.get_by_label("Beginn").fill(str(timezone.localdate() - dt.timedelta(days=60)))
    main.get_by_label("Ende").fill(str(timezone.localdate() - dt.timedelta(days=5)))
    submit(browser, "Praxistest planen")
    expect(main.get_by_text("Stand: geplant")).to_be_visible()

    main.get_by_label("teilweise umgesetzt").check()
    main.get_by_label("Beobachtungen").fill("Weniger Rückfragen am Schalter.")
    main.get_by_label("Vorschlag für den Text der Empfehlung").fill("Rückrufe binnen zwei Tagen.")
    submit(browser, "Ergebnis speichern")
    expect(main.get_by_text("Stand: abgeschlossen – teilweise umgesetzt")).to_be_visible()

    pdf = tmp_path / "leitfaden.pdf"
    pdf.write_bytes(minimal_pdf())
    main.get_by_label("Titel des Nachweises").fill("Leitfaden Rückruf")
    main.get_by_label("Datei (PDF)").set_input_files(str(pdf))
    submit(browser, "Nachweis hochladen")
    expect(
        main.get_by_role("link", name="Leitfaden Rückruf (leitfaden.pdf) herunterladen")
    ).to_be_visible()

    test = FieldTest.objects.get()
    assert (test.state, test.result) == ("done", "partly")

    browser.page.context.clear_cookies()
    log_in_by_cookie(browser, office_user())
    page = browser.visit(f"/geschaeftsstelle/empfehlungen/praxistests/{version.document_id}/")
    main = page.get_by_role("main")
    expect(main.get_by_role("columnheader", name="Jena")).to_be_visible()
    expect(main.get_by_text("abgeschlossen: teilweise umgesetzt").first).to_be_attached()
    with page.expect_navigation():
        main.get_by_role("link", name="1.2 Empfehlung 2 – alle Ergebnisse").click()
    browser.check_page()
    expect(main.get_by_text("Weniger Rückfragen am Schalter.")).to_be_visible()
    expect(main.get_by_text("Rückrufe binnen zwei Tagen.")).to_be_visible()
    expect(main.get_by_role("link", name="Leitfaden Rückruf (Jena)")).to_be_visible()
