import pytest

from core.models import Page


@pytest.fixture
def pages(db):
    for slug, title in [
        ("programm", "Kommunen für alle?"),
        ("impressum", "Impressum"),
        ("datenschutz", "Datenschutzerklärung"),
        ("barrierefreiheit", "Erklärung zur Barrierefreiheit"),
        ("ueber", "Über die Plattform"),
    ]:
        Page.objects.create(slug=slug, title_de=title, body_de=f"## {title}\n\nText.")


@pytest.mark.django_db(transaction=True)
def test_public_pages_pass_axe_and_reach_each_other_by_keyboard(browser, pages):
    page = browser.visit("/")
    assert page.locator("h1").inner_text() == "Kommunen für alle?"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zum Inhalt springen"

    for slug, title in [
        ("impressum", "Impressum"),
        ("datenschutz", "Datenschutzerklärung"),
        ("barrierefreiheit", "Erklärung zur Barrierefreiheit"),
    ]:
        browser.visit(f"/seite/{slug}/")
        assert page.locator("h1").inner_text() == title
