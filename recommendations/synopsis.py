"""The Synopse of a consultation round as a page, a tagged landscape PDF and an XLSX
file: paragraph, comment, who wrote it, the office's answer and where the paragraph went.
The three read the same rows (``answer_selectors.synopsis_rows``), so they always agree."""

import datetime as dt
import hashlib
import json
import os

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from calls.pdf import render_pdf
from core import background_files
from core.exports import text_cells, xlsx_bytes
from recommendations.answer_selectors import SynopsisRow, synopsis_rows
from recommendations.models import ConsultationRound


def synopsis_context(*, round: ConsultationRound, office: bool) -> dict:
    return {
        "round": round,
        "rows": synopsis_rows(round=round, office=office),
        "office": office,
        "draft": round.answers_published_at is None,
        "now": timezone.now(),
    }


def _digest(context: dict) -> str:
    """Changes with any word of the Synopse, so a cached PDF is never stale."""
    round = context["round"]
    parts = [
        round.pk,
        round.title,
        str(round.answers_published_at),
        context["office"],
        [
            [
                row.number,
                row.paragraph_text,
                row.quote,
                row.kind,
                row.text,
                row.suggested_wording,
                row.author,
                row.from_field_test,
                row.office_only,
                row.status,
                row.reason,
                [row.trace.status, row.trace.version_label, row.trace.number, row.trace.segments]
                if row.trace
                else None,
            ]
            for row in context["rows"]
        ],
    ]
    raw = json.dumps(parts, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


# A request for the PDF that found neither the file nor a render under way starts one;
# one that is older than this is taken as lost (a worker that died) and started again.
RENDER_PATIENCE = dt.timedelta(minutes=10)


def _pdf_folder(round_id: int) -> str:
    return f"recommendations/synopsis/{round_id}"


def _pdf_reader(office: bool) -> str:
    """The start of the file name: the office's and the participants' PDFs of a round
    sit side by side, and a new file of one reader replaces only that reader's."""
    return "buero-" if office else "beteiligte-"


def _pdf_name(round_id: int, office: bool, digest: str) -> str:
    return f"{_pdf_folder(round_id)}/{_pdf_reader(office)}{digest}.pdf"


def synopsis_pdf_name(*, round: ConsultationRound, office: bool) -> str:
    """Where the PDF of the Synopse as it reads now is kept. The name changes with any
    word of it (and differs for the office's version with office-only comments), so a
    kept file is never stale."""
    with translation.override("de"):
        context = synopsis_context(round=round, office=office)
    return _pdf_name(round.pk, office, _digest(context))


def synopsis_pdf_claim(*, name: str) -> bool:
    """True if the caller should start rendering ``name``: it is not kept yet and no
    render started within ``RENDER_PATIENCE``. Rendering 500 comments takes most of a
    minute (``benchmarks/synopsis_pdf.py``), longer than a request may take, so the PDF
    is made in the background and kept in storage, where every web process finds it."""
    return background_files.claim(name, RENDER_PATIENCE)


def synopsis_pdf_store(*, round_id: int, office: bool) -> str:
    """Render the Synopse as it reads now and keep it; earlier files of the round with
    the same reader go, since no page links to them any more."""
    round = ConsultationRound.objects.select_related("version__document").get(pk=round_id)
    with translation.override("de"):
        context = synopsis_context(round=round, office=office)
        name = _pdf_name(round.pk, office, _digest(context))
        if not default_storage.exists(name):
            document = render_pdf("recommendations/pdf/synopsis.html", context)
            # Written aside and renamed by the storage, so a reader never gets half a file.
            saved = default_storage.save(f"{name}.neu", ContentFile(document))
            if default_storage.exists(name):
                default_storage.delete(saved)
            else:
                os.replace(default_storage.path(saved), default_storage.path(name))
    background_files.release(name)
    _pdf_remove_earlier(round_id=round.pk, office=office, keep=name)
    return name


def _pdf_remove_earlier(*, round_id: int, office: bool, keep: str) -> None:
    """Remove the round's other PDFs of this reader, and any named without a reader
    (kept before the names told the readers apart). Should two renders of different
    wordings overlap, the newer file may go too; the next request then makes it again."""
    folder = _pdf_folder(round_id)
    others = _pdf_reader(not office)
    for file in default_storage.listdir(folder)[1]:
        path = f"{folder}/{file}"
        if file.endswith(".pdf") and not file.startswith(others) and path != keep:
            default_storage.delete(path)


def author_cell(row: SynopsisRow) -> str:
    if row.from_field_test:
        return _("%(author)s (aus dem Praxistest)") % {"author": row.author}
    return row.author


def trace_cell(row: SynopsisRow) -> str:
    if row.trace is None:
        return ""
    if row.trace.number:
        return _("%(label)s: %(status)s, jetzt %(number)s") % {
            "label": row.trace.version_label,
            "status": row.trace.label,
            "number": row.trace.number,
        }
    return _("%(label)s: %(status)s") % {
        "label": row.trace.version_label,
        "status": row.trace.label,
    }


COLUMNS = (
    (gettext_lazy("Absatz"), 12),
    (gettext_lazy("Text des Absatzes"), 50),
    (gettext_lazy("Markierte Stelle"), 30),
    (gettext_lazy("Art"), 16),
    (gettext_lazy("Kommentar"), 50),
    (gettext_lazy("Vorgeschlagene Formulierung"), 40),
    (gettext_lazy("Von"), 24),
    (gettext_lazy("Status"), 18),
    (gettext_lazy("Begründung"), 50),
    (gettext_lazy("Verbleib in der nächsten Fassung"), 30),
)


def synopsis_xlsx(*, round: ConsultationRound, office: bool) -> bytes:
    """One sheet, one row per comment; every cell is text (nobody's input becomes a
    formula)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Synopse")
    sheet.append([str(round.title)])
    if round.answers_published_at is None:
        sheet.append([_("Entwurf – noch nicht veröffentlicht")])
    header = [str(title) for title, _width in COLUMNS]
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in synopsis_rows(round=round, office=office):
        text = row.text
        if row.office_only:
            text = _("%(text)s (nur für das Programmbüro)") % {"text": text}
        sheet.append(
            [
                row.number,
                row.paragraph_text,
                row.quote,
                row.kind,
                text,
                row.suggested_wording,
                author_cell(row),
                row.status,
                row.reason,
                trace_cell(row),
            ]
        )
    for index, (_title, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for cells in sheet.iter_rows(min_row=header_row + 1):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    text_cells(workbook)
    return xlsx_bytes(workbook)
