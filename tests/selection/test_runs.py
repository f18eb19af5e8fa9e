from decimal import Decimal

import pytest
from django.urls import reverse

from selection import services
from selection.inputs import candidates_for_call
from selection.models import SelectionRun
from selection.selectors import run_report
from selection.solver import Candidate
from tests.selection.run_helpers import explained


def save_rules(world, *, places=3, max_per_land=None, cover_needs=False, limits=None):
    return services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=places,
        max_per_land=max_per_land,
        cover_needs=cover_needs,
        diversity_weight=Decimal("0"),
        limits=limits or {},
    )


def test_candidates_for_call_take_eligible_applications_with_scores_and_groups(world):
    candidates = {c.label: c for c in candidates_for_call(call=world.call)}
    assert sorted(candidates) == [
        "Altstadt",
        "Bergdorf",
        "Carlshafen",
        "Dornburg",
        "Eichenkreis",
        "Feldheim",
    ]
    assert candidates["Bergdorf"] == Candidate(
        id=world.apps["Bergdorf"].pk,
        label="Bergdorf",
        score=Decimal("4.50"),
        land="05",
        groups=frozenset({"size:small", "region:west", "urban:03", "eccar:no"}),
        needs=frozenset({"wohnen"}),
    )
    assert candidates["Eichenkreis"].groups == frozenset(
        {"size:kreis", "region:east", "urban:03", "eccar:no"}
    )
    assert candidates["Feldheim"].score == Decimal("0.00")


def test_run_without_rules_takes_the_best_by_score(world):
    run = services.selection_run_create(call=world.call, actor=world.office)
    report = run_report(run=run)
    assert run.status == "optimal"
    assert [row.name for row in report.cohort] == ["Altstadt", "Bergdorf", "Carlshafen"]
    assert run.objective == Decimal("13.50")
    assert run.top_objective == Decimal("13.50")
    assert [row.name for row in report.unscored] == ["Feldheim"]


def test_run_with_land_limit_explains_who_stayed_out(office_client, world):
    save_rules(world, max_per_land=2)
    response = office_client.post(reverse("selection:run_create", args=[world.call.pk]))
    run = explained(SelectionRun.objects.get())
    assert response["Location"] == reverse("selection:run_detail", args=[world.call.pk, run.pk])
    report = run_report(run=run)
    assert [row.name for row in report.cohort] == ["Altstadt", "Bergdorf", "Dornburg"]
    assert (run.objective, run.top_objective) == (Decimal("12.50"), Decimal("13.50"))
    assert [row.name for row in report.outsiders] == ["Carlshafen"]
    assert "Nordrhein-Westfalen" in report.outsiders[0].why_out
    html = office_client.get(response["Location"]).content.decode()
    assert "Carlshafen" in html
    assert report.outsiders[0].why_out in html
    assert "Ohne Bewertung</h2>" in html
    assert "<li>Feldheim</li>" in html


def test_run_stores_inputs_exactly_as_given_to_the_solver(world):
    save_rules(world, max_per_land=2, cover_needs=True, limits={"region:east": (1, None)})
    run = services.selection_run_create(call=world.call, actor=world.office)
    rules = run.inputs["rules"]
    assert rules["places"] == 3
    assert rules["max_per_land"] == 2
    assert rules["cover_needs"] == ["jugendamt", "personal", "wohnen"]
    assert rules["group_bounds"] == [
        {
            "group": "region:east",
            "label": "Kommunen in Ostdeutschland und Berlin",
            "minimum": 1,
            "maximum": None,
        }
    ]
    assert rules["need_labels"] == {
        "jugendamt": "Jugendamt",
        "personal": "Personal",
        "wohnen": "Wohnen",
    }
    assert len(run.inputs["candidates"]) == 6
    assert run.inputs["unscored"] == [world.apps["Feldheim"].pk]


def test_stored_run_reopens_unchanged_after_data_and_rules_change(office_client, world):
    save_rules(world, max_per_land=2)
    run = services.selection_run_create(call=world.call, actor=world.office)
    url = reverse("selection:run_detail", args=[world.call.pk, run.pk])
    before = run_report(run=run)
    html_before = office_client.get(url).content.decode()

    municipality = world.apps["Dornburg"].municipality
    municipality.name = "Dornburg-Camburg"
    municipality.save()
    save_rules(world, max_per_land=None)

    after = run_report(run=SelectionRun.objects.get(pk=run.pk))
    assert after.cohort == before.cohort
    assert after.outsiders == before.outsiders
    assert after.rule_lines == before.rule_lines
    html_after = office_client.get(url).content.decode()
    assert "Dornburg-Camburg" not in html_after
    assert html_after.count("Dornburg") == html_before.count("Dornburg")


def test_run_cannot_be_changed_once_stored(world):
    run = services.selection_run_create(call=world.call, actor=world.office)
    run.status = "infeasible"
    with pytest.raises(ValueError):
        run.save()


def test_rules_that_cannot_hold_give_a_message_naming_them(office_client, world):
    save_rules(world, limits={"size:small": (2, None), "size:medium": (2, None)})
    response = office_client.post(reverse("selection:run_create", args=[world.call.pk]))
    run = SelectionRun.objects.get()
    assert run.status == "infeasible"
    page = office_client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Die Regeln lassen sich nicht alle zugleich erfüllen." in html
    report = run_report(run=run)
    assert report.result.conflicts
    assert any("unter 20.000" in text for text in report.result.conflicts)
    assert any("20.000 bis 100.000" in text for text in report.result.conflicts)
    for text in report.result.conflicts:
        assert text in html


def test_must_in_for_an_ineligible_application_is_reported_as_conflict(world):
    services.rule_override_add(
        call=world.call,
        actor=world.office,
        application=world.apps["Gutenfels"],
        kind="in",
        reason="Wunsch des Fördergebers",
    )
    run = services.selection_run_create(call=world.call, actor=world.office)
    assert run.status == "infeasible"
    assert run_report(run=run).result.conflicts == (
        "Gutenfels soll in die Auswahl, nimmt aber nicht teil "
        "(nicht eingereicht oder nicht zugelassen).",
    )


def test_must_out_keeps_an_application_out_with_its_reason(office_client, world):
    services.rule_override_add(
        call=world.call,
        actor=world.office,
        application=world.apps["Altstadt"],
        kind="out",
        reason="Bereits in einem anderen Programm",
    )
    run = services.selection_run_create(call=world.call, actor=world.office)
    report = run_report(run=run)
    assert [row.name for row in report.cohort] == ["Bergdorf", "Carlshafen", "Dornburg"]
    html = office_client.get(
        reverse("selection:run_detail", args=[world.call.pk, run.pk])
    ).content.decode()
    assert "Bereits in einem anderen Programm" in html


def test_run_with_given_candidates_uses_them(world):
    candidates = [
        Candidate(id=world.apps["Altstadt"].pk, label="A", score=Decimal("1.00"), land="05"),
        Candidate(id=world.apps["Bergdorf"].pk, label="B", score=Decimal("2.00"), land="05"),
        Candidate(id=world.apps["Dornburg"].pk, label="D", score=Decimal("3.00"), land="16"),
    ]
    save_rules(world, places=2)
    run = services.selection_run_create(call=world.call, actor=world.office, candidates=candidates)
    assert [row.id for row in run_report(run=run).cohort] == [
        world.apps["Dornburg"].pk,
        world.apps["Bergdorf"].pk,
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_run_list_query_count_is_constant(office_client, world, django_assert_num_queries, count):
    for _ in range(count):
        services.selection_run_create(call=world.call, actor=world.office)
    url = reverse("selection:call", args=[world.call.pk])
    office_client.get(url)
    with django_assert_num_queries(6):
        response = office_client.get(url)
    assert response.content.decode().count('href="/geschaeftsstelle/auswahl/') >= count


def test_index_lists_calls(office_client, world):
    response = office_client.get(reverse("selection:index"))
    assert response.status_code == 200
    assert "Modellkommunen 2025" in response.content.decode()


QUERIES_RUN_DETAIL = 6


@pytest.mark.parametrize("places", [1, 3])
def test_run_detail_query_count_is_constant(
    office_client, world, django_assert_num_queries, places
):
    save_rules(world, places=places)
    run = explained(services.selection_run_create(call=world.call, actor=world.office))
    url = reverse("selection:run_detail", args=[world.call.pk, run.pk])
    office_client.get(url)
    with django_assert_num_queries(QUERIES_RUN_DETAIL):
        response = office_client.get(url)
    assert response.status_code == 200
    assert len(run.result["selected"]) == places
