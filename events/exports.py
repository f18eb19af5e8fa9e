"""Registrations as CSV and XLSX for the office, with the attendance of each day."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.exports import csv_bytes, text_cells, xlsx_bytes
from events.models import Event, EventDay, Registration, RegistrationQuestion


def _attendance(registration: Registration, day: EventDay) -> str:
    """Whether the person came that day: "ja", "nein", or "–" for a day they did not
    register for (someone who chose no days registered for every day)."""
    if any(a.day_id == day.pk for a in registration.attendances.all()):
        return _("ja")
    chosen = {d.pk for d in registration.days.all()}
    if chosen and day.pk not in chosen:
        return "–"
    return _("nein")


def _rows(
    registrations: list[Registration],
    questions: list[RegistrationQuestion],
    days: list[EventDay],
):
    """``registrations`` with their days and attendances prefetched."""
    header = [_("Name"), _("E-Mail-Adresse"), _("Kommune"), _("Status"), _("Tage")]
    header += [q.label for q in questions]
    header += [_("Anwesend am %(date)s") % {"date": f"{day.date:%d.%m.%Y}"} for day in days]
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
        row += [_attendance(r, day) for day in days]
        yield row


def registrations_csv(event: Event, registrations, questions) -> bytes:
    return csv_bytes(_rows(registrations, questions, list(event.days.all())))


def registrations_xlsx(event: Event, registrations, questions) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Anmeldungen")
    sheet.append([event.title])
    sheet["A1"].font = Font(bold=True)
    for row in _rows(registrations, questions, list(event.days.all())):
        sheet.append(row)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    # Text stays text: names typed by the public are never read as formulas.
    text_cells(workbook)
    return xlsx_bytes(workbook)
