"""A consultation round in a real browser, by keyboard only: a coordinator opens a running
round, comments on a paragraph and on a passage of another, takes a selected passage over
with the button, replies to a colleague's comment, and after the end finds everything
readable and nothing to change. axe-core runs on every page."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recommendations import consultation
from recommendations.models import Comment, ConsultationRound
from tests.browser.test_recommendations_journey import press, type_into
from tests.browser.test_trainings_journey import log_in_by_cookie
from tests.recommendations.helpers import office_user
from tests.recommendations.round_helpers import (
    first_paragraph,
    model_coordinator,
    running_round,
    team_member,
)

pytestmark = pytest.mark.browser


def test_coordinator_comments_replies_and_finds_the_round_closed_after_its_end(
    browser, transactional_db
):
    office = office_user()
    round = running_round(actor=office)
    coordinator = model_coordinator(full_name="Kim Koordination")
    colleague = team_member(coordinator.municipality, full_name="Robin Team")
    consultation.comment_create(
        round=round,
        paragraph=first_paragraph(round),
        kind="concern",
        text="Bitte konkreter fassen.",
        author=colleague,
    )
    log_in_by_cookie(browser, coordinator)
    page = browser.visit("/beteiligung/")

    press(browser, page.get_by_role("main").get_by_role("link", name="Erste Beteiligung"))
    expect(page.get_by_text("Was fehlt?")).to_be_visible()
    press(browser, page.get_by_role("link", name=re.compile(r"^1\.1 Empfehlung 1")))

    # A comment on the whole first paragraph, on behalf of the municipality.
    press(browser, page.get_by_role("link", name=re.compile(r"^Kommentieren\W+Absatz 1$")))
    page.get_by_role("radio", name="Bedenken").focus()
    page.keyboard.press("Space")
    type_into(browser, "Kommentar", "Das ist zu allgemein.")
    press(browser, page.get_by_role("button", name="Kommentar speichern"))
    expect(page.get_by_text("Ihr Kommentar ist gespeichert.")).to_be_visible()
    expect(page.get_by_text("Das ist zu allgemein.")).to_be_visible()

    # A proposal on a passage of the second paragraph, the passage typed in.
    press(browser, page.get_by_role("link", name=re.compile(r"^Kommentieren\W+Absatz 2$")))
    page.get_by_role("radio", name="Vorschlag mit Formulierung").focus()
    page.keyboard.press("Space")
    type_into(browser, "Markierte Stelle (optional)", "Absatz 2")
    type_into(browser, "Kommentar", "Nummern sagen nichts.")
    page.get_by_role("textbox", name=re.compile("^Vorgeschlagene Formulierung")).focus()
    page.keyboard.type("Der zweite Absatz")
    page.get_by_role("radio", name="persönlich").focus()
    page.keyboard.press("Space")
    press(browser, page.get_by_role("button", name="Kommentar speichern"))
    expect(page.get_by_text("„Absatz 2“")).to_be_visible()

    # The button takes over what is selected in the paragraph.
    press(browser, page.get_by_role("link", name=re.compile(r"^Kommentieren\W+Absatz 2$")))
    page.evaluate(
        """() => {
            const text = document.querySelector('[data-quote-source] p').firstChild;
            const range = document.createRange();
            range.setStart(text, 9);
            range.setEnd(text, 23);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
        }"""
    )
    page.get_by_role("button", name="Markierte Stelle übernehmen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Markierte Stelle (optional)")).to_have_value("der Empfehlung")
    press(browser, page.get_by_role("link", name="Zurück zur Empfehlung"))

    # A reply to the colleague's comment.
    reply = page.get_by_role("textbox", name="Ihre Antwort auf den Kommentar von Robin Team")
    reply.focus()
    page.keyboard.type("Sehe ich auch so.")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    browser.check_page()
    expect(page.get_by_text("Ihre Antwort ist gespeichert.")).to_be_visible()

    stored = sorted(Comment.objects.values_list("author__full_name", "kind", "quote", "text"))
    assert stored == [
        ("Kim Koordination", "", "", "Sehe ich auch so."),
        ("Kim Koordination", "concern", "", "Das ist zu allgemein."),
        ("Kim Koordination", "proposal", "Absatz 2", "Nummern sagen nichts."),
        ("Robin Team", "concern", "", "Bitte konkreter fassen."),
    ]
    assert Comment.objects.get(text="Das ist zu allgemein.").municipality == (
        coordinator.municipality
    )

    # After the end: readable, with a note; no form, no link to change anything.
    ConsultationRound.objects.filter(pk=round.pk).update(
        ends_at=timezone.now() - dt.timedelta(minutes=1)
    )
    page.reload()
    browser.check_page()
    main = page.get_by_role("main")
    expect(main.get_by_text("zu Ende gegangen")).to_be_visible()
    expect(main.get_by_text("Das ist zu allgemein.")).to_be_visible()
    expect(main.get_by_role("link", name=re.compile("Kommentieren"))).to_have_count(0)
    expect(main.get_by_role("link", name=re.compile("Bearbeiten|Zurückziehen"))).to_have_count(0)
    expect(main.get_by_role("textbox")).to_have_count(0)
    expect(main.get_by_role("button")).to_have_count(0)
