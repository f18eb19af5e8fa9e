"""Charts and their descriptions write numbers as the page's language does."""

from django.utils import translation

from evaluation import charts
from evaluation.models import Item
from evaluation.results import Bar, ItemResult


def result(n: int = 12) -> ItemResult:
    item = Item(key="klima", text="Wie ist das Klima?", type="likert")
    return ItemResult(
        item=item,
        n=n,
        bars=[Bar(code=1, label="gut", count=5, percent=41.7)],
        mean=4.08,
    )


def test_bar_text_in_german():
    with translation.override("de"):
        assert charts.bar_text(result().bars[0]) == "5 (41,7\u00a0%)"


def test_bar_text_in_english():
    with translation.override("en"):
        assert charts.bar_text(result().bars[0]) == "5 (41.7%)"


def test_svg_says_mean_and_percent_in_german():
    with translation.override("de"):
        svg = charts.svg(result())
    assert ">5 (41,7\u00a0%)</text>" in svg
    assert ">n = 12 · Mittelwert 4,08</text>" in svg
    assert "4.08" not in svg
    assert "41.7" not in svg


def test_svg_description_counts_one_answer_in_singular():
    with translation.override("de"):
        assert charts.description(result(n=1)).startswith("1 Antwort; Mittelwert 4,08.")
        assert charts.description(result(n=12)).startswith("12 Antworten; Mittelwert 4,08.")


def test_png_draws_the_same_footer_as_the_svg():
    with translation.override("de"):
        assert charts._footer(result()) == "n = 12 · Mittelwert 4,08"


def test_svg_description_counts_one_answer_in_singular_in_english():
    with translation.override("en"):
        assert charts.description(result(n=1)).startswith("1 response; Mean 4.08.")
