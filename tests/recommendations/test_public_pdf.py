"""The PDF of a published version: rendered once and kept, tagged for screen readers,
with bookmarks and the text of the page."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from recommendations.models import Version
from tests.helpers import finish
from tests.recommendations.helpers import office_user, published_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    return published_version(actor=office_user(), recommendations=2)


def _pdf_url(version) -> str:
    return reverse(
        "recommendations_public:version_pdf",
        kwargs={"slug": version.document.slug, "sequence": version.sequence},
    )


@pytest.fixture
def pdf(client, version):
    response = client.get(_pdf_url(version))
    return response, finish(response)


def test_pdf_downloads_for_anyone_and_is_kept(client, version, pdf):
    response, content = pdf

    stored = Version.objects.get(pk=version.pk).pdf.name
    again = client.get(_pdf_url(version))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="empfehlungen-1-0.pdf"'
    assert content[:5] == b"%PDF-"
    assert finish(again) == content
    assert Version.objects.get(pk=version.pk).pdf.name == stored


def test_pdf_is_tagged_german_with_bookmarks_and_the_text(pdf):
    reader = PdfReader(io.BytesIO(pdf[1]))
    root = reader.trailer["/Root"]
    text = "\n".join(page.extract_text() for page in reader.pages)

    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"
    assert reader.metadata.title == "Handlungsempfehlungen, Fassung 1.0"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["Handlungsempfehlungen"]
    assert [item.title for item in reader.outline[1] if not isinstance(item, list)] == [
        "Inhalt",
        "Kapitel 1: Zugang zu Leistungen",
    ]
    assert [item.title for item in reader.outline[1][2]] == [
        "1.1 Empfehlung 1",
        "1.2 Empfehlung 2",
    ]
    assert "Absatz 2 der Empfehlung 2." in text
    assert "Creative Commons Namensnennung 4.0 International (CC BY 4.0)" in text


def test_pdf_while_another_request_renders_it_asks_to_come_back(client, version):
    cache.add(f"recommendations:pdf-render:{version.pk}", True, 60)
    try:
        response = client.get(_pdf_url(version))
    finally:
        cache.delete(f"recommendations:pdf-render:{version.pk}")

    assert response.status_code == 200
    assert "Das PDF wird erstellt" in response.content.decode()
    assert not Version.objects.get(pk=version.pk).pdf


def test_pdf_when_the_renderer_fails_asks_to_come_back_instead_of_an_error(
    client, version, monkeypatch
):
    def broken(template, context):
        raise OSError("renderer unavailable")

    monkeypatch.setattr("recommendations.pdf.render_pdf", broken)

    response = client.get(_pdf_url(version))

    assert response.status_code == 200
    assert "Das PDF wird erstellt" in response.content.decode()
    assert not Version.objects.get(pk=version.pk).pdf
