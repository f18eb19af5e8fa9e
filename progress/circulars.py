"""The office's reminder to the municipalities whose commitments are at risk: each
municipality's coordinators get the office's text followed by their own commitments at
risk, and nothing of any other municipality."""

import datetime as dt
from collections import defaultdict

from django import forms
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calls.models import Call
from core.circular_views import CircularForm, Composition
from core.numbers import number
from municipalities.models import Municipality
from programme.circulars import coordinators_composition
from programme.cohort import cohort_municipalities
from programme.models import Status
from programme.periods import current_year
from progress.status import Cell, programme_progress


def at_risk_topic(call: Call) -> str:
    return f"progress.at_risk:{call.pk}"


def cells_at_risk(
    *, call: Call, now: dt.datetime | None = None
) -> tuple[list[Municipality], dict[int, list[Cell]]]:
    """The model municipalities with a commitment at risk in the running programme year
    (by name), and those commitments per municipality."""
    now = now or timezone.now()
    municipalities = list(cohort_municipalities(call=call))
    progress = programme_progress(
        call=call, municipality_ids=[m.pk for m in municipalities], now=now, whole_cohort=True
    )
    year = current_year(progress.years, progress.today)
    at_risk = defaultdict(list)
    if year is not None and year.starts_on <= progress.today <= year.ends_on:
        for municipality in municipalities:
            for cell in progress.row(municipality.pk, year):
                if cell.status == Status.AT_RISK:
                    at_risk[municipality.pk].append(cell)
    return [m for m in municipalities if at_risk[m.pk]], dict(at_risk)


def cell_lines(cells: list[Cell], language: str) -> list[str]:
    """The commitments at risk as the mail lists them, in ``language``."""
    with translation.override(language):
        lines = [gettext("Gefährdete Zusagen Ihrer Kommune:")]
        for cell in cells:
            lines.append(
                gettext("– %(title)s: %(done)s von %(target)s erfasst, fällig bis %(due)s")
                % {
                    "title": cell.commitment.title,
                    "done": number(cell.done),
                    "target": number(cell.target),
                    "due": date_format(cell.due_on, "SHORT_DATE_FORMAT"),
                }
            )
    return lines


class AtRiskCircularForm(CircularForm):
    municipalities = forms.TypedMultipleChoiceField(
        label=_("Kommunen mit gefährdeten Zusagen"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte wählen Sie mindestens eine Kommune.")},
    )

    field_order = ["municipalities", "subject", "body"]

    def __init__(self, *args, municipalities: list[Municipality], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].choices = [(m.pk, m.name) for m in municipalities]
        self.fields["municipalities"].initial = [m.pk for m in municipalities]


def at_risk_initial() -> dict:
    """The text the office starts from (in German, like every circular)."""
    with translation.override("de"):
        return {
            "subject": gettext("Erinnerung: gefährdete Zusagen im Programm"),
            "body": gettext(
                "bei einigen Zusagen Ihrer Kommune reicht das bisher Erfasste und Geplante "
                "nicht, um das Ziel des Programmjahres zu erreichen. Bitte planen Sie die "
                "fehlenden Termine und erfassen Sie Stattgefundenes auf der Plattform. "
                "Wenn wir Sie dabei unterstützen können, melden Sie sich gern bei uns."
            ),
        }


def at_risk_composition(
    *, call: Call, municipalities: list[Municipality], cells: dict[int, list[Cell]]
) -> Composition:
    with translation.override("de"):
        label = gettext("Koordinationen der Kommunen mit gefährdeten Zusagen: %(call)s") % {
            "call": call.title_de
        }
    return coordinators_composition(
        municipalities=municipalities,
        audience_topic=at_risk_topic(call),
        audience_label=label,
        details=lambda municipality, language: cell_lines(cells[municipality.pk], language),
    )
