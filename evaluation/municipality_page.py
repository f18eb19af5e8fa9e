"""The surveys about a municipality (or its sessions and workshops) on the office's
page of it (``core.municipality_sections``): title, period and whether it is running;
the figures stay on the results page, behind its threshold."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.municipality_sections import Section, register
from evaluation.models import Survey


def _state(survey: Survey, now) -> str:
    if survey.is_ended:
        return _("beendet")
    if survey.opens_at > now:
        return _("geplant")
    return _("läuft")


def surveys_context(municipality) -> dict:
    now = timezone.now()
    surveys = Survey.objects.filter(municipality=municipality).order_by("-opens_at")
    return {"surveys": [(survey, _state(survey, now)) for survey in surveys]}


register(
    Section(
        key="befragungen",
        title=_("Befragungen"),
        order=70,
        template="evaluation/municipality_section.html",
        context=surveys_context,
    )
)
