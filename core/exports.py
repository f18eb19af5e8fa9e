"""Spreadsheet downloads (CSV for German Excel, XLSX) that never run what people typed.

Names, answers, payees and free texts come from applicants, the public and survey
respondents. A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` as
a formula, and Excel also after a leading tab or carriage return; such text is written
with a leading apostrophe in CSV and as a text cell in XLSX. Every export of the
platform goes through this module, so the rule is the same everywhere.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from io import BytesIO

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PDF_TYPE = "application/pdf"

# Characters that make a spreadsheet treat a cell as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A plain signed number ("-12", "+3,5") is a value, not a formula: it stays as it is so
# that the bookkeeper can add it up. Anything more ("-1+2", "-Infinity") is text.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
# German Excel opens a CSV as UTF-8 only with the byte-order mark, and splits on ";".
BOM = "\ufeff"
DELIMITER = ";"
# Characters a file name in a header must not carry: quotes and backslashes would end
# the value, line breaks would start a new header, slashes would name a directory.
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f"\\/]')


def is_formula(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(text)


def safe_cell(value):
    """``value`` for a CSV cell: text a spreadsheet would run gets a leading apostrophe;
    None becomes empty; numbers and other values pass unchanged."""
    if value is None:
        return ""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose ``write`` hands the line back, for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """The lines of a CSV file, the first with the byte-order mark, every cell safe."""
    writer = csv.writer(_Echo(), delimiter=DELIMITER, lineterminator="\r\n")
    first = True
    for row in rows:
        line = writer.writerow([safe_cell(value) for value in row])
        yield BOM + line if first else line
        first = False
    if first:
        yield BOM


def header_rows(columns: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The two header rows of an export that people and scripts both read: first each
    column's label in the page's language, then its key, which stays the same in every
    language and questionnaire version, so a script reads the second row."""
    columns = list(columns)
    return [[label for label, _key in columns], [key for _label, key in columns]]


def csv_bytes(rows: Iterable[Iterable]) -> bytes:
    return "".join(csv_lines(rows)).encode("utf-8")


def safe_filename(name: str) -> str:
    cleaned = _UNSAFE_NAME.sub("-", name).strip(" .")
    return cleaned or "download"


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """Mark ``response`` as a download named ``filename`` (non-ASCII names as RFC 6266)."""
    response["Content-Disposition"] = content_disposition_header(True, safe_filename(filename))
    return response


def download_response(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    return attachment(HttpResponse(content, content_type=content_type), filename)


def csv_response(rows: Iterable[Iterable], *, filename: str) -> HttpResponse:
    return download_response(csv_bytes(rows), content_type=CSV_TYPE, filename=filename)


def csv_streaming_response(rows: Iterable[Iterable], *, filename: str) -> StreamingHttpResponse:
    """For long exports: rows are read and written while the file is sent."""
    return attachment(StreamingHttpResponse(csv_lines(rows), content_type=CSV_TYPE), filename)


def keep_text(cells: Iterable) -> None:
    """Keep these cells' text as text, even if it starts with "=": nobody's input
    becomes a formula in an XLSX file."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def text_cells(workbook: Workbook) -> None:
    """``keep_text`` for every cell of a (not write-only) workbook. A workbook with
    formulas of our own marks its data rows with ``keep_text`` instead."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            keep_text(row)


def xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes | Workbook, *, filename: str) -> HttpResponse:
    if isinstance(content, Workbook):
        content = xlsx_bytes(content)
    return download_response(content, content_type=XLSX_TYPE, filename=filename)
