"""The programme area's navigation: one list of sections, shown on every page of the
area to the people of a model municipality, with the current entry marked."""

import re

import pytest
from django.urls import reverse

from accounts.models import Role
from kfa.menu import menu_of, programme_area_nav
from tests import factories
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="area-nav" aria-label="Programmbereich">(.*?)</nav>', re.S)
LINK = re.compile(r'<a class="kern-link area-nav__link" href="([^"]+)"(?: aria-current="(\w+)")?>')


def _area_nav(html: str) -> list[tuple[str, str]]:
    """(href, aria-current) of each entry of the page's programme area navigation."""
    navs = NAV.findall(html)
    assert len(navs) == 1, f"expected one programme area navigation, found {len(navs)}"
    return LINK.findall(navs[0])


@pytest.fixture
def model_coordinator(coordinator):
    model_cohort([coordinator.municipality])
    return coordinator


# (page, the entry marked, its aria-current): "page" on a section's own page, "true" on
# the other pages of the section.
AREA_PAGES = [
    ("programme_area", "programme_area", "page"),
    ("trainings:session_list", "trainings:session_list", "page"),
    ("trainings:session_plan", "trainings:session_list", "true"),
    ("trainings:catalogue", "trainings:session_list", "true"),
    ("network:local_workshops", "network:local_workshops", "page"),
    ("network:local_workshop_create", "network:local_workshops", "true"),
    ("advisory:board", "advisory:board", "page"),
    ("advisory:board_edit", "advisory:board", "true"),
    ("evaluation:surveys", "evaluation:surveys", "page"),
    ("programme:evaluation_dates", "programme:evaluation_dates", "page"),
    ("programme:documents", "programme:documents", "page"),
    ("programme:document_create", "programme:documents", "true"),
    ("funding:overview", "funding:overview", "page"),
    ("funding_reports:index", "funding:overview", "true"),
    ("programme:reminders", "programme:reminders", "page"),
]


@pytest.mark.parametrize(("page", "entry", "current"), AREA_PAGES)
def test_every_area_page_marks_its_section_as_current(
    client, model_coordinator, page, entry, current
):
    client.force_login(model_coordinator)

    response = client.get(reverse(page))

    assert response.status_code == 200
    marked = [(href, value) for href, value in _area_nav(response.content.decode()) if value]
    assert marked == [(reverse(entry), current)]


def test_coordinator_sees_every_section(client, model_coordinator):
    client.force_login(model_coordinator)

    html = client.get(reverse("programme_area")).content.decode()

    assert [href for href, _current in _area_nav(html)] == [
        reverse(name)
        for name in (
            "programme_area",
            "trainings:session_list",
            "network:local_workshops",
            "advisory:board",
            "evaluation:surveys",
            "field_tests:list",
            "programme:evaluation_dates",
            "programme:documents",
            "funding:overview",
            "programme:reminders",
        )
    ]


@pytest.mark.parametrize(
    ("role", "sections"),
    [
        (
            Role.TEAM_MEMBER,
            (
                "programme_area",
                "trainings:session_list",
                "advisory:board",
                "field_tests:list",
                "programme:evaluation_dates",
                "programme:documents",
                "funding:overview",
            ),
        ),
        (
            Role.ADVISORY,
            (
                "programme_area",
                "trainings:session_list",
                "advisory:board",
                "programme:evaluation_dates",
                "programme:documents",
            ),
        ),
    ],
)
def test_people_see_only_the_sections_they_may_open(client, model_coordinator, role, sections):
    person = factories.CoordinatorFactory(municipality=model_coordinator.municipality, role=role)
    client.force_login(person)

    html = client.get(reverse("programme_area")).content.decode()

    assert [href for href, _current in _area_nav(html)] == [reverse(s) for s in sections]
    for section in sections:
        assert client.get(reverse(section)).status_code == 200


def test_applicant_sees_no_programme_area_navigation_on_the_catalogue(client, coordinator):
    client.force_login(coordinator)

    html = client.get(reverse("trainings:catalogue")).content.decode()

    assert NAV.findall(html) == []


def test_pages_outside_the_area_show_no_programme_area_navigation(client, model_coordinator):
    client.force_login(model_coordinator)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert NAV.findall(html) == []


def test_main_menu_marks_the_programme_area_inside_it(client, model_coordinator):
    client.force_login(model_coordinator)

    inside = client.get(reverse("programme:documents")).content.decode()
    outside = client.get(reverse("accounts:profile")).content.decode()

    link = f'href="{reverse("programme_area")}" aria-current="true"'
    assert link in inside
    assert link not in outside


def test_navigation_costs_no_query_beyond_the_main_menu(
    model_coordinator, django_assert_num_queries
):
    menu_of(model_coordinator)

    with django_assert_num_queries(0):
        entries = programme_area_nav(model_coordinator, "advisory:meetings")

    assert [e.key for e in entries if e.current] == ["advisory"]


def test_area_page_costs_no_query_for_the_navigation(
    client, model_coordinator, django_assert_num_queries
):
    """The documents page with the area navigation costs what it cost with the plain
    list of links: session and account (2), menu (1) and the page's own three."""
    client.force_login(model_coordinator)
    client.get(reverse("programme:documents"))

    with django_assert_num_queries(6):
        assert client.get(reverse("programme:documents")).status_code == 200


FUNDING_NAV = re.compile(
    r'<nav class="area-nav area-nav--secondary" aria-label="[^"]+">(.*?)</nav>', re.S
)


@pytest.mark.parametrize(
    ("page", "kwargs", "entry"),
    [
        ("funding:overview", {}, "funding:overview"),
        ("funding_reports:index", {}, "funding_reports:index"),
        ("funding:year", {"funding_year": 2026}, "funding:year"),
    ],
)
def test_funding_pages_mark_their_own_page_in_the_funding_navigation(client, page, kwargs, entry):
    from tests.funding.helpers import funded_cohort, grant_of

    coordinator = factories.CoordinatorFactory()
    call = funded_cohort([coordinator.municipality])
    grant_of(call, coordinator.municipality, 2026)
    client.force_login(coordinator)

    response = client.get(reverse(page, kwargs=kwargs))

    assert response.status_code == 200
    navs = FUNDING_NAV.findall(response.content.decode())
    assert len(navs) == 1
    marked = [(href, value) for href, value in LINK.findall(navs[0]) if value]
    assert marked == [(reverse(entry, kwargs=kwargs), "page")]


OFFICE_NAV = re.compile(
    r'<nav class="area-nav" aria-label="Programmdurchführung: Bereiche">(.*?)</nav>', re.S
)


@pytest.mark.parametrize("page", ["programme_office:matrix", "programme_office:all_years"])
def test_office_cohort_pages_mark_their_page_in_the_section_navigation(client, page):
    from tests.programme_helpers import cohort_of_two, office_log_in

    call = cohort_of_two()["call"]
    office_log_in(client)

    response = client.get(reverse(page, args=[call.pk]))

    assert response.status_code == 200
    navs = OFFICE_NAV.findall(response.content.decode())
    assert len(navs) == 1
    marked = [(href, value) for href, value in LINK.findall(navs[0]) if value]
    assert marked == [(reverse(page, args=[call.pk]), "page")]
