"""How a field test's state is shown in the office's matrix: a letter with its meaning
in words (a legend, and hidden text for screen readers), never by colour alone."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from recommendations.models import FieldTest, FieldTestResult, FieldTestState

# (state or result, abbreviation, meaning)
LEGEND = (
    (FieldTestState.PLANNED, pgettext_lazy("Praxistest", "G"), _("geplant")),
    (FieldTestState.RUNNING, pgettext_lazy("Praxistest", "L"), _("läuft")),
    (FieldTestResult.IMPLEMENTED, pgettext_lazy("Praxistest", "U"), _("abgeschlossen: umgesetzt")),
    (
        FieldTestResult.PARTLY,
        pgettext_lazy("Praxistest", "T"),
        _("abgeschlossen: teilweise umgesetzt"),
    ),
    (
        FieldTestResult.NOT_FEASIBLE,
        pgettext_lazy("Praxistest", "N"),
        _("abgeschlossen: nicht umsetzbar"),
    ),
)
_BY_CODE = {code: (abbreviation, meaning) for code, abbreviation, meaning in LEGEND}


def cell_code(field_test: FieldTest) -> str:
    return field_test.result if field_test.state == FieldTestState.DONE else field_test.state


def cell_abbreviation(field_test: FieldTest) -> str:
    return str(_BY_CODE[cell_code(field_test)][0])


def cell_meaning(field_test: FieldTest) -> str:
    return str(_BY_CODE[cell_code(field_test)][1])


def cell_label(field_test: FieldTest) -> str:
    """The meaning with the department ("läuft (Bürgeramt)"), for the spreadsheet."""
    return f"{cell_meaning(field_test)} ({field_test.get_department_display()})"
