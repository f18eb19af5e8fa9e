"""The run page's explanations: the price split, decisive rules, runs stored before."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from selection import services
from selection.models import SelectionRun
from selection.selectors import run_report
from selection.solver import Candidate, from_json, solve, to_json
from tests.selection.run_helpers import explained
from tests.selection.test_solver_explanations import bockenem_field, bockenem_rules

OLD_TEXT = "der Preis der Auswahlregeln"


def text_of(html: str, element_id: str) -> str:
    """The text inside the element with this id, tags removed, spaces collapsed."""
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:dd|p|ul|div)>', html, re.S)
    assert match, element_id
    return " ".join(re.sub(r"<[^>]+>", " ", match[1]).split())


def bockenem_run(world):
    """The demo's case on the test call: Bergdorf plays Bockenem, Carlshafen Landau."""
    services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=3,
        max_per_land=None,
        cover_needs=False,
        diversity_weight=Decimal("0.20"),
        limits={"size:medium": (2, None)},
    )
    labels = ["Altstadt", "Dornburg", "Bergdorf", "Carlshafen", "Eichenkreis"]
    lands = {"03": "05", "07": "16", "12": "09"}
    candidates = [
        Candidate(
            id=world.apps[name].pk,
            label=name,
            score=c.score,
            land=lands[c.land],
            groups=c.groups,
        )
        for name, c in zip(labels, bockenem_field(), strict=True)
    ]
    return explained(
        services.selection_run_create(call=world.call, actor=world.office, candidates=candidates)
    )


def test_run_stores_the_reasons_checked_by_solving_again(world):
    run = bockenem_run(world)

    assert run.result["explanation_version"] == 2
    assert run.result["rule_abiding_objective"] == "12.03"
    assert run.result["why_out"] == {
        str(world.apps["Bergdorf"].pk): "Das Vielfaltsgewicht von 0,20 gibt den Ausschlag: mit "
        "Gewicht 0 käme Bergdorf statt Carlshafen in die Auswahl, mit 0,60 Punkten mehr in der "
        "Summe der Bewertungen, aber ohne Land Thüringen."
    }


def test_run_page_splits_the_gap_into_price_of_rules_and_price_of_weight(office_client, world):
    run = bockenem_run(world)

    html = office_client.get(reverse("selection:run_detail", args=[world.call.pk, run.pk]))
    html = html.content.decode()

    assert OLD_TEXT not in html
    assert text_of(html, "compare-text") == (
        "Summe der Bewertungen der Auswahl: 11,43. Die 3 am besten bewerteten Bewerbungen "
        "allein hätten zusammen 12,03."
    )
    assert text_of(html, "price-rules") == (
        "0,00 – die beste Auswahl, die alle Regeln einhält, hätte nach Bewertungen allein "
        "12,03 statt 12,03"
    )
    assert text_of(html, "price-diversity") == (
        "0,60 – bei einem Vielfaltsgewicht von 0,20 hat die Auswahl 11,43 statt 12,03, dafür "
        "sind mehr Gruppen und Länder vertreten"
    )
    assert text_of(html, "diversity-change") == (
        "Mit einem Vielfaltsgewicht von 0 statt 0,20 käme Bergdorf statt Carlshafen in die Auswahl."
    )


def test_run_page_lists_decisive_rules_and_rules_at_their_limit_apart(office_client, world):
    services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=3,
        max_per_land=2,
        cover_needs=False,
        diversity_weight=Decimal("0"),
        limits={"region:east": (1, None)},
    )
    run = explained(services.selection_run_create(call=world.call, actor=world.office))

    html = office_client.get(reverse("selection:run_detail", args=[world.call.pk, run.pk]))
    html = html.content.decode()

    # The cap per Land and the minimum of the East each bring in Dornburg from Thüringen:
    # both hold exactly, neither alone changes anything, together they keep Carlshafen out.
    assert [row.name for row in run_report(run=run).cohort] == [
        "Altstadt",
        "Bergdorf",
        "Dornburg",
    ]
    assert run.result["decisive_rules"] == []
    assert text_of(html, "decisive") == (
        "Keine einzelne Regel ändert die Auswahl, wenn sie wegfällt."
    )
    assert text_of(html, "at-limit") == (
        "Höchstens 2 je Land: Nordrhein-Westfalen hat 2 Mindestens 1 aus der Gruppe "
        "„Kommunen in Ostdeutschland und Berlin“: genau 1 gewählt"
    )
    assert run.result["why_out"] == {
        str(world.apps["Carlshafen"].pk): "Ohne eine einzelne Regel allein wäre Carlshafen noch "
        "nicht in der Auswahl; es entscheidet das Zusammenspiel dieser Regeln: Höchstens 2 je "
        "Land: Nordrhein-Westfalen hat schon 2 (Altstadt und Bergdorf); Mindestens 1 aus der "
        "Gruppe „Kommunen in Ostdeutschland und Berlin“: genau 1 gewählt, Carlshafen zählt "
        "nicht dazu. Ohne sie alle zusammen wäre Carlshafen in der Auswahl."
    }


def test_run_page_lists_the_rule_whose_removal_changes_the_cohort(office_client, world):
    run = bockenem_run(world)

    html = office_client.get(reverse("selection:run_detail", args=[world.call.pk, run.pk]))
    html = html.content.decode()

    assert text_of(html, "decisive") == (
        "Mindestens 2 Kommunen mit 20.000 bis 100.000 Einwohner*innen: ohne sie käme "
        "Eichenkreis statt Dornburg in die Auswahl"
    )
    assert 'id="at-limit"' not in html


def old_result(run: SelectionRun) -> dict:
    """The result as runs stored it before the explanations were checked by re-solving."""
    return {
        "status": "optimal",
        "selected": run.result["selected"],
        "objective": run.result["objective"],
        "top_by_score": run.result["top_by_score"],
        "top_objective": run.result["top_objective"],
        "binding": ["Mindestens 2 Kommunen mit 20.000 bis 100.000 Einwohner*innen: genau 2"],
        "why_out": {k: "Jeder Tausch, der …" for k in run.result["why_out"]},
        "adds": run.result["adds"],
        "conflicts": [],
        "seconds": 0.01,
        "represented": 4,
        "why_out_rules": {k: ["group_min:size:medium"] for k in run.result["why_out"]},
        "conflict_rules": [],
        "pool_size": 5,
        "solver_seconds": 0.01,
    }


def test_run_stored_before_renders_and_offers_a_new_run(office_client, world):
    new = bockenem_run(world)
    old = SelectionRun.objects.create(
        call=world.call,
        created_by=world.office,
        inputs=new.inputs,
        result=old_result(new),
        status=new.status,
        objective=new.objective,
        top_objective=new.top_objective,
        seconds=Decimal("0.010"),
        explanation_status=SelectionRun.ExplanationStatus.DONE,
    )

    response = office_client.get(reverse("selection:run_detail", args=[world.call.pk, old.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Begründung aus einem älteren Lauf" in html
    assert f'action="{reverse("selection:run_create", args=[world.call.pk])}"' in html
    assert "Auswahlassistent erneut starten" in html
    assert OLD_TEXT not in html
    assert "Jeder Tausch" not in html
    assert 'id="price-rules"' not in html
    assert text_of(html, "compare-text") == (
        "Summe der Bewertungen der Auswahl: 11,43. Die 3 am besten bewerteten Bewerbungen "
        "allein hätten zusammen 12,03 – ein Unterschied von 0,60."
    )


def test_run_stored_before_reads_as_version_one_without_prices():
    stored = to_json(solve(bockenem_field(), bockenem_rules()))
    for key in ("explanation_version", "rule_abiding_objective", "decisive", "at_limit"):
        stored.pop(key)

    result = from_json(stored)

    assert result.explanation_version == 1
    assert (result.price_of_rules, result.price_of_diversity) == (None, None)
    assert result.decisive == ()


def test_new_result_survives_storage_unchanged():
    result = solve(bockenem_field(), bockenem_rules())

    assert from_json(to_json(result)) == result


def test_index_says_what_is_optimised_instead_of_the_highest_sum(office_client, world):
    services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=3,
        max_per_land=None,
        cover_needs=False,
        diversity_weight=Decimal("0.20"),
        limits={},
    )

    html = office_client.get(reverse("selection:index")).content.decode()

    assert "die Gruppe mit der höchsten Summe der Bewertungen zusammen" not in html
    assert text_of(html, "objective") == (
        "Der Auswahlassistent stellt aus den zugelassenen und bewerteten Bewerbungen eine "
        "Gruppe zusammen, die alle Auswahlregeln einhält. Unter diesen Gruppen wählt er die "
        "mit dem höchsten Gesamtwert: die Summe der Bewertungen und, wenn ein Gewicht der "
        "Vielfalt eingestellt ist, dazu ein Zuschlag für jede vertretene Gruppe und jedes "
        "vertretene Land. Der Zuschlag beträgt 5 × Gewicht ÷ (1 − Gewicht) Punkte, bei einem "
        "Gewicht von 0,20 also 1,25 Punkte; bei einem Gewicht von 1 zählt nur die Vielfalt."
    )


@pytest.mark.parametrize("language", ["en"])
def test_run_page_price_split_is_translated(office_client, world, language):
    run = bockenem_run(world)
    office_client.cookies["django_language"] = language

    html = office_client.get(reverse("selection:run_detail", args=[world.call.pk, run.pk]))
    html = html.content.decode()

    assert text_of(html, "price-diversity") == (
        "0.60 – with a diversity weight of 0.20 the selection has 11.43 instead of 12.03, and "
        "in return more groups and Länder are represented"
    )
