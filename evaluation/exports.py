"""Exports of the answers (CSV, XLSX) with a codebook.

One row per response of an included survey (``evaluation.anonymity``, rule 1); a value
is left empty where its survey-item cell is below the threshold (rule 2), and free text
the same way. Only closed surveys are exported. Rows carry the survey's attributes and
the month of the answer, never a day or time; they are ordered by those attributes and
then by a random key, so the row order says nothing about the order of submissions.
"""

import csv
import secrets
from collections import Counter, defaultdict
from io import BytesIO, StringIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from evaluation import anonymity
from evaluation.models import Item, ItemType
from evaluation.results import Loaded, closed_ids, survey_year


def header(items: list[Item]) -> list[str]:
    return [_("Nr."), _("Befragung"), _("Art"), _("Kommune"), _("Modul"), _("Jahr"), _("Monat")] + [
        item.key for item in items
    ]


def _cell(item: Item, value) -> object:
    if value is None:
        return ""
    if item.type == ItemType.MULTIPLE:
        return ";".join(str(code) for code in value)
    return value


def answer_rows(*, items, surveys, loaded: Loaded, threshold: int) -> list[list]:
    closed = closed_ids(surveys)
    counts = {
        survey.pk: loaded.counts.get(survey.pk, 0) if survey.pk in closed else 0
        for survey in surveys
    }
    included = anonymity.included_surveys(counts, threshold=threshold)
    cell_counts = Counter(
        (survey_id, item_id)
        for survey_id, _r, item_id, value, _h in loaded.answers
        if value not in (None, "", [])
    )
    cells = anonymity.included_cells(cell_counts, surveys=included, threshold=threshold)
    by_response = defaultdict(dict)
    for survey_id, response_id, item_id, value, _h in loaded.answers:
        if (survey_id, item_id) in cells:
            by_response[(survey_id, response_id)][item_id] = value
    days = loaded.days
    survey_of = {survey.pk: survey for survey in surveys}
    keyed = []
    for (survey_id, response_id), values in by_response.items():
        survey = survey_of[survey_id]
        keyed.append(
            ((survey.opens_at, survey.pk, secrets.token_hex(8)), survey, response_id, values)
        )
    keyed.sort(key=lambda entry: entry[0])
    rows = []
    for number, (_key, survey, response_id, values) in enumerate(keyed, start=1):
        day = days.get(response_id)
        rows.append(
            [
                number,
                survey.title,
                survey.get_phase_display(),
                survey.municipality.name if survey.municipality_id else "",
                survey.module.code if survey.module_id else "",
                survey_year(survey),
                # The month only: a day would single out late or early answers.
                day.strftime("%Y-%m") if day else "",
            ]
            + [_cell(item, values.get(item.pk)) for item in items]
        )
    return rows


def codebook_rows(items: list[Item]) -> list[list]:
    rows = [[_("Kennung"), _("Abschnitt"), _("Frage"), _("Art"), _("Pflicht"), _("Codes")]]
    for item in items:
        codes = "; ".join(f"{code} = {label}" for code, label in enumerate(item.options, start=1))
        if item.type == ItemType.MULTIPLE:
            codes += "; " + _("mehrere Codes durch Semikolon getrennt")
        rows.append(
            [
                item.key,
                item.section.title,
                item.text,
                item.get_type_display(),
                _("ja") if item.required else _("nein"),
                codes,
            ]
        )
    rows.append([])
    rows.append(
        [
            _(
                "Antworten aus Befragungen mit weniger Antworten als die Mindestzahl und Fragen, "
                "die in einer Befragung weniger Menschen beantwortet haben, bleiben leer."
            )
        ]
    )
    return rows


def _safe_text(value):
    """Text that a spreadsheet would read as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_csv(rows: list[list]) -> bytes:
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow([_safe_text(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(*, header: list[str], rows: list[list], codebook: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Antworten")[:31]
    for values in [header, *rows]:
        sheet.append(values)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    book = workbook.create_sheet(_("Codebuch")[:31])
    for values in codebook:
        book.append(values)
    for cell in book[1]:
        cell.font = Font(bold=True)
    for worksheet in (sheet, book):
        for row in worksheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
