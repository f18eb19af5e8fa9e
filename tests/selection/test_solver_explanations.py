"""What the solver says about its cohort, word for word, on small hand-made cases."""

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
        3: "Jeder Tausch, der die Auswahl verbessern würde, bräche eine Regel: "
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
        2: "Jeder Tausch, der die Auswahl verbessern würde, bräche eine Regel: "
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
        2: "Jeder Tausch, der die Auswahl verbessern würde, bräche eine Regel: "
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
        2: "Jeder Tausch, der die Auswahl verbessern würde, bräche eine Regel: "
        "Bedarf „Wohnen“ deckt nur Cedorf ab."
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
        3: "Jeder Tausch, der die Auswahl verbessern würde, bräche eine Regel: Dedorf ist gesetzt.",
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
        2: "Kein Tausch würde die Auswahl verbessern: mit Bedorf statt Cedorf wäre "
        "Land Thüringen nicht mehr vertreten; bei einem Vielfaltsgewicht von 0,20 zählt das "
        "mehr als 0,90 Punkte Vorsprung."
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
        2: "Kein Tausch würde die Auswahl verbessern: mit Bedorf statt Cedorf wäre "
        "Land Thüringen nicht mehr vertreten; bei einem Vielfaltsgewicht von 0,20 gibt das "
        "den Ausschlag."
    }


def test_why_out_names_the_rule_when_the_only_better_swap_breaks_it_despite_diversity():
    field = [
        candidate(1, "Adorf", "5.00"),
        candidate(2, "Bedorf", "4.90"),
        candidate(3, "Cedorf", "4.00", land="16", groups={"size:medium"}),
    ]

    # Bedorf for Cedorf would also lose Thüringen, but it breaks the minimum in any case.
    result = solve(
        field, rules(2, group_bounds=(bound("size:medium", 1),), diversity_weight=Decimal("0.20"))
    )

    assert result.selected == (1, 3)
    assert result.why_out == {
        2: "Jeder Tausch, der die Auswahl verbessern würde, bräche eine Regel: Mindestens 1 aus "
        "der Gruppe „Kommunen mit 20.000 bis 100.000 Einwohner*innen“: genau 1 gewählt, "
        "Bedorf zählt nicht dazu."
    }
    assert result.why_out_rules == {2: ("group_min:size:medium",)}


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
        2: "Kein Tausch würde die Auswahl verbessern: mit Bedorf statt Cedorf wäre "
        "Land Thüringen nicht mehr vertreten; bei einem Vielfaltsgewicht von 0,20 zählt das "
        "mehr als 0,40 Punkte Vorsprung."
    }
    assert result.why_out_rules == {2: ("diversity",)}
