"""The office answers the comments of a round in a real browser, by keyboard: two
answers, "2 von 2 Kommentaren beantwortet", the round closed as evaluated, the answers
published and the Synopse opened. axe-core runs on every page."""

import pytest
from playwright.sync_api import expect

from recommendations.models import Comment, ConsultationRound
from tests.browser.test_recommendations_journey import press
from tests.browser.test_trainings_journey import log_in_by_cookie
from tests.recommendations.answer_helpers import round_with_comments
from tests.recommendations.helpers import office_user

pytestmark = pytest.mark.browser


def test_office_answers_evaluates_publishes_and_opens_the_synopsis(browser, transactional_db):
    office = office_user()
    _office, round, (first, second) = round_with_comments(count=2, actor=office, for_public=True)
    log_in_by_cookie(browser, office)
    page = browser.visit(f"/geschaeftsstelle/empfehlungen/auswertung/runden/{round.pk}/")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="0 von 2 Kommentaren beantwortet")).to_be_visible()

    for target, status, reason in (
        (first, "übernommen", "Wir nehmen den Hinweis auf."),
        (second, "außerhalb des Auftrags", "Das regelt das Land."),
    ):
        item = main.locator(f"#kommentar-{target.pk}")
        item.get_by_label(status, exact=True).focus()
        page.keyboard.press("Space")
        item.get_by_label("Begründung").focus()
        page.keyboard.type(reason)
        press(browser, item.get_by_role("button", name="Antwort speichern"))
        expect(page.get_by_text("Die Antwort ist gespeichert.")).to_be_visible()

    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="2 von 2 Kommentaren beantwortet")).to_be_visible()
    press(browser, main.get_by_role("button", name="Runde als ausgewertet abschließen"))
    expect(page.get_by_text("Die Runde ist als ausgewertet abgeschlossen.")).to_be_visible()

    press(browser, page.get_by_role("main").get_by_role("link", name="Antworten veröffentlichen"))
    press(browser, page.get_by_role("button", name="Ja, Antworten veröffentlichen"))
    expect(page.get_by_text("Die Antworten sind veröffentlicht.")).to_be_visible()

    press(browser, page.get_by_role("main").get_by_role("link", name="Synopse", exact=True))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name=f"Synopse: {round.title}")).to_be_visible()
    expect(main.get_by_text("Das regelt das Land.")).to_be_visible()
    expect(main.get_by_text("Entwurf – noch nicht veröffentlicht")).to_have_count(0)
    round.refresh_from_db()
    assert round.answers_published_at is not None
    assert sorted(Comment.objects.values_list("answer_status", flat=True)) == [
        "adopted",
        "out_of_scope",
    ]
    assert ConsultationRound.objects.get().evaluated_by == office
