"""The Synopse of a consultation round as a page, a tagged landscape PDF and an XLSX
file: paragraph, comment, who wrote it, the office's answer and where the paragraph went.
The three read the same rows (``answer_selectors.synopsis_rows``), so they always agree."""

import hashlib
import json

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from calls.pdf import CACHE_SECONDS, render_pdf
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


def synopsis_pdf(*, round: ConsultationRound, office: bool) -> bytes:
    """The Synopse is a German document like the text it answers, whatever the page's
    language (the PDF says ``lang="de"``). Rendering 500 comments takes many seconds
    (``benchmarks/synopsis_pdf.py``), so the PDF is kept until a word of it changes."""
    with translation.override("de"):
        context = synopsis_context(round=round, office=office)
        key = f"recommendations:synopsis-pdf:{_digest(context)}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        document = render_pdf("recommendations/pdf/synopsis.html", context)
    cache.set(key, document, CACHE_SECONDS)
    return document


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
