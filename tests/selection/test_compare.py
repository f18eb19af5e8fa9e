"""Two stored runs of a call side by side: their rules and sums, and who is in both,
only in the first, only in the second."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from selection import services
from selection.solver import Candidate
from tests import factories
from tests.helpers import login_verified
from tests.selection.conftest import build_world


def save_rules(world, **changes):
    values = {
        "places": 3,
        "max_per_land": None,
        "cover_needs": False,
        "diversity_weight": Decimal("0"),
        "limits": {},
    }
    values.update(changes)
    services.selection_rules_save(call=world.call, actor=world.office, **values)


def two_runs(world):
    """Run 1 takes the best three by score; run 2 allows two per Land and weights
    diversity: Eichenkreis (a Landkreis in Thüringen) comes in for Bergdorf."""
    save_rules(world)
    first = services.selection_run_create(call=world.call, actor=world.office)
    save_rules(world, max_per_land=2, diversity_weight=Decimal("0.2"))
    second = services.selection_run_create(call=world.call, actor=world.office)
    return first, second


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def table(html: str, table_id: str) -> list[list[str]]:
    body = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
    return [
        [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows
    ]


def compare_url(world, first=None, second=None) -> str:
    url = reverse("selection:run_compare", args=[world.call.pk])
    if first is not None:
        url += f"?first={first.pk}&second={second.pk}"
    return url


def test_comparison_lists_both_only_first_and_only_second_with_score_land_and_size(
    office_client, world
):
    first, second = two_runs(world)

    html = office_client.get(compare_url(world, first, second)).content.decode()

    assert table(html, "compare-both") == [
        ["Kommune", "Land", "Größenklasse", "Bewertung in Lauf 1", "Bewertung in Lauf 2"],
        ["Altstadt", "Nordrhein-Westfalen", "20.000 bis 100.000 Einwohner*innen", "5,00", "5,00"],
        ["Carlshafen", "Nordrhein-Westfalen", "unter 20.000 Einwohner*innen", "4,00", "4,00"],
        ["Summe", "9,00", "9,00"],
    ]
    assert table(html, "compare-only-first") == [
        ["Kommune", "Land", "Größenklasse", "Bewertung"],
        ["Bergdorf", "Nordrhein-Westfalen", "unter 20.000 Einwohner*innen", "4,50"],
        ["Summe", "4,50"],
    ]
    assert table(html, "compare-only-second") == [
        ["Kommune", "Land", "Größenklasse", "Bewertung"],
        ["Eichenkreis", "Thüringen", "Landkreis", "2,50"],
        ["Summe", "2,50"],
    ]


def test_comparison_shows_each_run_s_rules_and_sums_and_marks_differences(office_client, world):
    first, second = two_runs(world)

    html = office_client.get(compare_url(world, first, second)).content.decode()

    rows = {row[0]: row[1:] for row in table(html, "compare-parameters")[1:]}
    assert rows["Plätze"] == ["3", "3"]
    assert rows["Höchstens je Land abweichend"] == ["–", "2"]
    assert rows["Gewicht der Vielfalt abweichend"] == ["0,00", "0,20"]
    assert rows["Summe der Bewertungen der Auswahl abweichend"] == ["13,50", "11,50"]
    assert rows["Summe der besten nach Bewertung"] == ["13,50", "13,50"]


def test_comparison_starts_with_the_two_newest_runs_older_first(office_client, world):
    first, second = two_runs(world)

    html = office_client.get(compare_url(world)).content.decode()

    assert table(html, "compare-only-first")[1][0] == "Bergdorf"
    assert re.search(rf'<option value="{first.pk}" selected>', html)


def test_comparison_of_a_run_with_itself_is_refused_at_the_field(office_client, world):
    first, _second = two_runs(world)

    response = office_client.get(compare_url(world, first, first))

    assert response.context["form"].errors["second"] == [
        "Bitte wählen Sie einen anderen Lauf als Lauf 1."
    ]
    assert response.context["comparison"] is None


def test_comparison_refuses_a_run_of_another_call(office_client, world):
    first, second = two_runs(world)
    other = factories.CallFactory(deadline=world.call.deadline, opens_at=world.call.opens_at)
    foreign = services.selection_run_create(call=other, actor=world.office, candidates=[])

    response = office_client.get(compare_url(world, first, foreign))

    assert response.context["form"].errors["second"] == [
        "Bitte wählen Sie einen Lauf aus der Liste."
    ]


def test_comparison_with_one_run_says_two_are_needed(office_client, world):
    save_rules(world)
    services.selection_run_create(call=world.call, actor=world.office)

    html = office_client.get(compare_url(world)).content.decode()

    assert "braucht es mindestens zwei Läufe" in html


def test_runs_list_links_to_the_comparison(office_client, world):
    two_runs(world)

    html = office_client.get(reverse("selection:call", args=[world.call.pk])).content.decode()

    assert f'href="{compare_url(world)}"' in html


def runs_with(world, count: int):
    """``count + 1`` runs, each over ``count`` candidates; the last two are compared."""
    apps = list(world.apps.values())[:count]
    for score in range(count + 1):
        candidates = [
            Candidate(
                id=a.pk,
                label=a.municipality.name,
                score=Decimal(score + n),
                land=a.municipality.land.code,
            )
            for n, a in enumerate(apps)
        ]
        services.selection_run_create(call=world.call, actor=world.office, candidates=candidates)


# Session, user, device, call, the list of runs, the two runs compared.
QUERIES_COMPARE_PAGE = 6


@pytest.mark.parametrize("count", [1, 3])
def test_compare_page_query_count_is_constant(
    office_client, world, django_assert_num_queries, count
):
    save_rules(world, places=1)
    runs_with(world, count)
    url = compare_url(world)
    office_client.get(url)

    with django_assert_num_queries(QUERIES_COMPARE_PAGE):
        response = office_client.get(url)

    assert response.status_code == 200


def test_compare_page_is_for_the_office_only(client, db):
    world = build_world(office=factories.UserFactory(role="office"))
    login_verified(client, factories.UserFactory(role="reviewer"))

    response = client.get(compare_url(world))

    assert response.status_code == 403
