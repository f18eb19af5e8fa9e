"""The office's export of member counts per model municipality (XLSX).

It is built from ``CohortCounts``, the latest published snapshot, which holds only
bands of five of at least the threshold and a total only where nothing is hidden.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from calls.models import Call
from core.exports import text_cells, xlsx_bytes
from network.models import ANONYMITY_THRESHOLD
from network.selectors import CohortCounts


def fewer_than() -> str:
    return _("weniger als %(n)s") % {"n": ANONYMITY_THRESHOLD}


def counts_xlsx(*, call: Call, counts: CohortCounts) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Mitglieder je Kommune")[:31]
    sheet.append(
        [_("Mitglieder des Netzwerks je Modellkommune: %(title)s") % {"title": call.title}]
    )
    sheet["A1"].font = Font(bold=True)
    sheet.append(
        [
            _(
                "Veröffentlicht einmal im Monat, in Stufen von fünf (von … bis). Zahlen unter "
                "%(n)s werden nicht ausgewiesen; die Summe nur, wo keine Zahl verborgen ist."
            )
            % {"n": ANONYMITY_THRESHOLD}
        ]
    )
    sheet.append(
        [
            _("Stand: %(month)s") % {"month": date_format(counts.period, "F Y")}
            if counts.period
            else _("Noch keine Zahlen veröffentlicht.")
        ]
    )
    sheet.append([])
    header = [
        _("Kommune"),
        _("Amtlicher Schlüssel"),
        _("Land"),
        _("Mitglieder (von)"),
        _("Mitglieder (bis)"),
    ]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in counts.rows:
        municipality = row.municipality
        sheet.append(
            [
                municipality.name,
                municipality.key,
                municipality.land.name if municipality.land_id else "",
                row.count if row.count is not None else fewer_than(),
                row.upper if row.count is not None else "",
            ]
        )
    sheet.append(
        [
            _("Insgesamt"),
            "",
            "",
            counts.total if counts.total is not None else _("nicht ausgewiesen"),
            counts.total_upper if counts.total is not None else "",
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    # Text stays text: names from the register are never read as formulas.
    text_cells(workbook)
    for column, width in zip("ABCDE", (36, 18, 26, 18, 18), strict=True):
        sheet.column_dimensions[column].width = width
    return xlsx_bytes(workbook)
