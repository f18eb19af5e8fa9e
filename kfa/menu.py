"""Which entries of the main menu a person sees: only those that lead somewhere they
can use, not to a page that says "not yet"."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Value
from django.utils.functional import SimpleLazyObject

from accounts.models import User
from network.models import NetworkCoordinator
from network.selectors import JOIN_ROLES
from programme.cohort import programme_calls_of_municipality
from programme.rules import READERS


@dataclass(frozen=True)
class MainMenu:
    programme_area: bool = False
    network: bool = False


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
    return MainMenu(
        programme_area=in_programme and user.role in READERS,
        network=facts["coordinates_network"] or (in_programme and user.role in JOIN_ROLES),
    )


def main_menu(request):
    """Context processor: ``main_menu``, worked out only when a page shows the menu, and
    once per request (it is kept on the account object, which lives for one request)."""

    def compute() -> MainMenu:
        user = request.user
        cached = getattr(user, "_main_menu", None)
        if cached is None:
            cached = main_menu_for(user)
            if user.is_authenticated:
                user._main_menu = cached
        return cached

    return {"main_menu": SimpleLazyObject(compute)}
