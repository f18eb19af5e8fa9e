"""The filtered application list as CSV (for German Excel) and as XLSX.

Two header rows: the columns' labels in the page's language (a question's short label),
then their stable keys for scripts (a question's key), so that a person can read the
table and a script still finds its columns in either language.

Both builders take the queryset the list shows and read it in chunks, with the answers
of each chunk fetched in one query, so the number of queries does not grow with the
rows and memory stays flat for all 11,000 municipalities.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import get_language, gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from applications.display import value_cell, value_text
from applications.models import Answer, Application
from calls.fields import visible_questions
from calls.models import Question
from core.attribution import REGISTER_ATTRIBUTION
from core.audit import action_label
from core.audit_display import ChangeReader, object_type_label
from core.exports import header_rows, xlsx_bytes
from municipalities.models import Municipality, SizeClass
from office.selectors import export_questions

BERLIN = ZoneInfo("Europe/Berlin")
CHUNK_SIZE = 1000


def _base_columns() -> list[tuple[str, str, int]]:
    """Header, key and XLSX column width of the columns every export has. The keys hold
    a dot, which question keys never do, so no answer column can take their name."""
    return [
        (gettext("Aktenzeichen"), "bewerbung.aktenzeichen", 18),
        (gettext("Ausschreibung"), "bewerbung.ausschreibung", 30),
        (gettext("Kommune"), "kommune.name", 30),
        (gettext("Amtlicher Schlüssel"), "kommune.schluessel", 12),
        (gettext("Art"), "kommune.art", 24),
        (gettext("Land"), "kommune.land", 22),
        (gettext("Kreis"), "kommune.kreis", 26),
        (gettext("Einwohner*innen"), "kommune.einwohner", 14),
        (gettext("Größenklasse"), "kommune.groessenklasse", 30),
        (gettext("Status"), "bewerbung.status", 14),
        (gettext("Eingereicht am"), "bewerbung.eingereicht_am", 18),
    ]


def _columns(questions: list[Question]) -> list[tuple[str, str, int]]:
    """Every column: the base columns, then one per question under its short label."""
    return _base_columns() + [(q.short_label, q.key, _question_width(q)) for q in questions]


class _Labels:
    """Display labels, translated once per export instead of once per row."""

    def __init__(self):
        self.kind = {value: str(label) for value, label in Municipality.Kind.choices}
        self.size_class = {value: str(label) for value, label in SizeClass.choices}
        self.status = {value: str(label) for value, label in Application.Status.choices}
        self.english = (get_language() or "de")[:2] == "en"


# What a row needs, read as plain values: no model instances for 11,000 rows.
ROW_FIELDS = (
    "pk",
    "reference",
    "call__title_de",
    "call__title_en",
    "municipality__name",
    "municipality__key",
    "municipality__kind",
    "municipality__land__name",
    "municipality__kreis__name",
    "municipality__population",
    "municipality__size_class",
    "status",
    "submitted_at",
    "version_id",
)


def _base_values(row: dict, labels: _Labels) -> list:
    submitted_at = row["submitted_at"]
    kind, size_class, status = (
        row["municipality__kind"],
        row["municipality__size_class"],
        row["status"],
    )
    return [
        row["reference"],
        (labels.english and row["call__title_en"]) or row["call__title_de"],
        row["municipality__name"],
        row["municipality__key"],
        labels.kind.get(kind, kind),
        row["municipality__land__name"],
        row["municipality__kreis__name"] or "",
        row["municipality__population"],
        labels.size_class.get(size_class, size_class),
        labels.status.get(status, status),
        submitted_at.astimezone(BERLIN) if submitted_at else None,
    ]


@dataclass(frozen=True)
class _Answer:
    question: Question
    value: object
    file_name: str


def _in_chunks(applications: QuerySet[Application]) -> Iterator[list[dict]]:
    chunk = []
    for row in applications.values(*ROW_FIELDS).iterator(chunk_size=CHUNK_SIZE):
        chunk.append(row)
        if len(chunk) == CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _rows(
    applications: QuerySet[Application], questions_by_id: dict[int, Question]
) -> Iterator[tuple[dict, dict[str, _Answer]]]:
    """Each application's row with its answers by question key; one answer query per
    chunk."""
    by_version: dict[int, list[Question]] = {}
    for question in questions_by_id.values():
        by_version.setdefault(question.version_id, []).append(question)
    for chunk in _in_chunks(applications):
        answers: dict[int, dict[str, _Answer]] = {row["pk"]: {} for row in chunk}
        stored = Answer.objects.filter(application_id__in=list(answers)).values_list(
            "application_id", "question_id", "value", "file", "file_name"
        )
        for application_id, question_id, value, file, file_name in stored:
            question = questions_by_id.get(question_id)
            if question is not None:
                answers[application_id][question.key] = _Answer(
                    question=question, value=value, file_name=file_name if file else ""
                )
        for row in chunk:
            yield row, _shown(answers[row["pk"]], by_version.get(row["version_id"], []))


def _shown(answers: dict[str, _Answer], questions: list[Question]) -> dict[str, _Answer]:
    """Only answers to questions the applicant saw: an answer kept from before a
    condition changed is not part of the application."""
    values = {key: answer.value for key, answer in answers.items()}
    visible = {q.key for q in visible_questions(questions, values)}
    return {key: answer for key, answer in answers.items() if key in visible}


def _answer_text(answer: _Answer | None) -> str:
    if answer is None:
        return ""
    return value_text(question=answer.question, value=answer.value, file_name=answer.file_name)


def _answer_cell(answer: _Answer | None):
    if answer is None:
        return ""
    return value_cell(question=answer.question, value=answer.value, file_name=answer.file_name)


def _csv_value(value):
    if isinstance(value, dt.datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    return value


def applications_export_rows(*, applications: QuerySet[Application]) -> Iterator[list]:
    """The rows of the CSV export, header first; dates as German text."""
    questions = export_questions(applications=applications)
    labels = _Labels()
    yield from header_rows((title, key) for title, key, _width in _columns(questions.columns))
    for row, answers in _rows(applications, questions.by_id):
        values = _base_values(row, labels) + [
            _answer_text(answers.get(q.key)) for q in questions.columns
        ]
        yield [_csv_value(v) for v in values]


def _xlsx_cell(sheet, value, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, dt.datetime):
        # Excel knows no time zones: the time is written as Berlin wall-clock time.
        value = value.astimezone(BERLIN).replace(tzinfo=None)
    elif isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Text stays text, even if it starts with "=" (no formulas from applicants).
        cell.data_type = "s"
    elif isinstance(value, dt.datetime):
        cell.number_format = "DD.MM.YYYY HH:MM"
    elif isinstance(value, dt.date):
        cell.number_format = "DD.MM.YYYY"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _question_width(question: Question) -> int:
    return min(60, max(20, len(question.short_label) // 2, len(question.key) + 4))


def applications_export_xlsx(*, applications: QuerySet[Application]) -> bytes:
    """An Excel workbook: bold frozen header row with auto filter, real dates."""
    questions = export_questions(applications=applications)
    labels = _Labels()
    columns = _columns(questions.columns)

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=gettext("Bewerbungen"))
    # A write-only sheet takes its layout before the first row.
    for index, (_title, _key, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    headers = header_rows((title, key) for title, key, _width in columns)
    sheet.freeze_panes = f"A{len(headers) + 1}"
    for header in headers:
        sheet.append([_xlsx_cell(sheet, text, bold=True) for text in header])

    rows = 0
    for row, answers in _rows(applications, questions.by_id):
        values = _base_values(row, labels) + [
            _answer_cell(answers.get(q.key)) for q in questions.columns
        ]
        sheet.append([_xlsx_cell(sheet, v) for v in values])
        rows += 1
    # The filter sits on the row of keys, the last header row.
    sheet.auto_filter.ref = (
        f"A{len(headers)}:{get_column_letter(len(columns))}{rows + len(headers)}"
    )

    source = workbook.create_sheet(title=gettext("Quelle"))
    source.append([_xlsx_cell(source, REGISTER_ATTRIBUTION)])

    return xlsx_bytes(workbook)


# The audit trail's export: the rows the filtered trail shows, newest first, each chunk's
# people and objects looked up together. The CSV streams; the XLSX is built in memory and
# so holds at most AUDIT_XLSX_LIMIT entries, with a last row saying that more were left out.
AUDIT_CHUNK_SIZE = 500
AUDIT_XLSX_LIMIT = 20000


def _audit_columns() -> list[tuple[str, str, int]]:
    return [
        (gettext("Zeitpunkt"), "zeitpunkt", 18),
        (gettext("Person"), "person", 26),
        (gettext("E-Mail-Adresse"), "person.email", 30),
        (gettext("Aktion"), "aktion", 36),
        (gettext("Aktionscode"), "aktion.code", 28),
        (gettext("Art des Objekts"), "objekt.art", 24),
        (gettext("Nummer des Objekts"), "objekt.nummer", 12),
        (gettext("Objekt"), "objekt.bezeichnung", 36),
        (gettext("Änderungen"), "aenderungen", 80),
    ]


def _audit_rows(entries: QuerySet) -> Iterator[list]:
    """Each entry as its cells, with the time as a datetime."""
    type_labels: dict[str, str] = {}
    chunk: list = []

    def rows_of(chunk):
        reader = ChangeReader(chunk)
        for entry in chunk:
            if entry.object_type not in type_labels:
                type_labels[entry.object_type] = object_type_label(entry.object_type)
            changes = "; ".join(
                f"{field}: {old} → {new or '–'}" if old else f"{field}: {new or '–'}"
                for field, old, new in reader.lines(entry.object_type, entry.changes)
            )
            actor = entry.actor
            yield [
                entry.created_at,
                actor.full_name if actor else gettext("System"),
                actor.email if actor else "",
                action_label(entry.action),
                entry.action,
                type_labels[entry.object_type],
                entry.object_id,
                entry.object_label,
                changes,
            ]

    for entry in entries.iterator(chunk_size=AUDIT_CHUNK_SIZE):
        chunk.append(entry)
        if len(chunk) == AUDIT_CHUNK_SIZE:
            yield from rows_of(chunk)
            chunk = []
    if chunk:
        yield from rows_of(chunk)


def audit_export_rows(*, entries: QuerySet) -> Iterator[list]:
    """The CSV's rows: two header rows, then one per entry, times in Berlin."""
    columns = _audit_columns()
    yield from header_rows((label, key) for label, key, _width in columns)
    for row in _audit_rows(entries):
        moment = row[0].astimezone(BERLIN)
        yield [formats.date_format(moment, "SHORT_DATETIME_FORMAT"), *row[1:]]


def audit_export_xlsx(*, entries: QuerySet) -> bytes:
    columns = _audit_columns()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Protokoll"))
    for index, (_label, _key, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for header in header_rows((label, key) for label, key, _width in columns):
        sheet.append([_xlsx_cell(sheet, value, bold=True) for value in header])
    rows = _audit_rows(entries[: AUDIT_XLSX_LIMIT + 1])
    for count, row in enumerate(rows):
        if count == AUDIT_XLSX_LIMIT:
            note = gettext(
                "Weitere Einträge sind hier nicht enthalten. Bitte den Zeitraum "
                "eingrenzen oder die CSV-Datei nehmen."
            )
            sheet.append([_xlsx_cell(sheet, note, bold=True)])
            break
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    return xlsx_bytes(workbook)
