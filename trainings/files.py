"""Which uploads the trainings accept, judged by content, not by name.

Materials may be PDFs or Office Open XML files (Word, PowerPoint, Excel): trainers work
with slides and handouts. Evidence of a session (agenda, attendance list) is PDF only.
"""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.exports import DOCX_TYPE, PDF_TYPE, PPTX_TYPE, XLSX_TYPE
from core.uploads import clean_upload, pdf_check, size_check, starts_like_pdf

# Which part of an Office Open XML package tells the kind of document.
OFFICE_KINDS = {"word/": "docx", "ppt/": "pptx", "xl/": "xlsx"}
CONTENT_TYPES = {"pdf": PDF_TYPE, "docx": DOCX_TYPE, "pptx": PPTX_TYPE, "xlsx": XLSX_TYPE}


def office_kind(uploaded) -> str | None:
    """The kind of an Office Open XML package ("docx", "pptx", "xlsx") without macros,
    else None.

    Only the zip's table of contents is read, never a member, so a zip bomb costs nothing.
    """
    try:
        if not zipfile.is_zipfile(uploaded):
            return None
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    # Macro-enabled documents (docm, pptm, xlsm) carry a VBA project: not accepted.
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    for prefix, kind in OFFICE_KINDS.items():
        if any(name.startswith(prefix) for name in names):
            return kind
    return None


def material_kind(uploaded) -> str:
    """The kind of an uploaded material ("pdf", "docx", "pptx", "xlsx").

    Raises a ValidationError in German for anything too large or of another kind.
    """
    size_check(uploaded)
    if starts_like_pdf(uploaded):
        try:
            pdf_check(uploaded)
        except ValidationError as error:
            # A PDF with active content or a hostile page tree is refused with its
            # reason; anything else that only starts like a PDF may still be none.
            if error.code != "not_pdf":
                raise
        else:
            return "pdf"
    kind = office_kind(uploaded)
    if kind is None:
        raise ValidationError(
            _(
                "Bitte laden Sie eine PDF-Datei oder eine Word-, PowerPoint- oder Excel-Datei "
                "(DOCX, PPTX, XLSX) hoch. Diese Datei ist nichts davon."
            ),
            code="not_allowed",
        )
    return kind


def evidence_check(uploaded) -> None:
    """Agenda and attendance list: PDF only, at most 10 MB."""
    clean_upload(uploaded)


def kind_of_stored(file) -> str:
    """The kind of a stored material, from the suffix the upload was saved under."""
    suffix = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    return suffix if suffix in CONTENT_TYPES else "pdf"
