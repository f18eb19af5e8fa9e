"""The register's facts, the applications and the people of a municipality on the
office's page of it (``core.municipality_sections``)."""

from django.utils.translation import gettext_lazy as _

from accounts.selectors import people_of_municipality
from applications.models import Application
from core.municipality_sections import Section, register

# People shown on the page; the people page lists everyone.
CONTACT_LIMIT = 20


def register_context(municipality) -> dict:
    # The view fetched the municipality with its Land and Kreis: no query here.
    return {"municipality": municipality}


def applications_context(municipality) -> dict:
    applications = (
        Application.objects.filter(municipality=municipality)
        .select_related("call")
        .order_by("-call__opens_at", "-pk")
    )
    return {"applications": list(applications)}


def contacts_context(municipality) -> dict:
    people = list(people_of_municipality(municipality_id=municipality.pk)[: CONTACT_LIMIT + 1])
    return {
        "municipality": municipality,
        "people": people[:CONTACT_LIMIT],
        "more": len(people) > CONTACT_LIMIT,
    }


register(
    Section(
        key="register",
        title=_("Stammdaten"),
        order=10,
        template="office/sections/register.html",
        context=register_context,
    )
)
register(
    Section(
        key="bewerbungen",
        title=_("Bewerbungen"),
        order=20,
        template="office/sections/applications.html",
        context=applications_context,
    )
)
register(
    Section(
        key="kontakte",
        title=_("Kontakte"),
        order=80,
        template="office/sections/contacts.html",
        context=contacts_context,
    )
)
