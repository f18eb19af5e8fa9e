"""What the office's search box finds in the register, the applications and the
accounts (``core.office_search``)."""

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from applications.models import Application
from applications.selectors import application_search
from core.office_search import Found, Hit, SearchProvider, found, register
from municipalities.models import Municipality
from municipalities.selectors import municipality_matches


def _with_query(url_name: str, query: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'q': query})}"


def _municipality_hit(municipality: Municipality) -> Hit:
    return Hit(
        title=municipality.name,
        subtitle=" · ".join(
            part
            for part in (municipality.get_kind_display(), municipality.land.name, municipality.key)
            if part
        ),
        url=reverse("office:municipality", kwargs={"municipality_pk": municipality.pk}),
    )


def search_municipalities(query: str, limit: int) -> Found:
    return found(municipality_matches(query=query), limit=limit, hit=_municipality_hit)


def _application_hit(application: Application) -> Hit:
    return Hit(
        title=f"{application.municipality.name} – {application.reference}",
        subtitle=f"{application.call.title} · {application.get_status_display()}",
        url=reverse("office:application_detail", kwargs={"pk": application.pk}),
    )


def search_applications(query: str, limit: int) -> Found:
    applications = application_search(
        applications=Application.objects.select_related("call", "municipality"), query=query
    ).order_by("-created_at", "-pk")
    return found(applications, limit=limit, hit=_application_hit)


def _person_hit(person: User) -> Hit:
    # Name, address, role and municipality only: nothing about the network or anything
    # a person told the platform about themselves.
    parts = [person.email, person.get_role_display()]
    if person.municipality_id:
        parts.append(person.municipality.name)
    return Hit(
        title=person.full_name or person.email,
        subtitle=" · ".join(parts),
        url=reverse("accounts:user_edit", kwargs={"pk": person.pk}),
    )


def search_people(query: str, limit: int) -> Found:
    people = (
        User.objects.filter(Q(full_name__icontains=query) | Q(email__icontains=query.lower()))
        .select_related("municipality")
        .order_by("full_name", "pk")
    )
    return found(people, limit=limit, hit=_person_hit)


register(
    SearchProvider(
        key="municipalities",
        label=_("Kommunen"),
        order=10,
        search=search_municipalities,
        more_url=lambda query: _with_query("municipalities_office:list", query),
    )
)
register(
    SearchProvider(
        key="applications",
        label=_("Bewerbungen"),
        order=20,
        search=search_applications,
        more_url=lambda query: _with_query("office:applications", query),
    )
)
register(
    SearchProvider(
        key="people",
        label=_("Personen"),
        order=30,
        search=search_people,
        more_url=lambda query: _with_query("accounts:user_list", query),
    )
)
