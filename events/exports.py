"""Registrations as CSV and XLSX for the office."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.exports import csv_bytes, text_cells, xlsx_bytes
from events.models import Event, Registration, RegistrationQuestion


def _rows(registrations: list[Registration], questions: list[RegistrationQuestion]):
    header = [_("Name"), _("E-Mail-Adresse"), _("Kommune"), _("Status"), _("Tage")]
    header += [q.label for q in questions]
    yield header
    for r in registrations:
        row = [
            r.name,
            r.email,
            r.municipality.name if r.municipality_id else "",
            r.get_status_display(),
            ", ".join(str(day) for day in r.days.all()),
        ]
        row += [str(r.answers.get(str(q.pk), "")) for q in questions]
        yield row


def registrations_csv(event: Event, registrations, questions) -> bytes:
    return csv_bytes(_rows(registrations, questions))


def registrations_xlsx(event: Event, registrations, questions) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Anmeldungen")
    sheet.append([event.title])
    sheet["A1"].font = Font(bold=True)
    for row in _rows(registrations, questions):
        sheet.append(row)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    # Text stays text: names typed by the public are never read as formulas.
    text_cells(workbook)
    return xlsx_bytes(workbook)
