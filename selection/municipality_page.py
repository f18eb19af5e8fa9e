"""The selection's outcome for each of a municipality's applications on the office's
page of it (``core.municipality_sections``)."""

from django.utils.translation import gettext_lazy as _

from core.municipality_sections import Section, register
from selection.models import Outcome


def decision_context(municipality) -> dict:
    outcomes = (
        Outcome.objects.filter(application__municipality=municipality)
        .select_related("decision__call", "application")
        .order_by("-decision__call__opens_at", "pk")
    )
    return {"outcomes": list(outcomes)}


register(
    Section(
        key="entscheidung",
        title=_("Auswahlentscheidung"),
        order=30,
        template="selection/municipality_section.html",
        context=decision_context,
    )
)
