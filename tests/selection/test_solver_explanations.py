"""What the solver says about its cohort, word for word, on small hand-made cases."""

import dataclasses
from decimal import Decimal

from selection.solver import Candidate, GroupBound, Rules, solve

LANDS = {"05": "Nordrhein-Westfalen", "16": "Thüringen"}
NEEDS = {"auslaenderbehoerde": "Ausländerbehörde", "jugendamt": "Jugendamt", "wohnen": "Wohnen"}
GROUPS = {
    "size:small": "Kommunen unter 20.000 Einwohner*innen",
    "size:medium": "Kommunen mit 20.000 bis 100.000 Einwohner*innen",
    "size:large": "Kommunen über 100.000 Einwohner*innen",
    "size:kreis": "Landkreise",
    "region:east": "Kommunen in Ostdeutschland und Berlin",
}


def candidate(cid, label, score, land="05", groups=(), needs=()):
    return Candidate(
        id=cid,
        label=label,
        score=Decimal(score),
        land=land,
        groups=frozenset(groups),
        needs=frozenset(needs),
    )


def rules(places, **kwargs):
    return Rules(places=places, land_labels=LANDS, need_labels=NEEDS, group_labels=GROUPS, **kwargs)


def bound(group, minimum=None, maximum=None):
    return GroupBound(group, GROUPS[group], minimum, maximum)


def nrw_field():
    return [
        candidate(1, "Münster", "4.90", groups={"size:large"}, needs={"auslaenderbehoerde"}),
        candidate(2, "Köln", "4.80", groups={"size:large"}, needs={"jugendamt"}),
        candidate(3, "Bielefeld", "4.70", groups={"size:large"}),
        candidate(4, "Jena", "4.00", land="16", groups={"size:medium", "region:east"}),
        candidate(5, "Erfurt", "3.50", land="16", groups={"size:large", "region:east"}),
    ]


def nrw_rules():
    return rules(3, max_per_land=2, cover_needs=frozenset({"auslaenderbehoerde"}))


def test_land_cap_gives_cohort_against_plain_top():
    result = solve(nrw_field(), nrw_rules())

    assert result.status == "optimal"
    assert result.selected == (1, 2, 4)
    assert (result.objective, result.top_objective) == (Decimal("13.70"), Decimal("14.40"))
    assert result.top_by_score == (1, 2, 3)


def test_binding_names_full_land_and_need_with_single_coverer():
    result = solve(nrw_field(), nrw_rules())

    assert result.binding == (
        "Höchstens 2 je Land: Nordrhein-Westfalen hat 2",
        "Bedarf „Ausländerbehörde“ ist nur durch Münster abgedeckt",
    )


def test_why_out_names_the_land_cap_with_the_members_from_that_land():
    result = solve(nrw_field(), nrw_rules())

    assert result.why_out == {
        3: "Ohne diese Regel wäre Bielefeld in der Auswahl: "
        "Höchstens 2 je Land: Nordrhein-Westfalen hat schon 2 (Münster und Köln)."
    }
    assert result.why_out_rules == {3: ("land",)}


def test_adds_lists_land_groups_and_needs_marking_sole_contributions():
    result = solve(nrw_field(), nrw_rules())

    assert result.adds == {
        1: (
            "Land Nordrhein-Westfalen",
            "Kommunen über 100.000 Einwohner*innen",
            "Bedarf „Ausländerbehörde“ (als einzige)",
        ),
        2: (
            "Land Nordrhein-Westfalen",
            "Kommunen über 100.000 Einwohner*innen",
            "Bedarf „Jugendamt“ (als einzige)",
        ),
        4: (
            "Land Thüringen (als einzige)",
            "Kommunen in Ostdeutschland und Berlin (als einzige)",
            "Kommunen mit 20.000 bis 100.000 Einwohner*innen (als einzige)",
        ),
    }


def kreis_field():
    return [
        candidate(1, "Adorf", "5.00", groups={"size:small"}),
        candidate(2, "Bedorf", "4.50", groups={"size:small"}),
        candidate(3, "Kreis Coesfeld", "4.40", groups={"size:kreis"}),
        candidate(4, "Kreis Düren", "4.00", groups={"size:kreis"}),
        candidate(5, "Kreis Euskirchen", "3.00", groups={"size:kreis"}),
    ]


def test_group_minimum_binds_and_keeps_a_stronger_candidate_out():
    result = solve(kreis_field(), rules(3, group_bounds=(bound("size:kreis", minimum=2),)))

    assert result.selected == (1, 3, 4)
    assert result.binding == ("Mindestens 2 Landkreise: genau 2 gewählt",)
    assert result.why_out == {
        2: "Ohne diese Regel wäre Bedorf in der Auswahl: "
        "Mindestens 2 Landkreise: genau 2 gewählt, Bedorf zählt nicht dazu."
    }


def test_bound_of_one_is_worded_with_the_group_name():
    result = solve(kreis_field(), rules(2, group_bounds=(bound("size:kreis", minimum=1),)))

    assert result.selected == (1, 3)
    assert result.binding == ("Mindestens 1 aus der Gruppe „Landkreise“: genau 1 gewählt",)


def test_group_maximum_binds_and_keeps_a_stronger_candidate_out():
    field = [
        candidate(1, "Jena", "5.00", land="16", groups={"region:east"}),
        candidate(2, "Gera", "4.90", land="16", groups={"region:east"}),
        candidate(3, "Bonn", "4.00"),
    ]

    result = solve(field, rules(2, group_bounds=(bound("region:east", maximum=1),)))

    assert result.selected == (1, 3)
    assert result.binding == (
        "Höchstens 1 aus der Gruppe „Kommunen in Ostdeutschland und Berlin“: genau 1 gewählt",
    )
    assert result.why_out == {
        2: "Ohne diese Regel wäre Gera in der Auswahl: "
        "Höchstens 1 aus der Gruppe „Kommunen in Ostdeutschland und Berlin“: schon 1 gewählt, "
        "Gera käme hinzu."
    }
    assert result.why_out_rules == {2: ("group_max:region:east",)}


def test_need_covered_by_one_member_keeps_a_stronger_candidate_out():
    field = [
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.50"),
        candidate(3, "Cedorf", "4.00", needs={"wohnen"}),
    ]

    result = solve(field, rules(2, cover_needs=frozenset({"wohnen"})))

    assert result.selected == (1, 3)
    assert result.why_out == {
        2: "Ohne diese Regel wäre Bedorf in der Auswahl: Bedarf „Wohnen“ deckt nur Cedorf ab."
    }
    assert result.why_out_rules == {2: ("need:wohnen",)}


def test_must_in_and_must_out_bind_and_explain():
    field = [
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.50"),
        candidate(3, "Cedorf", "4.40"),
        candidate(4, "Dedorf", "1.00"),
    ]

    result = solve(field, rules(2, must_in=frozenset({4}), must_out=frozenset({1})))

    assert result.selected == (2, 4)
    assert result.binding == ("Dedorf ist gesetzt (muss dabei sein)", "Adorf ist ausgeschlossen")
    assert result.why_out == {
        1: "Von Hand ausgeschlossen (muss draußen bleiben).",
        3: "Ohne diese Regel wäre Cedorf in der Auswahl: Dedorf ist gesetzt.",
    }
    assert result.why_out_rules == {1: ("must_out:1",), 3: ("must_in:4",)}


def test_diversity_weight_prefers_a_second_land_and_says_what_a_swap_would_lose():
    field = [
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.90"),
        candidate(3, "Cedorf", "4.00", land="16"),
    ]

    result = solve(field, rules(2, diversity_weight=Decimal("0.20")))

    assert result.selected == (1, 3)
    assert (result.objective, result.top_objective) == (Decimal("9.00"), Decimal("9.90"))
    assert result.represented == 2
    assert result.why_out == {
        2: "Das Vielfaltsgewicht von 0,20 gibt den Ausschlag: mit Gewicht 0 käme Bedorf statt "
        "Cedorf in die Auswahl, mit 0,90 Punkten mehr in der Summe der Bewertungen, aber ohne "
        "Land Thüringen."
    }
    assert result.why_out_rules == {2: ("diversity",)}


def test_small_diversity_weight_does_not_outweigh_a_large_score_lead():
    field = [
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.90"),
        candidate(3, "Cedorf", "2.00", land="16"),
    ]

    # One more Land is worth 5 * 0.1 / 0.9 = 0.56 points, less than the lead of 2.90.
    result = solve(field, rules(2, diversity_weight=Decimal("0.10")))

    assert result.selected == (1, 2)


def test_equal_scores_go_to_the_lower_id_whatever_the_input_order():
    field = [
        candidate(3, "Cedorf", "4.00"),
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.00"),
    ]

    result = solve(field, rules(2))

    assert result.selected == (1, 2)
    assert result.why_out == {
        3: "Gleiche Punktzahl wie Bedorf (4,00); bei Gleichstand geht die Bewerbung mit der "
        "kleineren Nummer vor."
    }
    assert result.why_out_rules == {3: ("tie",)}
    assert solve(list(reversed(field)), rules(2)).selected == (1, 2)


def test_diversity_decides_between_equal_scores():
    field = [
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.00"),
        candidate(3, "Cedorf", "4.00", land="16"),
    ]

    result = solve(field, rules(2, diversity_weight=Decimal("0.20")))

    assert result.selected == (1, 3)
    assert result.why_out == {
        2: "Das Vielfaltsgewicht von 0,20 gibt den Ausschlag: mit Gewicht 0 käme Bedorf statt "
        "Cedorf in die Auswahl, mit der gleichen Summe der Bewertungen, aber ohne "
        "Land Thüringen."
    }


def test_why_out_names_rule_and_weight_together_when_neither_decides_alone():
    field = [
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.90"),
        candidate(3, "Cedorf", "4.00", land="16", groups={"size:medium"}),
    ]

    # Without the minimum, Thüringen still outweighs 0.90 points; with weight 0, the
    # minimum still needs Cedorf. Only both together let Bedorf in.
    result = solve(
        field, rules(2, group_bounds=(bound("size:medium", 1),), diversity_weight=Decimal("0.20"))
    )

    assert result.selected == (1, 3)
    assert result.why_out == {
        2: "Weder ohne eine einzelne Regel noch mit einem Vielfaltsgewicht von 0 allein wäre "
        "Bedorf in der Auswahl; es entscheidet das Zusammenspiel von Regeln und Gewicht: "
        "Mindestens 1 aus der Gruppe „Kommunen mit 20.000 bis 100.000 Einwohner*innen“: "
        "genau 1 gewählt, Bedorf zählt nicht dazu; Vielfaltsgewicht 0,20. Ohne sie alle "
        "zusammen wäre Bedorf in der Auswahl."
    }
    assert result.why_out_rules == {2: ("group_min:size:medium", "diversity")}
    assert result.why_out_kinds == {2: "together"}


def test_why_out_quotes_diversity_with_a_swap_that_keeps_every_rule():
    field = [
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.90"),
        candidate(3, "Cedorf", "4.50", land="16"),
        candidate(4, "Dedorf", "4.00", groups={"size:medium"}),
    ]

    # The swap with the weakest member (Dedorf) breaks the minimum; the one with Cedorf
    # keeps every rule and loses only Thüringen.
    result = solve(
        field, rules(3, group_bounds=(bound("size:medium", 1),), diversity_weight=Decimal("0.20"))
    )

    assert result.selected == (1, 3, 4)
    assert result.why_out == {
        2: "Das Vielfaltsgewicht von 0,20 gibt den Ausschlag: mit Gewicht 0 käme Bedorf statt "
        "Cedorf in die Auswahl, mit 0,40 Punkten mehr in der Summe der Bewertungen, aber ohne "
        "Land Thüringen."
    }
    assert result.why_out_rules == {2: ("diversity",)}


def bockenem_field():
    """The case of the demo: Bockenem (3.93, small) stays out while Landau (3.33, small)
    is in, and swapping them breaks no rule."""
    return [
        candidate(1, "Celle", "4.50", land="03", groups={"size:medium"}),
        candidate(2, "Peine", "3.60", land="03", groups={"size:medium"}),
        candidate(3, "Bockenem", "3.93", land="03", groups={"size:small"}),
        candidate(4, "Landau", "3.33", land="07", groups={"size:small"}),
        candidate(5, "Bad Belzig", "3.00", land="12", groups={"size:small"}),
    ]


def bockenem_rules(**changes):
    lands = {"03": "Niedersachsen", "07": "Rheinland-Pfalz", "12": "Brandenburg"}
    base = Rules(
        places=3,
        group_bounds=(bound("size:medium", minimum=2),),
        diversity_weight=Decimal("0.20"),
        land_labels=lands,
        group_labels=GROUPS,
    )
    return dataclasses.replace(base, **changes)


def test_why_out_blames_the_weight_not_the_size_rule_when_only_weight_zero_brings_it_in():
    result = solve(bockenem_field(), bockenem_rules())

    assert result.selected == (1, 2, 4)
    assert result.why_out == {
        3: "Das Vielfaltsgewicht von 0,20 gibt den Ausschlag: mit Gewicht 0 käme Bockenem statt "
        "Landau in die Auswahl, mit 0,60 Punkten mehr in der Summe der Bewertungen, aber ohne "
        "Land Rheinland-Pfalz."
    }
    assert result.why_out_rules == {3: ("diversity",)}
    assert result.why_out_kinds == {3: "alone"}


def test_bockenem_counterfactuals_hold_when_solved_again():
    without_weight = solve(bockenem_field(), bockenem_rules(diversity_weight=Decimal("0")))
    without_size_rule = solve(bockenem_field(), bockenem_rules(group_bounds=()))

    assert without_weight.selected == (1, 3, 2)
    assert without_size_rule.selected == (1, 4, 5)


def test_price_is_split_into_rules_and_diversity_weight():
    result = solve(bockenem_field(), bockenem_rules())

    assert (result.top_objective, result.rule_abiding_objective, result.objective) == (
        Decimal("12.03"),
        Decimal("12.03"),
        Decimal("11.43"),
    )
    assert (result.price_of_rules, result.price_of_diversity) == (Decimal("0.00"), Decimal("0.60"))
    assert result.diversity_change == (
        "Mit einem Vielfaltsgewicht von 0 statt 0,20 käme Bockenem statt Landau in die Auswahl"
    )


def test_price_of_rules_is_the_whole_gap_with_weight_zero():
    result = solve(nrw_field(), nrw_rules())

    assert (result.price_of_rules, result.price_of_diversity) == (Decimal("0.70"), Decimal("0.00"))
    assert result.diversity_change == ""


def test_decisive_rules_are_those_whose_removal_changes_the_cohort():
    result = solve(nrw_field(), nrw_rules())

    # Münster, the only one naming the Ausländerbehörde, is the best anyway: the need holds
    # with equality but decides nothing.
    assert result.decisive == (
        "Höchstens 2 je Land: ohne sie käme Bielefeld statt Jena in die Auswahl",
    )
    assert result.decisive_rules == ("land",)
    assert result.at_limit == ("Bedarf „Ausländerbehörde“ ist nur durch Münster abgedeckt",)


def test_decisive_rule_need_not_hold_with_equality_to_be_listed():
    result = solve(bockenem_field(), bockenem_rules())

    assert result.decisive == (
        "Mindestens 2 Kommunen mit 20.000 bis 100.000 Einwohner*innen: ohne sie käme "
        "Bad Belzig statt Peine in die Auswahl",
    )
    assert result.at_limit == ()


def test_several_rules_each_deciding_alone_are_all_named():
    field = [
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.90"),
        candidate(3, "Cedorf", "4.00", land="16", groups={"size:medium"}),
        candidate(4, "Kreis Düren", "3.90", groups={"size:kreis"}),
    ]
    minimums = (bound("size:medium", minimum=1), bound("size:kreis", minimum=1))

    result = solve(field, rules(3, group_bounds=minimums))

    assert result.selected == (1, 3, 4)
    assert result.why_out == {
        2: "Ohne eine dieser Regeln, gleich welche, wäre Bedorf in der Auswahl: Mindestens 1 "
        "aus der Gruppe „Kommunen mit 20.000 bis 100.000 Einwohner*innen“: genau 1 gewählt, "
        "Bedorf zählt nicht dazu; Mindestens 1 aus der Gruppe „Landkreise“: genau 1 gewählt, "
        "Bedorf zählt nicht dazu."
    }
    assert result.why_out_rules == {2: ("group_min:size:medium", "group_min:size:kreis")}
    assert result.why_out_kinds == {2: "alone"}


def test_two_rules_that_each_block_the_outsider_are_named_together():
    field = [
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.90", groups={"size:large"}),
        candidate(3, "Cedorf", "4.00", land="16", groups={"size:medium"}),
    ]

    # The cap per Land and the maximum of large towns each keep Bedorf out on their own,
    # so removing either alone changes nothing.
    result = solve(
        field,
        rules(2, max_per_land=1, group_bounds=(bound("size:large", maximum=0),)),
    )

    assert result.selected == (1, 3)
    assert result.why_out == {
        2: "Ohne eine einzelne Regel allein wäre Bedorf noch nicht in der Auswahl; es entscheidet "
        "das Zusammenspiel dieser Regeln: Höchstens 1 je Land: Nordrhein-Westfalen hat schon 1 "
        "(Adorf); Höchstens 0 Kommunen über 100.000 Einwohner*innen: schon 0 gewählt, "
        "Bedorf käme hinzu. Ohne sie alle zusammen wäre Bedorf in der Auswahl."
    }
    assert result.why_out_rules == {2: ("land", "group_max:size:large")}
    assert result.why_out_kinds == {2: "together"}


def test_outsider_beyond_the_places_by_score_alone_says_so():
    field = [
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.90"),
        candidate(3, "Cedorf", "4.80"),
        candidate(4, "Dedorf", "4.00", groups={"size:kreis"}),
    ]

    result = solve(field, rules(2, group_bounds=(bound("size:kreis", minimum=1),)))

    assert result.selected == (1, 4)
    assert result.why_out[3] == (
        "Auch ohne jede Auswahlregel und mit einem Vielfaltsgewicht von 0 wäre Cedorf nicht in "
        "der Auswahl: die 2 Plätze gingen an besser bewertete Bewerbungen."
    )
    assert result.why_out_kinds[3] == "places"
