"""The cohort matrix as XLSX (every year, one sheet each, plus all years side by side)
and as PDF (one year, landscape)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from calls.pdf import render_pdf
from core.exports import text_cells, xlsx_bytes
from progress.selectors import Matrix
from progress.status import STATUS_RULES, STATUS_SYMBOLS


def _cell_text(cell) -> str:
    return f"{cell.symbol} {cell.status_label} ({cell.done}/{cell.target})"


def _header(sheet, values):
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def matrix_xlsx(*, matrix: Matrix) -> bytes:
    progress = matrix.progress
    workbook = Workbook()
    workbook.remove(workbook.active)
    for year in progress.years:
        sheet = workbook.create_sheet(_("Jahr %(number)d") % {"number": year.number})
        sheet.append(
            [
                _("%(number)d. Programmjahr, %(start)s bis %(end)s; Stand %(today)s")
                % {
                    "number": year.number,
                    "start": date_format(year.starts_on, "SHORT_DATE_FORMAT"),
                    "end": date_format(year.ends_on, "SHORT_DATE_FORMAT"),
                    "today": date_format(progress.today, "SHORT_DATE_FORMAT"),
                }
            ]
        )
        _header(
            sheet,
            [_("Kommune"), _("Land")] + [c.title for c in progress.commitments],
        )
        for municipality in matrix.municipalities:
            sheet.append(
                [municipality.name, municipality.land.name]
                + [_cell_text(cell) for cell in progress.row(municipality.pk, year)]
            )
        sheet.column_dimensions["A"].width = 32
        sheet.freeze_panes = "C3"
    overview = workbook.create_sheet(_("Alle Jahre"))
    _header(
        overview,
        [_("Kommune"), _("Zusage")]
        + [_("%(number)d. Programmjahr") % {"number": y.number} for y in progress.years],
    )
    for municipality, commitments in matrix.all_years_rows:
        for commitment, cells in commitments:
            overview.append(
                [municipality.name, commitment.title] + [_cell_text(cell) for cell in cells]
            )
    overview.column_dimensions["A"].width = 32
    overview.column_dimensions["B"].width = 48
    rules = workbook.create_sheet(_("Regeln"))
    _header(rules, [_("Zeichen"), _("Stand"), _("Regel")])
    for status, rule in STATUS_RULES.items():
        rules.append([STATUS_SYMBOLS[status], str(status.label), str(rule)])
    rules.column_dimensions["C"].width = 100
    # Text stays text: names of municipalities and commitments never run as formulas.
    text_cells(workbook)
    return xlsx_bytes(workbook)


def matrix_pdf(*, matrix: Matrix) -> bytes:
    legend = [(STATUS_SYMBOLS[s], s.label, rule) for s, rule in STATUS_RULES.items()]
    return render_pdf(
        "progress/pdf/matrix.html",
        {
            "matrix": matrix,
            "call": matrix.progress.call,
            "legend": legend,
            "generated": timezone.localtime(),
        },
    )
