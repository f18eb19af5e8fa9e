"""No count between 1 and 4 anywhere, and no suppressed count recovered by subtraction
(the total minus the other cells, one filter minus another, the mean)."""

import re

from evaluation import selectors
from evaluation.results import compute, load
from tests.evaluation import helpers

BASE = "/evaluation/geschaeftsstelle/versionen"


def results_of(version, surveys):
    return compute(
        items=list(version.items.select_related("section")),
        surveys=surveys,
        loaded=load(surveys=surveys),
        threshold=5,
        with_texts=False,
    )


def item_result(results, key):
    return next(result for result in results.items if result.item.key == key)


def shown(result):
    return [bar.count for bar in result.bars]


def five_and_one(version, **fields):
    survey = helpers.closed_survey(version, **fields)
    helpers.answer(survey, 5, klar=4, themen=[1, 2])
    helpers.answer(survey, 1, klar=1, themen=[2])
    return survey


def test_option_counts_below_five_are_not_shown(version):
    survey = five_and_one(version)
    klar = item_result(results_of(version, [survey]), "klar")
    assert klar.n == 6
    # One "gar nicht" is suppressed; the five "eher" would give it away as 6 - 5, so
    # they are suppressed as well.
    assert shown(klar) == [None, 0, 0, None, 0]
    assert [bar.percent for bar in klar.bars] == [None, 0.0, 0.0, None, 0.0]


def test_suppressed_cells_are_not_recovered_from_the_total(version):
    survey = five_and_one(version)
    for result in results_of(version, [survey]).items:
        if result.item.type in ("likert", "single") and result.bars:
            visible = [count for count in shown(result) if count is not None]
            hidden = result.n - sum(visible)
            assert [count for count in visible if 0 < count < 5] == []
            assert hidden == 0 or hidden >= 5


def test_multiple_choice_hides_a_small_complement(version):
    survey = five_and_one(version)
    themen = item_result(results_of(version, [survey]), "themen")
    # A: chosen by five, not by one; B: chosen by all six; C: by none.
    assert shown(themen) == [None, 6, 0]


def test_mean_is_hidden_where_it_would_give_away_a_suppressed_cell(version):
    survey = five_and_one(version)
    klar = item_result(results_of(version, [survey]), "klar")
    assert klar.mean is None


def test_one_filter_minus_another_recovers_no_cell(version, muni_a, muni_b):
    """The total (A and B) minus A's figures would give B's cells."""
    big = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(big, 5, klar=5)
    five_and_one(version, municipality=muni_b)
    of_b = selectors.version_surveys(version=version, filters={"municipality": muni_b.pk})
    total = item_result(results_of(version, [big, *of_b]), "klar")
    only_a = item_result(results_of(version, [big]), "klar")
    for together, alone in zip(shown(total), shown(only_a), strict=True):
        if together is not None and alone is not None:
            assert together - alone == 0 or together - alone >= 5


def test_results_page_shows_no_count_between_one_and_four(login, office, version, muni_a):
    survey = five_and_one(version, municipality=muni_a)
    body = login(office).get(f"/evaluation/ergebnisse/{survey.pk}/").content.decode()
    cells = re.findall(r'kern-table__cell--numeric">([^<]*)<', body)
    assert cells
    assert {cell for cell in cells if cell.strip() in {"1", "2", "3", "4"}} == set()
    assert "nicht ausgewiesen" in body


def test_svg_chart_shows_no_count_between_one_and_four(login, office, version, muni_a):
    survey = five_and_one(version, municipality=muni_a)
    klar = helpers.item(version, "klar")
    svg = login(office).get(f"/evaluation/ergebnisse/{survey.pk}/diagramm/{klar.pk}.svg")
    body = svg.content.decode()
    assert svg.status_code == 200
    assert re.findall(r">[1-4] \(", body) == []
    assert re.findall(r": [1-4] \(", body) == []


def test_version_results_show_no_count_between_one_and_four(login, office, version, muni_a):
    five_and_one(version, municipality=muni_a)
    body = login(office).get(f"{BASE}/{version.pk}/ergebnisse/").content.decode()
    cells = re.findall(r'kern-table__cell--numeric">([^<]*)<', body)
    assert {cell for cell in cells if cell.strip() in {"1", "2", "3", "4"}} == set()


def test_png_chart_is_drawn_from_the_shown_figures(version):
    from evaluation import charts

    survey = five_and_one(version)
    klar = item_result(results_of(version, [survey]), "klar")
    assert "1 (" not in charts.description(klar)
    assert charts.bar_text(klar.bars[0]) == "nicht ausgewiesen"


def test_item_skipped_by_two_of_ten_is_suppressed(version):
    """Ten responses, "themen" answered by eight: 10 - 8 would show the two who skipped it."""
    survey = helpers.closed_survey(version)
    helpers.answer(survey, 8, themen=[1])
    helpers.answer(survey, 2)
    results = results_of(version, [survey])
    themen = item_result(results, "themen")
    assert (results.n, item_result(results, "klar").n, themen.n, themen.bars) == (10, 10, 0, [])
