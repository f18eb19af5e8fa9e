"""What a person is shown to find their way: the main menu's entries (only those that
lead somewhere they can use, not to a page that says "not yet"), the page they land on
after log-in, and the programme area's navigation."""

from dataclasses import dataclass
from functools import cache

from django.db.models import Exists, OuterRef, Value
from django.urls import resolve, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from network.models import NetworkCoordinator
from network.selectors import JOIN_ROLES
from programme.cohort import programme_calls_of_municipality
from programme.rules import READERS


@dataclass(frozen=True)
class MainMenu:
    programme_area: bool = False
    network: bool = False
    # The applications get their own entry once "Mein Bereich" leads to the programme area.
    applications: bool = False


def main_menu_for(user) -> MainMenu:
    """The menu entries that depend on who the person is, in at most one query.

    The programme area opens once the person's municipality is a model municipality
    (what the programme dashboard itself asks). The network is open to the office, to
    its coordinators, and to the people of a model municipality who may join it;
    members are among those, as a membership ends when its person may no longer join.
    """
    if not user.is_authenticated:
        return MainMenu()
    if user.is_office:
        return MainMenu(network=True)
    municipality_id = user.approved_municipality_id
    facts = (
        User.objects.filter(pk=user.pk)
        .annotate(
            in_programme=Exists(programme_calls_of_municipality(municipality_id))
            if municipality_id is not None
            else Value(False),
            coordinates_network=Exists(NetworkCoordinator.objects.filter(user=OuterRef("pk"))),
        )
        .values("in_programme", "coordinates_network")
        .first()
    ) or {"in_programme": False, "coordinates_network": False}
    in_programme = facts["in_programme"]
    programme_area = in_programme and user.role in READERS
    return MainMenu(
        programme_area=programme_area,
        network=facts["coordinates_network"] or (in_programme and user.role in JOIN_ROLES),
        applications=programme_area and may_open("applications:index", user),
    )


def menu_of(user) -> MainMenu:
    """``main_menu_for(user)``, kept on the account object, which lives for one request:
    the main menu, the programme area's navigation and the landing page ask it once."""
    cached = getattr(user, "_main_menu", None)
    if cached is None:
        cached = main_menu_for(user)
        if user.is_authenticated:
            user._main_menu = cached
    return cached


def main_menu(request):
    """Context processor: ``main_menu``, worked out only when a page shows the menu."""
    return {"main_menu": SimpleLazyObject(lambda: menu_of(request.user))}


# --- where a person lands ------------------------------------------------------------


@cache
def _view_rule(url_name: str):
    return resolve(reverse(url_name)).func.rule


def may_open(url_name: str, user) -> bool:
    """Whether the view behind ``url_name`` (a URL without arguments) lets ``user`` in:
    the rule the view itself declares, so a link shows exactly where it leads."""
    view_rule = _view_rule(url_name)
    return view_rule is None or view_rule(user)


def start_page_for(user) -> str | None:
    """The URL name of the page a person starts from after log-in ("Mein Bereich"), by
    what they can use: the office's and the reviewers' start pages, a trainer's
    sessions, the programme area once the municipality is a model municipality,
    otherwise the municipality's applications; None if nothing of these is open yet."""
    if user.role == Role.OFFICE:
        return "office:index"
    if user.role == Role.REVIEWER:
        return "reviews:my_assignments"
    if user.role == Role.TRAINER:
        return "trainings:trainer_sessions"
    if menu_of(user).programme_area:
        return "programme_area"
    if may_open("applications:index", user):
        return "applications:index"
    return None


# --- the programme area's navigation ---------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A section of the programme area: its entry leads to ``url_name``; the pages named
    in ``pages`` and every page of the URL namespaces in ``namespaces`` belong to it."""

    key: str
    label: str
    url_name: str
    pages: frozenset[str] = frozenset()
    namespaces: frozenset[str] = frozenset()

    def holds(self, view_name: str) -> bool:
        namespace = view_name.rpartition(":")[0]
        return view_name == self.url_name or view_name in self.pages or namespace in self.namespaces


# The programme area of a model municipality, in the order its navigation shows it.
PROGRAMME_AREA = (
    Section("dashboard", _("Übersicht"), "programme_area"),
    Section(
        "trainings",
        _("Schulungen"),
        "trainings:session_list",
        frozenset(
            {
                "trainings:session_plan",
                "trainings:session_detail",
                "trainings:session_edit",
                "trainings:session_record",
                "trainings:session_cancel",
                "trainings:session_feedback",
                "trainings:catalogue",
                "trainings:catalogue_detail",
            }
        ),
    ),
    Section(
        "workshops",
        _("Empowerment-Workshops"),
        "network:local_workshops",
        frozenset(
            {
                "network:local_workshop_create",
                "network:local_workshop_edit",
                "network:local_workshop_held",
                "network:local_workshop_cancel",
            }
        ),
    ),
    Section(
        "advisory", _("Lokaler Fachbeirat"), "advisory:board", namespaces=frozenset({"advisory"})
    ),
    Section(
        "surveys",
        _("Befragungen"),
        "evaluation:surveys",
        frozenset({"evaluation:survey_results"}),
    ),
    Section(
        "field_tests",
        _("Praxistests"),
        "field_tests:list",
        namespaces=frozenset({"field_tests"}),
    ),
    Section(
        "evaluation_dates",
        _("Evaluationstermine"),
        "programme:evaluation_dates",
        frozenset({"programme:evaluation_date_create", "programme:evaluation_date_status"}),
    ),
    Section(
        "documents",
        _("Nachweise"),
        "programme:documents",
        frozenset({"programme:document_create", "programme:document_delete"}),
    ),
    Section(
        "funding",
        _("Förderung"),
        "funding:overview",
        namespaces=frozenset({"funding", "funding_reports"}),
    ),
    Section("reminders", _("Erinnerungen"), "programme:reminders"),
)


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str
    url: str
    # "page" on the section's own page, "true" on the other pages of the section.
    current: str = ""


def section_of(view_name: str) -> Section | None:
    return next((s for s in PROGRAMME_AREA if s.holds(view_name)), None)


def programme_area_nav(user, view_name: str) -> tuple[NavEntry, ...]:
    """The programme area's navigation on the page ``view_name``: empty unless the page
    belongs to the area and the person's municipality is a model municipality; an
    entry for each section whose page the person may open. No query beyond the main
    menu's, whose answer it shares."""
    here = section_of(view_name)
    if here is None or not user.is_authenticated or not menu_of(user).programme_area:
        return ()
    return tuple(
        NavEntry(
            key=section.key,
            label=section.label,
            url=reverse(section.url_name),
            current=("page" if view_name == section.url_name else "true")
            if section is here
            else "",
        )
        for section in PROGRAMME_AREA
        if may_open(section.url_name, user)
    )


def programme_area(request):
    """Context processor: ``area_nav``, the programme area's navigation of this page."""

    def compute():
        match = request.resolver_match
        if match is None:
            return ()
        return programme_area_nav(request.user, match.view_name)

    return {"area_nav": SimpleLazyObject(compute)}
