"""The published recommendations, for everyone: the list of documents, a version with
search and filters, one recommendation by its stable address, and the PDF."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify

from core.downloads import pdf_download
from core.permissions import public
from recommendations import public as reading
from recommendations.forms import ReadingForm
from recommendations.pdf import published_pdf_claim
from recommendations.tasks import published_pdf_render


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
    """The kept PDF. Should the render at publishing not have run (yet), it is queued
    (once, however many ask) and the visitor asked to come back; it is never rendered
    here, where anyone could have the server render it again and again."""
    document, versions = reading.document_get_public(slug=slug)
    version = reading.version_pick(versions=versions, sequence=sequence)
    if not version.pdf and published_pdf_claim(version_id=version.pk):
        published_pdf_render.enqueue(version_id=version.pk)
        # Where tasks run at once instead of by a worker, it is kept by now.
        version.refresh_from_db(fields=["pdf"])
    if not version.pdf:
        pending = render(request, "recommendations/public/pdf_pending.html", {"version": version})
        # Kept by no cache on the way, or "try again" would show this page again.
        add_never_cache_headers(pending)
        return pending
    name = slugify(f"{document.slug} {version.label}".replace(".", "-"))
    return pdf_download(file=version.pdf, name=f"{name}.pdf")
