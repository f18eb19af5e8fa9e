"""The published recommendations, for everyone: the list of documents, a version with
search and filters, one recommendation by its stable address, and the PDF."""

import logging

from django.core.cache import cache
from django.shortcuts import render
from django.utils.text import slugify

from core.downloads import pdf_download
from core.permissions import public
from recommendations import public as reading
from recommendations.forms import ReadingForm
from recommendations.pdf import published_pdf_store

logger = logging.getLogger(__name__)

# While one request renders a missing PDF, others are told to come back instead of
# rendering it too.
PDF_RENDER_LOCK_SECONDS = 300


@public
def document_list(request):
    documents = reading.documents_published()
    return render(request, "recommendations/public/document_list.html", {"documents": documents})


@public
def document_detail(request, slug: str):
    document, versions = reading.document_get_public(slug=slug)
    return _version_page(request, versions=versions, version=versions[0])


@public
def version_detail(request, slug: str, sequence: int):
    document, versions = reading.document_get_public(slug=slug)
    version = reading.version_pick(versions=versions, sequence=sequence)
    return _version_page(request, versions=versions, version=version)


def _version_page(request, *, versions, version):
    form = ReadingForm(request.GET or None)
    filters = form.filters()
    text = reading.version_reading(
        version=version, query=filters.get("query") or "", fields=filters.get("fields") or ()
    )
    form.show_counts(text.fields)
    context = {
        "document": version.document,
        "version": version,
        "newest": versions[0],
        "versions": versions,
        "reading": text,
        "form": form,
        "citation": reading.citation(version),
    }
    return render(request, "recommendations/public/version.html", context)


@public
def recommendation_detail(request, slug: str, key):
    document, versions = reading.document_get_public(slug=slug)
    recommendation = reading.recommendation_get_public(versions=versions, key=key)
    return _recommendation_page(request, versions=versions, recommendation=recommendation)


@public
def version_recommendation_detail(request, slug: str, sequence: int, key):
    document, versions = reading.document_get_public(slug=slug)
    reading.version_pick(versions=versions, sequence=sequence)
    recommendation = reading.recommendation_get_public(
        versions=versions, key=key, sequence=sequence
    )
    return _recommendation_page(request, versions=versions, recommendation=recommendation)


def _recommendation_page(request, *, versions, recommendation):
    version = recommendation.version
    context = {
        "document": version.document,
        "version": version,
        "newest": versions[0],
        "recommendation": recommendation,
        "citation": reading.citation(version),
    }
    return render(request, "recommendations/public/recommendation.html", context)


@public
def version_pdf(request, slug: str, sequence: int):
    """The stored PDF. Should the background render not have run (yet), the first
    request renders and keeps it; one arriving meanwhile is asked to come back."""
    document, versions = reading.document_get_public(slug=slug)
    version = reading.version_pick(versions=versions, sequence=sequence)
    if not version.pdf:
        lock = f"recommendations:pdf-render:{version.pk}"
        if not cache.add(lock, True, PDF_RENDER_LOCK_SECONDS):
            return render(request, "recommendations/public/pdf_pending.html", {"version": version})
        try:
            version.pdf = published_pdf_store(version_id=version.pk).pdf
        except Exception:
            # The renderer is outside our code; the visitor is asked to come back and
            # the next request tries again, instead of an error page.
            logger.exception("PDF of published version %s could not be rendered", version.pk)
            return render(request, "recommendations/public/pdf_pending.html", {"version": version})
        finally:
            cache.delete(lock)
    name = slugify(f"{document.slug} {version.label}".replace(".", "-"))
    return pdf_download(file=version.pdf, name=f"{name}.pdf")
