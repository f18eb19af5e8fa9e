"""Serving uploaded files back: always as a PDF download, never rendered in the page."""

from pathlib import PurePath

from django.http import FileResponse, Http404


def pdf_download(*, file, name: str) -> FileResponse:
    """Stream an uploaded PDF as an attachment.

    The type is fixed to PDF and the name forced to end in ``.pdf``, whatever the
    uploader called the file, so a browser never treats an upload as a web page.
    A file missing from storage answers 404, not 500.
    """
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    stem = PurePath(name or "datei").stem or "datei"
    return FileResponse(
        handle, as_attachment=True, filename=f"{stem}.pdf", content_type="application/pdf"
    )
