"""Exports of the answers (CSV, XLSX) with a codebook.

Three kinds, none of which lets a group below the threshold T be learned:

- Rows, one per response of an included survey (``evaluation.anonymity``, rules 1 and
  2), with the survey's attributes and the answers to every item except free text; no
  month, day or time. Every answer is a category a person can be picked out by (the
  one "Finanzen" among six), so the rows are made k-anonymous with k = T: going
  through the items in order, a value shared by fewer than T people of the same
  combination of earlier columns is replaced by ``*``, and if the starred people of
  that combination are fewer than T, the next smallest value is starred with them
  (``protected_rows``). Every combination of the exported columns then holds 0 or at
  least T rows. The order of rows within a survey is random.
- Free texts, apart from every category: only the item and the text, in random order,
  and only from survey-item cells of at least T answers.
- Frequencies per item (and per row of a chosen breakdown), from the same figures the
  result pages show, with hidden options as ``*``.
"""

import json
import random
import secrets
from collections import Counter, defaultdict

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.exports import text_cells, xlsx_bytes
from evaluation import anonymity
from evaluation.models import Item, ItemType
from evaluation.results import Loaded, Results, closed_ids, survey_year

PROTECTED = "*"


def row_items(items: list[Item]) -> list[Item]:
    """The items of the row export: every item but free text."""
    return [item for item in items if item.type != ItemType.TEXT]


def header(items: list[Item]) -> list[str]:
    return [_("Nr."), _("Befragung"), _("Art"), _("Kommune"), _("Modul"), _("Jahr")] + [
        item.key for item in row_items(items)
    ]


def _cell(item: Item, value) -> object:
    if value is None:
        return ""
    if value == PROTECTED:
        return PROTECTED
    if item.type == ItemType.MULTIPLE:
        return ";".join(str(code) for code in value)
    return value


def _included_cells(*, surveys, loaded: Loaded, threshold: int):
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
    cells = anonymity.included_cells(
        cell_counts, surveys=included, threshold=threshold, sizes=counts
    )
    return included, cells


def protected_rows(rows: list[dict], *, keys: list, start, threshold: int) -> list[dict]:
    """Star values in ``rows`` (dicts of column key to value) so that every combination
    of ``start(row)`` and the columns ``keys`` holds 0 or at least ``threshold`` rows.
    ``start`` must already group the rows into groups of at least ``threshold``."""
    threshold = anonymity.effective_threshold(threshold)
    groups = defaultdict(list)
    for row in rows:
        groups[start(row)].append(row)
    for key in keys:
        refined = defaultdict(list)
        for group_key, members in groups.items():
            by_value = defaultdict(list)
            for row in members:
                by_value[json.dumps(row.get(key), sort_keys=True)].append(row)
            small = [value for value, same in by_value.items() if len(same) < threshold]
            starred = sum(len(by_value[value]) for value in small)
            if 0 < starred < threshold:
                # Complementary: the starred people alone would be a group below T.
                rest = sorted(
                    (len(same), value) for value, same in by_value.items() if value not in small
                )
                for size, value in rest:
                    small.append(value)
                    starred += size
                    if starred >= threshold:
                        break
            for value, same in by_value.items():
                if value in small:
                    for row in same:
                        row[key] = PROTECTED
                refined[(group_key, PROTECTED if value in small else value)].extend(same)
        groups = refined
    return rows


def answer_rows(*, items, surveys, loaded: Loaded, threshold: int) -> list[list]:
    included, cells = _included_cells(surveys=surveys, loaded=loaded, threshold=threshold)
    exported = row_items(items)
    by_response = defaultdict(dict)
    survey_of_response = {}
    for survey_id, response_id, item_id, value, _h in loaded.answers:
        if survey_id in included:
            survey_of_response[response_id] = survey_id
            if (survey_id, item_id) in cells:
                by_response[response_id][item_id] = value
    rows = [
        {"survey": survey_id, **by_response[response_id]}
        for response_id, survey_id in survey_of_response.items()
    ]
    protected_rows(
        rows,
        keys=[item.pk for item in exported],
        start=lambda row: row["survey"],
        threshold=threshold,
    )
    survey_of = {survey.pk: survey for survey in surveys}
    keyed = sorted(
        (
            (survey_of[row["survey"]].opens_at, row["survey"], secrets.token_hex(8)),
            row,
        )
        for row in rows
    )
    out = []
    for number, (_key, row) in enumerate(keyed, start=1):
        survey = survey_of[row["survey"]]
        out.append(
            [
                number,
                survey.title,
                survey.get_phase_display(),
                survey.municipality.name if survey.municipality_id else "",
                survey.module.code if survey.module_id else "",
                survey_year(survey),
            ]
            + [_cell(item, row.get(item.pk)) for item in exported]
        )
    return out


def text_header() -> list[str]:
    return [_("Kennung"), _("Frage"), _("Freitext")]


def text_rows(*, items, surveys, loaded: Loaded, threshold: int) -> list[list]:
    """The free texts of included cells, with nothing but their item, shuffled."""
    _included, cells = _included_cells(surveys=surveys, loaded=loaded, threshold=threshold)
    item_of = {item.pk: item for item in items if item.type == ItemType.TEXT}
    rows = [
        [item_of[item_id].key, item_of[item_id].text, str(value)]
        for survey_id, _r, item_id, value, _h in loaded.answers
        if item_id in item_of and (survey_id, item_id) in cells and value not in (None, "")
    ]
    random.SystemRandom().shuffle(rows)
    return rows


def frequency_header() -> list[str]:
    return [
        _("Gruppe"),
        _("Kennung"),
        _("Antwort"),
        _("Anzahl"),
        _("Anteil in Prozent"),
        _("Antworten"),
        _("Mittelwert"),
    ]


def frequency_rows(groups: list[tuple[str, Results]]) -> list[list]:
    """Per group (all, or each row of a breakdown) and item: the figures of the result
    pages, hidden options as ``*``."""
    rows = []
    for label, results in groups:
        for result in results.items:
            if result.item.type == ItemType.TEXT or result.suppressed:
                continue
            mean = "" if result.mean is None else result.mean
            if not result.bars:
                rows.append([label, result.item.key, "", "", "", result.n, mean])
            for bar in result.bars:
                hidden = bar.count is None
                rows.append(
                    [
                        label,
                        result.item.key,
                        f"{bar.code} – {bar.label}",
                        PROTECTED if hidden else bar.count,
                        PROTECTED if hidden else bar.percent,
                        result.n,
                        mean,
                    ]
                )
    return rows


def codebook_rows(items: list[Item]) -> list[list]:
    rows = [[_("Kennung"), _("Abschnitt"), _("Frage"), _("Art"), _("Pflicht"), _("Codes")]]
    for item in items:
        codes = "; ".join(f"{code} = {label}" for code, label in enumerate(item.options, start=1))
        if item.type == ItemType.MULTIPLE:
            codes += "; " + _("mehrere Codes durch Semikolon getrennt")
        if item.type == ItemType.TEXT:
            codes = _("nur in der Datei der Freitexte, ohne jede andere Angabe")
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
    rows.append(
        [
            _(
                "* = zum Schutz kleiner Gruppen unterdrückt: Jede Kombination der Spalten "
                "kommt in den Antworten mindestens so oft vor wie die Mindestzahl; ein Wert, "
                "den weniger Menschen teilen, ist durch * ersetzt, ebenso ein weiterer, wenn "
                "sonst die ersetzten Werte eine kleinere Gruppe bilden würden. In den "
                "Häufigkeiten steht * für eine Anzahl, die nicht ausgewiesen wird."
            )
        ]
    )
    return rows


def to_xlsx(*, sheets: list[tuple[str, list[list]]]) -> bytes:
    """One sheet per (title, rows), the first row of each in bold."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        for values in rows:
            sheet.append(values)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    text_cells(workbook)
    return xlsx_bytes(workbook)
