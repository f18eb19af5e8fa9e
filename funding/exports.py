"""The statements as XLSX (for bookkeeping) and PDF (to sign and file), and the narrative
report as PDF.

Amounts go into the workbook as Decimal values, and every total is a value added up
exactly in Python, so the file shows the same cents as the page. A SUM formula beside
the total lets the bookkeeper check it in the spreadsheet.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from calls.pdf import render_pdf
from core.exports import keep_text, xlsx_bytes
from funding.models import ZERO, NarrativeReport
from funding.narrative import ReportFacts
from funding.statements import CohortStatement, GrantStatement, ProgrammeStatement, Receipt

EURO_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD.MM.YYYY"


def _bold_row(sheet) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _append_data(sheet, row: list) -> None:
    """A row of recorded data. Text stays text: a payee or purpose typed as "=…" must
    never run as a formula in the bookkeeper's spreadsheet."""
    sheet.append(row)
    keep_text(sheet[sheet.max_row])


def _euro_columns(sheet, columns: list[int], first_row: int) -> None:
    for column in columns:
        for (cell,) in sheet.iter_rows(
            min_row=first_row, min_col=column, max_col=column, max_row=sheet.max_row
        ):
            cell.number_format = EURO_FORMAT


def _total_row(sheet, label: str, values: dict[int, object], first_row: int, width: int):
    """A row of exact totals and, two columns further right of the last column, a SUM
    formula over the same range for each total, as a check."""
    last_data_row = sheet.max_row
    row = [None] * width
    row[0] = label
    for column, value in values.items():
        row[column - 1] = value
    sheet.append(row)
    _bold_row(sheet)
    total_row = sheet.max_row
    check_column = width + 2
    sheet.cell(row=first_row - 1, column=check_column, value=_("Kontrolle (Formel)")).font = Font(
        bold=True
    )
    for offset, column in enumerate(values):
        letter = get_column_letter(column)
        formula_cell = sheet.cell(
            row=total_row,
            column=check_column + offset,
            value=f"=SUM({letter}{first_row}:{letter}{last_data_row})"
            if last_data_row >= first_row
            else 0,
        )
        formula_cell.number_format = EURO_FORMAT
    _euro_columns(sheet, list(values), total_row)


def _widths(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _statement_table(sheet, statement, total_label: str) -> None:
    sheet.append([_("Kategorie"), _("Geplant"), _("Ausgegeben (anerkannt)"), _("Differenz")])
    _bold_row(sheet)
    first = sheet.max_row + 1
    for line in statement.lines:
        _append_data(sheet, [line.category.name, line.planned, line.spent, line.difference])
    _euro_columns(sheet, [2, 3, 4], first)
    _total_row(
        sheet,
        total_label,
        {2: statement.planned, 3: statement.spent, 4: statement.difference},
        first,
        4,
    )


def _statement_sheet(workbook, statement, title: str) -> None:
    sheet = workbook.create_sheet(_("Nachweis"))
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    _statement_table(sheet, statement, _("Summe"))
    _widths(sheet, [36, 16, 22, 16])


def _receipts_sheet(
    workbook, receipts: list[Receipt], *, with_municipality: bool, with_year: bool = False
) -> None:
    sheet = workbook.create_sheet(_("Belege"))
    head = [_("Nr."), _("Datum"), _("Empfänger*in"), _("Zweck"), _("Kategorie"), _("Maßnahme")]
    widths = [6, 12, 28, 36, 28, 36]
    # Inserted from the right, so "Jahr" ends up before "Kommune".
    if with_municipality:
        head.insert(1, _("Kommune"))
        widths.insert(1, 24)
    if with_year:
        head.insert(1, _("Förderjahr"))
        widths.insert(1, 11)
    date_column = head.index(_("Datum")) + 1
    head += [_("Betrag"), _("Hinweis")]
    widths += [14, 22]
    sheet.append(head)
    _bold_row(sheet)
    first = sheet.max_row + 1
    for receipt in receipts:
        expense = receipt.expense
        row = [
            receipt.number,
            expense.spent_on,
            expense.payee,
            expense.purpose,
            expense.category.name,
            receipt.measure,
        ]
        if with_municipality:
            row.insert(1, expense.grant.municipality.name)
        if with_year:
            row.insert(1, expense.grant.funding_year.year)
        row += [expense.amount, receipt.correction_note]
        _append_data(sheet, row)
        sheet.cell(row=sheet.max_row, column=date_column).number_format = DATE_FORMAT
    amount_column = len(head) - 1
    _euro_columns(sheet, [amount_column], first)
    total = sum((r.expense.amount for r in receipts), ZERO)
    _total_row(sheet, _("Summe"), {amount_column: total}, first, len(head))
    _widths(sheet, widths)


def grant_statement_xlsx(*, data: GrantStatement) -> bytes:
    grant = data.grant
    workbook = Workbook()
    workbook.remove(workbook.active)
    title = _("Zahlenmäßiger Nachweis %(year)s – %(name)s") % {
        "year": grant.funding_year.year,
        "name": grant.municipality.name,
    }
    _statement_sheet(workbook, data.statement, title)
    sheet = workbook[_("Nachweis")]
    sheet.append([])
    for label, value in (
        (_("Bewilligte Zuwendung"), grant.amount),
        (_("Angefordert (Mittelabrufe)"), data.payments_total),
        (_("Ausgezahlt"), data.paid_total),
    ):
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=2).number_format = EURO_FORMAT
    _receipts_sheet(workbook, data.receipts, with_municipality=False)
    return xlsx_bytes(workbook)


def cohort_statement_xlsx(*, data: CohortStatement) -> bytes:
    funding_year = data.funding_year
    workbook = Workbook()
    workbook.remove(workbook.active)
    title = _("Zahlenmäßiger Nachweis %(year)s – %(call)s") % {
        "year": funding_year.year,
        "call": funding_year.call.title,
    }
    _statement_sheet(workbook, data.statement, title)
    sheet = workbook.create_sheet(_("Kommunen"))
    sheet.append(
        [
            _("Kommune"),
            _("Zuwendung"),
            _("Geplant"),
            _("Ausgegeben (anerkannt)"),
            _("Angefordert"),
            _("Ausgezahlt"),
        ]
    )
    _bold_row(sheet)
    first = sheet.max_row + 1
    for row in data.rows:
        g = row.grant
        _append_data(
            sheet, [g.municipality.name, g.amount, g.planned, g.approved, g.requested, g.paid]
        )
    _euro_columns(sheet, [2, 3, 4, 5, 6], first)
    _total_row(
        sheet,
        _("Summe"),
        {
            2: data.amount,
            3: data.planned,
            4: data.approved,
            5: data.requested,
            6: data.paid,
        },
        first,
        6,
    )
    _widths(sheet, [32, 16, 16, 22, 16, 16])
    _receipts_sheet(workbook, data.receipts, with_municipality=True)
    return xlsx_bytes(workbook)


def _money_head() -> list[str]:
    return [
        _("Zuwendung"),
        _("Geplant"),
        _("Ausgegeben (anerkannt)"),
        _("Angefordert"),
        _("Ausgezahlt"),
    ]


def _money(part) -> list:
    return [part.amount, part.planned, part.approved, part.requested, part.paid]


def _money_table(sheet, first_head: str, rows: list[tuple[object, list]], totals) -> None:
    """A row per year or municipality with its five sums, then the exact totals."""
    sheet.append([first_head, *_money_head()])
    _bold_row(sheet)
    first = sheet.max_row + 1
    for label, values in rows:
        _append_data(sheet, [label, *values])
    _euro_columns(sheet, [2, 3, 4, 5, 6], first)
    _total_row(sheet, _("Summe"), dict(enumerate(_money(totals), start=2)), first, 6)


def _heading(sheet, text: str) -> None:
    sheet.append([])
    sheet.append([text])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=12)


def programme_statement_xlsx(*, data: ProgrammeStatement) -> bytes:
    """Every funding year on its own with its subtotal, then all years side by side.
    Nothing is carried from one year into another."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet = workbook.create_sheet(_("Nachweis"))
    who = data.municipality.name if data.municipality else data.call.title
    sheet.append(
        [_("Zahlenmäßiger Verwendungsnachweis (alle Förderjahre) – %(who)s") % {"who": who}]
    )
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    _money_table(sheet, _("Förderjahr"), [(y.year, _money(y)) for y in data.years], data)
    for year in data.years:
        _heading(sheet, _("Förderjahr %(year)s") % {"year": year.year})
        _statement_table(sheet, year.statement, _("Summe %(year)s") % {"year": year.year})
    _heading(sheet, _("Alle Förderjahre je Kategorie"))
    numbers = data.year_numbers
    sheet.append(
        [
            _("Kategorie"),
            *[_("Ausgegeben %(year)s") % {"year": n} for n in numbers],
            _("Geplant (alle Jahre)"),
            _("Ausgegeben (alle Jahre)"),
        ]
    )
    _bold_row(sheet)
    first = sheet.max_row + 1
    for line in data.lines:
        _append_data(sheet, [line.category.name, *line.spent_by_year, line.planned, line.spent])
    width = len(numbers) + 3
    _euro_columns(sheet, list(range(2, width + 1)), first)
    totals = [y.statement.spent for y in data.years] + [
        data.statement.planned,
        data.statement.spent,
    ]
    _total_row(sheet, _("Summe"), dict(enumerate(totals, start=2)), first, width)
    _widths(sheet, [36] + [18] * (width - 1))

    if data.municipality is None:
        rows = workbook.create_sheet(_("Kommunen"))
        _money_table(
            rows, _("Kommune"), [(r.municipality.name, _money(r)) for r in data.rows], data
        )
        _heading(rows, _("Anerkannte Ausgaben je Kommune und Förderjahr"))
        rows.append([_("Kommune"), *[str(n) for n in numbers], _("Alle Jahre")])
        _bold_row(rows)
        first = rows.max_row + 1
        for row in data.rows:
            cells = [grant.approved if grant else ZERO for grant in row.by_year]
            _append_data(rows, [row.municipality.name, *cells, row.approved])
        width = len(numbers) + 2
        _euro_columns(rows, list(range(2, width + 1)), first)
        totals = [y.approved for y in data.years] + [data.approved]
        _total_row(rows, _("Summe"), dict(enumerate(totals, start=2)), first, width)
        _widths(rows, [32] + [18] * (width - 1))
    else:
        sheet.append([])
        for label, value in (
            (_("Angefordert (Mittelabrufe)"), data.payments_total),
            (_("Ausgezahlt"), data.paid_total),
        ):
            sheet.append([label, value])
            sheet.cell(row=sheet.max_row, column=2).number_format = EURO_FORMAT
    _receipts_sheet(
        workbook, data.receipts, with_municipality=data.municipality is None, with_year=True
    )
    return xlsx_bytes(workbook)


def programme_statement_pdf(*, data: ProgrammeStatement) -> bytes:
    return render_pdf(
        "funding/reports/pdf/programme.html", {"data": data, "generated": timezone.localtime()}
    )


def grant_statement_pdf(*, data: GrantStatement) -> bytes:
    return render_pdf(
        "funding/reports/pdf/statement.html",
        {"data": data, "grant": data.grant, "generated": timezone.localtime()},
    )


def cohort_statement_pdf(*, data: CohortStatement) -> bytes:
    return render_pdf(
        "funding/reports/pdf/cohort.html",
        {"data": data, "funding_year": data.funding_year, "generated": timezone.localtime()},
    )


def narrative_pdf(*, report: NarrativeReport, facts: ReportFacts) -> bytes:
    return render_pdf(
        "funding/reports/pdf/narrative.html",
        {"report": report, "facts": facts, "generated": timezone.localtime()},
    )
