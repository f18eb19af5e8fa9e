"""The published recommendations in a real browser, by keyboard: the office publishes a
frozen version under CC BY 4.0; an anonymous visitor finds it in the navigation, jumps
through the table of contents, searches, filters by field of action, opens a
recommendation's stable address and downloads the PDF. axe-core runs on every page."""

import re

import pytest
from playwright.sync_api import expect

from recommendations import services
from recommendations.models import Version, VersionState
from tests.browser.test_recommendations_journey import press
from tests.browser.test_trainings_journey import log_in_by_cookie
from tests.recommendations.helpers import document_with_draft, office_user

pytestmark = pytest.mark.browser


def _frozen_version(office) -> Version:
    """1.0 with two recommendations; the second concerns staff (Personal)."""
    draft = document_with_draft(actor=office, recommendations=2, slug="he")
    staff = draft.recommendations.get(position=2)
    services.recommendation_edit(
        recommendation=staff,
        title="Vielfalt im Personal fördern",
        rationale="Teams, die die Stadt abbilden.",
        fields_of_action=["personal"],
        actor=office,
    )
    return services.version_freeze(version=draft, label="1.0", actor=office)


def test_office_publishes_and_the_public_reads_searches_filters_and_downloads(
    browser, transactional_db
):
    office = office_user()
    version = _frozen_version(office)
    log_in_by_cookie(browser, office)
    page = browser.visit(f"/geschaeftsstelle/empfehlungen/fassungen/{version.pk}/")
    main = page.get_by_role("main")

    press(browser, main.get_by_role("link", name="Fassung veröffentlichen"))
    page.get_by_role("radio", name=re.compile(r"\(CC BY 4\.0\)$")).focus()
    page.keyboard.press("Space")
    press(browser, main.get_by_role("button", name="Veröffentlichen"))
    expect(page.get_by_text("1.0 ist veröffentlicht und für alle lesbar.")).to_be_visible()
    version.refresh_from_db()
    assert (version.state, version.licence) == (VersionState.PUBLISHED, "cc-by-4.0")

    # Anyone, without an account.
    page.context.clear_cookies()
    browser.visit("/")
    press(
        browser,
        page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
            "link", name="Handlungsempfehlungen"
        ),
    )
    press(browser, page.get_by_role("main").get_by_role("link", name="Handlungsempfehlungen"))
    main = page.get_by_role("main")
    expect(main.get_by_text("Fassung 1.0, veröffentlicht am")).to_be_visible()
    expect(
        main.get_by_role(
            "link", name="Creative Commons Namensnennung 4.0 International (CC BY 4.0)"
        )
    ).to_have_attribute("href", "https://creativecommons.org/licenses/by/4.0/deed.de")
    expect(main.locator("#zitat")).to_contain_text("ECCAR (Hrsg.): Handlungsempfehlungen")

    toc = main.get_by_role("navigation", name="Inhalt")
    toc.get_by_role("link", name="1.2 Vielfalt im Personal fördern").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#empfehlung-[0-9a-f-]+$"))
    expect(main.locator(":target")).to_have_text("1.2 Vielfalt im Personal fördern")

    search = main.get_by_label("Im Text suchen")
    search.focus()
    page.keyboard.type("die Stadt")
    press(browser, main.get_by_role("button", name="Anzeigen"))
    expect(main.locator("mark")).to_have_text(["die Stadt"])
    expect(main.get_by_role("status").first).to_have_text("1 von 2 Empfehlungen passen.")

    press(browser, main.get_by_role("link", name="Alle Empfehlungen zeigen"))
    main.get_by_role("checkbox", name="Bürgerservice (1)").focus()
    page.keyboard.press("Space")
    press(browser, main.get_by_role("button", name="Anzeigen"))
    expect(main.get_by_role("heading", level=3)).to_have_text(["1.1 Empfehlung 1"])

    press(browser, main.get_by_role("link", name="Dauerhafter Link zu Empfehlung 1.1"))
    expect(page).to_have_url(re.compile(r"/empfehlungen/he/empfehlung/[0-9a-f-]+/$"))
    expect(page.get_by_role("heading", name="1.1 Empfehlung 1")).to_be_visible()
    expect(page.get_by_text("Absatz 2 der Empfehlung 1.")).to_be_visible()

    press(browser, page.get_by_role("link", name="Zur ganzen Fassung 1.0"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Fassung 1.0 als PDF herunterladen").focus()
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "he-1-0.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
