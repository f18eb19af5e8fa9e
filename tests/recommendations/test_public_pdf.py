"""The PDF of a published version: rendered once and kept, tagged for screen readers,
with bookmarks and the text of the page."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core import background_files
from recommendations import pdf as published_pdf
from recommendations.models import Version
from tests.helpers import finish
from tests.recommendations.helpers import office_user, published_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    version = published_version(actor=office_user(), recommendations=2)
    yield version
    # The files stay for the whole test run while the database forgets the version, and
    # the next test's version gets the same number: it must not find this one's claim.
    background_files.release(published_pdf._claim_name(version.pk))


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


class NoWorkerYet:
    """A task queue whose worker has not run yet: it only notes what was queued."""

    def __init__(self):
        self.queued = []

    def enqueue(self, **kwargs):
        self.queued.append(kwargs)


@pytest.fixture
def no_worker_yet(monkeypatch):
    queue = NoWorkerYet()
    monkeypatch.setattr("recommendations.views.public.published_pdf_render", queue)
    return queue


@pytest.fixture
def renders(monkeypatch):
    """Every render of a PDF, wherever it is started."""
    from calls.pdf import render_pdf

    started = []

    def counted(template, context):
        started.append(template)
        return render_pdf(template, context)

    monkeypatch.setattr("recommendations.pdf.render_pdf", counted)
    return started


def test_a_missing_pdf_is_queued_once_and_never_rendered_in_the_request(
    client, version, no_worker_yet, renders
):
    responses = [client.get(_pdf_url(version)) for _ in range(3)]

    for response in responses:
        assert response.status_code == 200
        html = response.content.decode()
        assert "Das PDF wird erstellt" in html
        assert 'role="status"' in html
        assert f'href="{_pdf_url(version)}"' in html
    assert no_worker_yet.queued == [{"version_id": version.pk}]
    assert renders == []
    assert not Version.objects.get(pk=version.pk).pdf

    published_pdf.published_pdf_store(version_id=version.pk)
    ready = client.get(_pdf_url(version))

    assert ready["Content-Type"] == "application/pdf"
    assert finish(ready).startswith(b"%PDF-")
    assert no_worker_yet.queued == [{"version_id": version.pk}]
    assert len(renders) == 1


def test_a_render_that_got_lost_is_queued_again_after_ten_minutes(
    client, version, no_worker_yet, renders
):
    client.get(_pdf_url(version))
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=9), tick=False):
        client.get(_pdf_url(version))
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11), tick=False):
        client.get(_pdf_url(version))
        client.get(_pdf_url(version))

    assert no_worker_yet.queued == [{"version_id": version.pk}] * 2
    assert renders == []


def test_pdf_when_the_renderer_fails_asks_to_come_back_instead_of_an_error(
    client, version, monkeypatch
):
    attempts = []

    def broken(template, context):
        attempts.append(template)
        raise OSError("renderer unavailable")

    monkeypatch.setattr("recommendations.pdf.render_pdf", broken)

    response = client.get(_pdf_url(version))
    again = client.get(_pdf_url(version))

    assert response.status_code == again.status_code == 200
    assert "Das PDF wird erstellt" in response.content.decode()
    assert "Das PDF wird erstellt" in again.content.decode()
    assert not Version.objects.get(pk=version.pk).pdf
    # The failed render is not tried again by every visitor, only once it is overdue.
    assert attempts == ["recommendations/pdf/version.html"]
