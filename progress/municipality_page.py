"""Where a model municipality stands in the programme, on the office's page of it
(``core.municipality_sections``): its cohort and the status of each commitment in the
current programme year."""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from core.municipality_sections import Section, register
from programme.models import Status
from programme.selectors import year_choose
from progress.status import programme_progress
from selection.selectors import cohort_calls_for_municipality


def programme_context(municipality) -> dict:
    calls = cohort_calls_for_municipality(municipality_id=municipality.pk)
    if not calls:
        return {"municipality": municipality, "calls": []}
    # A municipality is in one cohort at a time; the newest one is the one that runs.
    call = calls[0]
    progress = programme_progress(call=call, municipality_ids=[municipality.pk])
    year = year_choose(years=progress.years, number=None)
    cells = progress.row(municipality.pk, year) if year else []
    counts = Counter(cell.status for cell in cells)
    return {
        "municipality": municipality,
        "calls": calls,
        "call": call,
        "year": year,
        "cells": cells,
        "summary": [(Status(status).label, counts[status]) for status in Status if counts[status]],
    }


register(
    Section(
        key="programm",
        title=_("Programm"),
        order=40,
        template="progress/municipality_section.html",
        context=programme_context,
    )
)
