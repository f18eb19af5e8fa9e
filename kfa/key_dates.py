"""The start page's dates: the first round's as its call published them (``core.content``)
and, for every later call that is still to be decided, its own deadline, decision and start,
read from the call so that the office's edits of a call show at once."""

import datetime as dt
from zoneinfo import ZoneInfo

from calls.models import Call
from core.content import KEY_DATES, KeyDate

BERLIN = ZoneInfo("Europe/Berlin")


def call_key_dates(*, calls: list[Call], today: dt.date) -> list[KeyDate]:
    """Dates of the published calls not yet decided; a day the fixed list already names
    (the first round's) is not named twice."""
    named = {key_date.first for key_date in KEY_DATES}
    dates = []
    for call in calls:
        if call.decision_date < today:
            continue
        title_en = call.title_en or call.title_de
        for day, label_de, label_en in (
            (call.deadline.astimezone(BERLIN).date(), "Bewerbungsschluss", "Application deadline"),
            (
                call.decision_date,
                "Entscheidung über die Modellkommunen",
                "Decision on the model municipalities",
            ),
            (call.programme_start, "Programmbeginn", "Start of the programme"),
        ):
            if day not in named:
                dates.append(
                    KeyDate((day,), f"{label_de}: {call.title_de}", f"{label_en}: {title_en}")
                )
    return dates
