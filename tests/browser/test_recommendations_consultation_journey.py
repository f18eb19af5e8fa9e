"""The whole way of a text through a consultation, in a real browser and by keyboard: a
coordinator comments on a paragraph and on a passage; the office answers both, closes the
round as evaluated, publishes the Synopse, makes the next version and publishes it; the
coordinator reads the answer and what changed; anyone reads the published version and
downloads its PDF. axe-core runs on every page."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recommendations.models import Comment, ConsultationRound, Version, VersionState
from tests.browser.test_recommendations_journey import link, press, type_into
from tests.browser.test_trainings_journey import log_in_by_cookie
from tests.recommendations.helpers import office_user
from tests.recommendations.round_helpers import frozen_version, model_coordinator, running_round

pytestmark = pytest.mark.browser


def choose(page, name: str):
    page.get_by_role("radio", name=name).focus()
    page.keyboard.press("Space")


def test_from_comment_to_answer_to_published_version(browser, transactional_db):
    office = office_user()
    version = frozen_version(actor=office, slug="handlungsempfehlungen")
    round = running_round(actor=office, version=version)
    coordinator = model_coordinator(full_name="Kim Koordination")

    # The coordinator comments, by keyboard only.
    log_in_by_cookie(browser, coordinator)
    page = browser.visit("/beteiligung/")
    press(browser, page.get_by_role("main").get_by_role("link", name="Erste Beteiligung"))
    press(browser, page.get_by_role("link", name=re.compile(r"^1\.1 Empfehlung 1")))
    press(browser, page.get_by_role("link", name=re.compile(r"^Kommentieren\W+Absatz 1$")))
    choose(page, "Bedenken")
    type_into(browser, "Kommentar", "Wer prüft das?")
    press(browser, page.get_by_role("button", name="Kommentar speichern"))
    expect(page.get_by_text("Ihr Kommentar ist gespeichert.")).to_be_visible()

    press(browser, page.get_by_role("link", name=re.compile(r"^Kommentieren\W+Absatz 2$")))
    choose(page, "Vorschlag mit Formulierung")
    type_into(browser, "Markierte Stelle (optional)", "Absatz 2")
    type_into(browser, "Kommentar", "Das sagt Lesenden nichts.")
    page.get_by_role("textbox", name=re.compile("^Vorgeschlagene Formulierung")).focus()
    page.keyboard.type("Der zweite Schritt")
    press(browser, page.get_by_role("button", name="Kommentar speichern"))
    expect(page.get_by_text("„Absatz 2“")).to_be_visible()
    concern = Comment.objects.get(text="Wer prüft das?")
    proposal = Comment.objects.get(text="Das sagt Lesenden nichts.")
    assert (proposal.quote, proposal.quote_start, proposal.quote_end) == ("Absatz 2", 0, 8)

    # The round ends.
    ConsultationRound.objects.filter(pk=round.pk).update(
        ends_at=timezone.now() - dt.timedelta(minutes=1)
    )

    # The office answers both, closes the round and publishes the answers.
    log_in_by_cookie(browser, office)
    page = browser.visit(f"/geschaeftsstelle/empfehlungen/runden/{round.pk}/")
    press(
        browser,
        page.get_by_role("main").get_by_role("link", name="Kommentare beantworten und auswerten"),
    )
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="0 von 2 Kommentaren beantwortet")).to_be_visible()
    for target, status, reason in (
        (concern, "nicht übernommen", "Das prüft die Fachaufsicht."),
        (proposal, "übernommen", "Wir übernehmen Ihre Formulierung."),
    ):
        item = page.get_by_role("main").locator(f"#kommentar-{target.pk}")
        item.get_by_label(status, exact=True).focus()
        page.keyboard.press("Space")
        item.get_by_label("Begründung").focus()
        page.keyboard.type(reason)
        press(browser, item.get_by_role("button", name="Antwort speichern"))
        expect(page.get_by_text("Die Antwort ist gespeichert.")).to_be_visible()
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="2 von 2 Kommentaren beantwortet")).to_be_visible()
    press(browser, main.get_by_role("button", name="Runde als ausgewertet abschließen"))
    press(browser, page.get_by_role("main").get_by_role("link", name="Antworten veröffentlichen"))
    press(browser, page.get_by_role("button", name="Ja, Antworten veröffentlichen"))
    expect(page.get_by_text("Die Antworten sind veröffentlicht.")).to_be_visible()

    # The office makes the next version with the adopted wording and publishes it.
    page = browser.visit(f"/geschaeftsstelle/empfehlungen/{version.document_id}/")
    press(browser, page.get_by_role("button", name="Nächsten Entwurf anlegen"))
    press(browser, link(page, "Absatz bearbeiten", "Absatz 2 der Empfehlung 1.1"))
    type_into(browser, "Text des Absatzes", "Der zweite Schritt der Empfehlung 1.")
    press(browser, page.get_by_role("button", name="Speichern"))
    press(browser, page.get_by_role("link", name="Fassung einfrieren"))
    type_into(browser, "Bezeichnung der eingefrorenen Fassung", "2.0")
    press(browser, page.get_by_role("button", name="Fassung einfrieren"))
    press(browser, page.get_by_role("main").get_by_role("link", name="Fassung veröffentlichen"))
    page.get_by_role("radio", name=re.compile(r"\(CC BY 4\.0\)$")).focus()
    page.keyboard.press("Space")
    press(browser, page.get_by_role("main").get_by_role("button", name="Veröffentlichen"))
    expect(page.get_by_text("2.0 ist veröffentlicht und für alle lesbar.")).to_be_visible()
    assert Version.objects.get(label="2.0").state == VersionState.PUBLISHED

    # The coordinator reads the answer and sees what became of the text.
    log_in_by_cookie(browser, coordinator)
    page = browser.visit(f"/beteiligung/runden/{round.pk}/")
    press(browser, page.get_by_role("link", name=re.compile(r"^1\.1 Empfehlung 1")))
    main = page.get_by_role("main")
    expect(main.get_by_text("Wir übernehmen Ihre Formulierung.")).to_be_visible()
    expect(main.get_by_text("Das prüft die Fachaufsicht.")).to_be_visible()
    press(browser, page.get_by_role("link", name=re.compile("^Zurück zur Runde")))
    press(browser, page.get_by_role("link", name="Antworten des Programmbüros (Synopse)"))
    expect(
        page.get_by_role("main").get_by_text("Wir übernehmen Ihre Formulierung.")
    ).to_be_visible()
    page = browser.visit(f"/beteiligung/runden/{round.pk}/")
    press(browser, page.get_by_role("link", name="Was aus der Fassung wurde"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Von 1.0 zu 2.0")).to_be_visible()
    expect(main.locator("ins").filter(has_text="zweite Schritt")).to_have_count(1)

    # Anyone reads the published version and downloads its PDF.
    page.context.clear_cookies()
    page = browser.visit("/empfehlungen/handlungsempfehlungen/")
    expect(page.get_by_role("main").get_by_text("Fassung 2.0, veröffentlicht am")).to_be_visible()
    expect(
        page.get_by_role("main").get_by_text("Der zweite Schritt der Empfehlung 1.")
    ).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Fassung 2.0 als PDF herunterladen").focus()
        page.keyboard.press("Enter")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
