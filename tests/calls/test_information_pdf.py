import datetime as dt
import io
import re
from html import unescape
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from calls.pdf import information_pdf
from core.content import CONTACT
from tests.factories import CallFactory, QuestionFactory, SectionFactory, VersionFactory

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def call(db):
    return CallFactory(
        slug="offen",
        title_de="Offene Ausschreibung",
        title_en="Open call",
        summary_de="Drei Jahre Arbeit an der eigenen Verwaltung.",
        summary_en="Three years of work on one's own administration.",
        deadline=dt.datetime(2099, 10, 24, 23, 59, 59, tzinfo=BERLIN),
        decision_date=dt.date(2099, 10, 28),
        programme_start=dt.date(2099, 11, 1),
        programme_end=dt.date(2102, 12, 31),
    )


class _SectionText(HTMLParser):
    """The text inside the element with the given id, tags left out."""

    def __init__(self, element_id):
        super().__init__()
        self.element_id = element_id
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def section_text(html: str, element_id: str) -> str:
    parser = _SectionText(element_id)
    parser.feed(html)
    return " ".join(unescape(" ".join(parser.parts)).split())


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    reader = pdf_reader(data)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pdf_body(data: bytes, running_title: str) -> str:
    """The text of the pages without the running head and foot and the list bullets."""
    lines = []
    for page in pdf_reader(data).pages:
        for line in page.extract_text().splitlines():
            if line == running_title or re.fullmatch(r".* – ECCAR (Seite|Page) \d+ \S+ \d+", line):
                continue
            lines.append(line.replace("•", ""))
    return " ".join(" ".join(lines).split())


def squeeze(text: str) -> str:
    # Where a line breaks differs between page and paper: compare the characters only.
    return "".join(text.split())


def test_information_pdf_is_a_tagged_german_pdf_with_a_title(client, call):
    response = client.get(reverse("calls:information_pdf", args=["offen"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pdf_reader(response.content)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"
    assert reader.metadata.title == "Informationen zur Ausschreibung: Offene Ausschreibung"


def test_information_pdf_of_the_english_page_is_english(client, call):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("calls:information_pdf", args=["offen"]))
    page = client.get(reverse("calls:detail", args=["offen"]))

    reader = pdf_reader(response.content)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata.title == "Information about the call: Open call"
    text = pdf_text(response.content)
    assert "Three years of work on one's own administration." in text
    body = pdf_body(response.content, "Open call")
    assert squeeze(section_text(page.content.decode(), "informationen")) in squeeze(body)


def test_information_pdf_has_the_dates_and_the_contact_of_the_page(client, call):
    page = client.get(reverse("calls:detail", args=["offen"])).content.decode()
    text = pdf_text(client.get(reverse("calls:information_pdf", args=["offen"])).content)

    for shown in (
        "24. Oktober 2099, 23:59 Uhr",
        "28. Oktober 2099",
        "1. November 2099 bis 31. Dezember 2102",
        CONTACT,
    ):
        assert shown in page
        assert shown in text
    assert "Wozu sich Modellkommunen verpflichten" in text
    assert "Wer sich bewerben kann" in text


def test_information_section_of_the_page_and_the_pdf_say_the_same(client, call):
    page = client.get(reverse("calls:detail", args=["offen"])).content.decode()
    data = client.get(reverse("calls:information_pdf", args=["offen"])).content

    shown = section_text(page, "informationen")
    assert "Was Modellkommunen erhalten" in shown
    assert len(pdf_reader(data).pages) > 1  # the running head of each page is left out
    assert squeeze(shown) in squeeze(pdf_body(data, "Offene Ausschreibung"))


def test_call_page_links_the_information_pdf_with_type_and_size(client, call):
    html = client.get(reverse("calls:detail", args=["offen"])).content.decode()

    size = len(information_pdf(call=call))
    assert reverse("calls:information_pdf", args=["offen"]) in html
    assert "Die Informationen zur Ausschreibung als PDF herunterladen" in html
    assert f"(PDF, {filesizeformat(size)})" in html


def test_information_pdf_follows_a_changed_call(call):
    information_pdf(call=call)
    call.decision_date = dt.date(2099, 11, 2)
    call.save()

    assert "2. November 2099" in pdf_text(information_pdf(call=call))


def test_information_pdf_of_an_unpublished_call_is_404(client, call):
    call.is_published = False
    call.save()

    response = client.get(reverse("calls:information_pdf", args=["offen"]))

    assert response.status_code == 404


def test_call_page_and_pdf_queries_do_not_grow_with_the_questionnaire(
    client, call, django_assert_num_queries
):
    version = VersionFactory(call=call, number=1)
    section = SectionFactory(version=version, position=0)
    QuestionFactory(section=section, position=0, key="eins")
    urls = (
        reverse("calls:detail", args=["offen"]),
        reverse("calls:information_pdf", args=["offen"]),
    )
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    for position in range(1, 15):
        QuestionFactory(section=section, position=position, key=f"frage-{position}")
    SectionFactory(version=version, position=1)
    CallFactory.create_batch(3)
    cache.clear()

    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            client.get(url)
