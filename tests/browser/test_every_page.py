"""Every page of the site, for every role that may open it, passes axe-core, fits a
320 px wide screen, and marks content entered only in German as German on English pages.

The pages come from the same URL walk as the role × URL test: whatever a role can open
with a GET (status 200, HTML) is loaded in Chromium and checked, so a new page is
checked as soon as it exists. The walk itself asks for the English pages, whose HTML is
checked for ``lang="de"``; Chromium shows the German ones, checks them with axe at desktop
width and then narrows the same page to 320 px (WCAG 1.4.10, reflow).
"""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client

from tests.helpers import finish, login_verified
from tests.test_permissions import all_patterns, build_path, world  # noqa: F401 -- fixture

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = [
    "anonymous",
    "office",
    "reviewer",
    "coordinator",
    "team_member",
    "advisory",
    "trainer",
    "hr",
]

NARROW = {"width": 320, "height": 900}
WIDE = {"width": 1280, "height": 900}

# Width of the page, every scrolling table box that is not a named, focusable region, and
# every caption that does not fit on the screen.
LAYOUT_AT_320 = """() => ({
  width: document.documentElement.scrollWidth,
  unnamedTables: Array.from(document.querySelectorAll('.table-wrap')).filter((box) => {
    const caption = document.getElementById(box.getAttribute('aria-labelledby') || '');
    return box.getAttribute('role') !== 'region' || box.getAttribute('tabindex') !== '0'
      || !caption || !box.contains(caption) || !caption.textContent.trim();
  }).map((box) => box.outerHTML.slice(0, 120)),
  cutCaptions: Array.from(document.querySelectorAll('.table-wrap caption')).filter((caption) => {
    const box = caption.getBoundingClientRect();
    return box.width > 1 && (box.left < 0 || box.right > window.innerWidth);
  }).map((caption) => caption.textContent.trim().slice(0, 80)),
})"""


def pages_for(client, world):  # noqa: F811 -- the fixture's value is passed in
    for name, route, _callback in all_patterns():
        path = build_path(route, world["kwargs"], name)
        response = client.get(path)
        body = finish(response)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            yield name, path, body.decode()


def german_only_content() -> list[str]:
    """What people enter in German alone (survey questions and their scales, instrument and
    survey titles, event titles and registration questions, training modules, workshops,
    the cohort's commitments), as the walk's data holds it."""
    from evaluation.models import Instrument, Item, Section, Survey
    from events.models import Event, RegistrationQuestion
    from network.models import Workshop
    from programme.models import Commitment
    from recommendations.models import Chapter, Paragraph, Recommendation
    from trainings.models import ModuleVersion

    texts = set()
    for item in Item.objects.all():
        texts.add(item.text)
        texts.update(item.options)
    texts.update(Instrument.objects.values_list("title", flat=True))
    texts.update(Section.objects.values_list("title", flat=True))
    texts.update(Survey.objects.values_list("title", flat=True))
    texts.update(Event.objects.values_list("title", flat=True))
    texts.update(RegistrationQuestion.objects.values_list("label", flat=True))
    for model in (ModuleVersion, Workshop, Commitment, Chapter, Recommendation):
        texts.update(model.objects.values_list("title", flat=True))
    texts.update(Paragraph.objects.values_list("text", flat=True))
    # Single letters and the like (choices "A", "B") say nothing about a language.
    return sorted(text for text in texts if len(text) >= 4)


class LanguageOfText(HTMLParser):
    """Each text of a page with the language in force where it stands."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    VOID |= {"track", "wbr"}
    # A chart's <desc> reaches screen readers as one flattened description, which cannot
    # carry a language for its parts; the chart's visible labels and the table beside it
    # carry the same words, marked.
    UNSPOKEN = {"script", "style", "title", "template", "desc"}

    def __init__(self):
        super().__init__()
        self.stack = [("", "")]
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang")
        self.stack.append((tag, self.stack[-1][1] if lang is None else lang))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        tag, lang = self.stack[-1]
        if data.strip() and tag not in self.UNSPOKEN:
            self.texts.append((data, lang))


def unmarked_german(html: str, german: list[str]) -> list[str]:
    parser = LanguageOfText()
    parser.feed(html)
    patterns = [(text, re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")) for text in german]
    return [
        f"{text!r} in {data.strip()[:80]!r} (lang={lang!r})"
        for data, lang in parser.texts
        if lang.split("-")[0] != "de"
        for text, pattern in patterns
        if pattern.search(data)
    ]


def test_the_language_check_finds_german_outside_a_german_element():
    html = (
        '<html lang="en"><body><h1>Results</h1><h2 lang="de">Frage klar</h2>'
        "<p>Auftakt<br>Auftaktveranstaltung</p></body></html>"
    )

    found = unmarked_german(html, ["Frage klar", "Auftakt"])

    assert found == ["'Auftakt' in 'Auftakt' (lang='en')"]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe_reflows_and_marks_german(browser, world, role):  # noqa: F811
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if role != "anonymous":
        login_verified(client, world["users"][role])
        browser.page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": browser.base_url,
                }
            ]
        )
    german = german_only_content()
    checked, too_wide, unnamed, cut, unmarked = [], [], [], [], []
    for _name, path, english_html in pages_for(client, world):
        unmarked += [f"{path}: {finding}" for finding in unmarked_german(english_html, german)]
        browser.page.set_viewport_size(WIDE)
        page = browser.visit(path)
        page.set_viewport_size(NARROW)
        layout = page.evaluate(LAYOUT_AT_320)
        if layout["width"] > NARROW["width"]:
            too_wide.append(f"{path}: {layout['width']} px")
        unnamed += [f"{path}: {box}" for box in layout["unnamedTables"]]
        cut += [f"{path}: {caption}" for caption in layout["cutCaptions"]]
        checked.append(path)
    assert len(checked) >= 5
    assert too_wide == [], "pages wider than a 320 px screen:\n" + "\n".join(too_wide)
    assert unnamed == [], "table boxes without role, name or tabindex:\n" + "\n".join(unnamed)
    assert cut == [], "captions cut off at 320 px:\n" + "\n".join(cut)
    assert unmarked == [], "German content without lang=de:\n" + "\n".join(unmarked)
