"""A published version as a tagged PDF (PDF/UA): the same text as the public page, with
its headings as bookmarks. A published version never changes, so its PDF is rendered
once and kept in storage."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import translation

from calls.pdf import render_pdf
from core import background_files
from recommendations.models import Version, published_pdf_path
from recommendations.public import citation, version_reading, version_url


def version_pdf(*, version: Version) -> bytes:
    """The PDF of ``version``, in German like the text it carries."""
    with translation.override("de"):
        reading = version_reading(version=version)
        return render_pdf(
            "recommendations/pdf/version.html",
            {
                "version": version,
                "document": version.document,
                "chapters": reading.chapters,
                "citation": citation(version),
                "url": version_url(version),
            },
        )


# A visitor's request for a PDF that is not kept yet queues its render; a render queued
# longer ago than this is taken as lost (a worker that died) and queued again.
RENDER_PATIENCE = dt.timedelta(minutes=10)


def _claim_name(version_id: int) -> str:
    # The kept file gets a random name when it is saved, so the claim needs its own.
    return f"recommendations/published/fassung-{version_id}.pdf"


def published_pdf_claim(*, version_id: int) -> bool:
    """True if the caller should queue the render: the PDF is not kept yet and no
    render was queued within ``RENDER_PATIENCE``. Anyone may ask for the PDF, as often
    as they like; rendering it in their request would let them keep the server busy."""
    return background_files.claim(_claim_name(version_id), RENDER_PATIENCE)


def published_pdf_store(*, version_id: int) -> Version:
    """Render and keep the PDF of a published version, unless it is kept already.

    Two renders at once both write a file; the first to set the field wins and the
    other's file is removed again.
    """
    version = Version.objects.select_related("document").get(pk=version_id)
    if not version.is_published or version.pdf:
        background_files.release(_claim_name(version_id))
        return version
    content = version_pdf(version=version)
    storage = version.pdf.storage
    name = storage.save(published_pdf_path(version, "fassung.pdf"), ContentFile(content))
    if not Version.objects.filter(pk=version_id, pdf="").update(pdf=name):
        storage.delete(name)
    version.refresh_from_db(fields=["pdf"])
    background_files.release(_claim_name(version_id))
    return version
