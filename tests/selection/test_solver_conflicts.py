"""Rules that cannot all hold: the solver names a minimal set of them, in German."""

from decimal import Decimal

from selection.solver import Candidate, GroupBound, Rules, solve

LANDS = {"05": "Nordrhein-Westfalen", "16": "Thüringen"}
EAST = GroupBound("region:east", "Kommunen in Ostdeutschland und Berlin", minimum=3)


def candidate(cid, label, score="3.00", land="05", groups=(), needs=()):
    return Candidate(
        id=cid,
        label=label,
        score=Decimal(score),
        land=land,
        groups=frozenset(groups),
        needs=frozenset(needs),
    )


def field():
    return [
        candidate(1, "Adorf", "5.00", groups={"size:small"}, needs={"wohnen"}),
        candidate(2, "Bedorf", "4.50", groups={"size:small"}),
        candidate(3, "Cedorf", "4.00", groups={"size:medium"}),
        candidate(4, "Jena", "3.50", land="16", groups={"size:medium", "region:east"}),
        candidate(5, "Gera", "3.00", land="16", groups={"size:small", "region:east"}),
    ]


def test_more_places_than_applications():
    result = solve(field()[:2], Rules(places=3))

    assert result.status == "infeasible"
    assert result.conflicts == ("Genau 3 Plätze, aber nur 2 Bewerbungen",)
    assert result.conflict_rules == ("places",)
    assert (result.selected, result.objective) == ((), Decimal("0.00"))
    assert (result.top_by_score, result.top_objective) == ((1, 2), Decimal("9.50"))


def test_no_applications_at_all():
    result = solve([], Rules(places=10))

    assert result.conflicts == ("Genau 10 Plätze, aber nur 0 Bewerbungen",)


def test_group_minimum_above_its_applications():
    result = solve(field(), Rules(places=3, group_bounds=(EAST,)))

    assert result.conflicts == (
        "Mindestens 3 Kommunen in Ostdeutschland und Berlin, aber nur 2 Bewerbungen dieser Gruppe",
    )
    assert result.conflict_rules == ("group_min:region:east",)


def test_need_nobody_names():
    rules = Rules(
        places=2, cover_needs=frozenset({"jugendamt"}), need_labels={"jugendamt": "Jugendamt"}
    )

    result = solve(field(), rules)

    assert result.conflicts == ("Bedarf „Jugendamt“ abdecken, aber keine Bewerbung nennt ihn",)


def test_minimum_above_maximum_of_the_same_group():
    bound = GroupBound("size:small", "Kommunen unter 20.000 Einwohner*innen", 3, 2)

    result = solve(field(), Rules(places=4, group_bounds=(bound,)))

    assert result.conflicts == (
        "Mindestens 3 Kommunen unter 20.000 Einwohner*innen",
        "Höchstens 2 Kommunen unter 20.000 Einwohner*innen",
    )


def test_places_and_land_cap_name_the_capacity():
    result = solve(field(), Rules(places=5, max_per_land=2, land_labels=LANDS))

    assert result.conflicts == (
        "Genau 5 Plätze",
        "Höchstens 2 je Land: Bewerbungen kommen aus 2 Ländern, so sind höchstens 4 Plätze "
        "besetzbar",
    )
    assert result.conflict_rules == ("places", "land")


def test_applications_set_in_by_hand_beyond_the_land_cap():
    rules = Rules(places=3, max_per_land=1, must_in=frozenset({1, 2}), land_labels=LANDS)

    result = solve(field(), rules)

    assert result.conflicts == (
        "Höchstens 1 je Land",
        "Adorf (Nordrhein-Westfalen) muss dabei sein",
        "Bedorf (Nordrhein-Westfalen) muss dabei sein",
    )
    assert result.conflict_rules == ("land", "must_in:1", "must_in:2")


def test_application_both_in_and_out():
    result = solve(field(), Rules(places=2, must_in=frozenset({3}), must_out=frozenset({3})))

    assert result.conflicts == ("Cedorf muss dabei sein", "Cedorf muss draußen bleiben")


def test_two_minimums_that_do_not_fit_into_the_places():
    rules = Rules(
        places=3,
        group_bounds=(
            GroupBound("size:small", "Kommunen unter 20.000 Einwohner*innen", minimum=2),
            GroupBound("size:medium", "Kommunen mit 20.000 bis 100.000 Einwohner*innen", 2),
        ),
        max_per_land=2,
    )

    result = solve(field(), rules)

    assert result.conflicts == (
        "Genau 3 Plätze",
        "Mindestens 2 Kommunen unter 20.000 Einwohner*innen",
        "Mindestens 2 Kommunen mit 20.000 bis 100.000 Einwohner*innen",
    )
    assert result.conflict_rules == ("places", "group_min:size:small", "group_min:size:medium")


def test_need_named_only_by_an_application_kept_out():
    rules = Rules(
        places=2,
        cover_needs=frozenset({"wohnen"}),
        need_labels={"wohnen": "Wohnen"},
        must_out=frozenset({1, 5}),
    )

    result = solve(field(), rules)

    assert result.conflicts == (
        "Bedarf „Wohnen“ abdecken (nur Adorf nennt ihn)",
        "Adorf muss draußen bleiben",
    )
    assert result.conflict_rules == ("need:wohnen", "must_out:1")


def test_group_minimum_beyond_what_the_land_cap_allows():
    rules = Rules(places=3, max_per_land=1, group_bounds=(EAST,))
    field_ = [
        candidate(1, "Jena", land="16", groups={"region:east"}),
        candidate(2, "Gera", land="16", groups={"region:east"}),
        candidate(3, "Leipzig", land="14", groups={"region:east"}),
        candidate(4, "Bonn"),
    ]

    result = solve(field_, rules)

    assert result.conflicts == (
        "Höchstens 1 je Land",
        "Mindestens 3 Kommunen in Ostdeutschland und Berlin, bei höchstens 1 je Land aber "
        "nur 2 möglich",
    )
