"""The money of a municipality on the office's page of it
(``core.municipality_sections``): per funding year the grant and what was approved,
requested and paid."""

from django.utils.translation import gettext_lazy as _

from core.municipality_sections import Section, register
from funding.models import Grant
from funding.selectors import grants_with_sums


def funding_context(municipality) -> dict:
    grants = grants_with_sums(Grant.objects.filter(municipality=municipality)).order_by(
        "funding_year__year", "pk"
    )
    return {"grants": list(grants)}


register(
    Section(
        key="foerderung",
        title=_("Förderung"),
        order=50,
        template="funding/municipality_section.html",
        context=funding_context,
    )
)
