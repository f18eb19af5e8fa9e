"""The anonymity rule: at its edge, for every filter and breakdown, against differencing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluation import anonymity, selectors, services
from evaluation.models import Phase
from evaluation.results import compute, load
from tests.evaluation import helpers
from trainings.models import TrainingModule


def results_of(version, surveys, *, with_texts=True, group_by=None, threshold=5):
    return compute(
        items=list(version.items.select_related("section")),
        surveys=surveys,
        loaded=load(surveys=surveys),
        threshold=threshold,
        with_texts=with_texts,
        group_by=group_by,
    )


def klar(results):
    return next(r for r in results.items if r.item.key == "klar")


def test_results_with_four_answers_are_suppressed(version):
    survey = helpers.closed_survey(version)
    helpers.answer(survey, 4)
    results = results_of(version, [survey])
    assert (results.n, klar(results).n, klar(results).bars, klar(results).mean) == (0, 0, [], None)
    assert results.suppressed_note == "weniger als 5 Antworten – nicht ausgewiesen"


def test_results_with_five_answers_are_shown(version):
    survey = helpers.closed_survey(version)
    helpers.answer(survey, 5, klar=4)
    results = results_of(version, [survey])
    assert (results.n, klar(results).n, klar(results).mean) == (5, 5, 4.0)
    assert [bar.count for bar in klar(results).bars] == [0, 0, 0, 5, 0]


def test_item_answered_by_four_of_ten_is_suppressed(version):
    survey = helpers.closed_survey(version)
    helpers.answer(survey, 4, themen=[1])
    helpers.answer(survey, 6)
    themen = next(r for r in results_of(version, [survey]).items if r.item.key == "themen")
    assert (themen.n, themen.bars) == (0, [])


def test_raised_threshold_suppresses_five(version):
    survey = helpers.closed_survey(version)
    helpers.answer(survey, 5)
    assert results_of(version, [survey], threshold=6).n == 0


def test_threshold_is_never_below_five(office):
    with pytest.raises(ValidationError, match="Die Mindestzahl ist 5 oder mehr"):
        services.threshold_set(threshold=4, actor=office)
    assert anonymity.effective_threshold(3) == 5


def test_threshold_setting_is_used(office, version):
    services.threshold_set(threshold=7, actor=office)
    assert selectors.threshold() == 7


def test_small_survey_does_not_enter_the_total(version, muni_a, muni_b):
    """Differencing: total minus municipality A would be B's four answers; they are in
    neither figure, so the difference is 0."""
    big = helpers.closed_survey(version, municipality=muni_a)
    small = helpers.closed_survey(version, municipality=muni_b)
    helpers.answer(big, 10, klar=5)
    helpers.answer(small, 4, klar=1)
    total = results_of(version, [big, small])
    only_a = results_of(
        version, selectors.version_surveys(version=version, filters={"municipality": muni_a.pk})
    )
    assert (total.n, klar(total).mean) == (10, 5.0)
    assert (only_a.n, klar(only_a).mean) == (10, 5.0)
    assert [bar.count for bar in klar(total).bars] == [0, 0, 0, 0, 10]


def test_small_survey_among_pooled_surveys_changes_no_figure(version, muni_a):
    """Two surveys of one municipality: the small one enters nothing, so a filter that
    adds or removes it changes no figure."""
    big = helpers.closed_survey(version, municipality=muni_a, title="gross")
    small = helpers.closed_survey(version, municipality=muni_a, title="klein")
    helpers.answer(big, 6, klar=3)
    helpers.answer(small, 2, klar=1)
    assert klar(results_of(version, [big, small])).bars == klar(results_of(version, [big])).bars


@pytest.mark.parametrize("dimension", ["municipality", "module", "year", "phase"])
def test_every_filter_suppresses_a_small_group(version, muni_a, muni_b, dimension):
    module_a = TrainingModule.objects.create(code="a")
    module_b = TrainingModule.objects.create(code="b")
    last_year = timezone.now() - dt.timedelta(days=400)
    big = helpers.closed_survey(version, municipality=muni_a, module=module_a, phase=Phase.PRE)
    small = helpers.closed_survey(
        version, municipality=muni_b, module=module_b, phase=Phase.SINGLE, opens_at=last_year
    )
    helpers.answer(big, 8)
    helpers.answer(small, 4)
    values = {
        "municipality": muni_b.pk,
        "module": module_b.pk,
        "year": timezone.localtime(last_year).year,
        "phase": Phase.SINGLE,
    }
    surveys = selectors.version_surveys(version=version, filters={dimension: values[dimension]})
    assert surveys == [small]
    results = results_of(version, surveys)
    assert (results.n, klar(results).n) == (0, 0)
    assert results.suppressed_note == "weniger als 5 Antworten – nicht ausgewiesen"


@pytest.mark.parametrize("dimension", ["municipality", "module", "year"])
def test_every_breakdown_marks_the_small_group(version, muni_a, muni_b, dimension):
    from evaluation.views.office import GROUPS

    module_a = TrainingModule.objects.create(code="a")
    module_b = TrainingModule.objects.create(code="b")
    last_year = timezone.now() - dt.timedelta(days=400)
    big = helpers.closed_survey(version, municipality=muni_a, module=module_a)
    small = helpers.closed_survey(version, municipality=muni_b, module=module_b, opens_at=last_year)
    helpers.answer(big, 8, klar=5)
    helpers.answer(small, 4, klar=1)
    results = results_of(version, [big, small], group_by=GROUPS[dimension])
    rows = {row.n: row for row in results.groups}
    assert sorted(rows) == [0, 8]
    assert rows[0].suppressed_note == "weniger als 5 Antworten – nicht ausgewiesen"
    assert rows[0].means == [None, None]
    assert rows[8].means == [5.0, None]
    assert results.n == 8


def test_group_of_small_surveys_is_marked_per_survey(version, muni_a):
    from evaluation.views.office import GROUPS

    for title in ("eins", "zwei"):
        helpers.answer(helpers.closed_survey(version, municipality=muni_a, title=title), 4)
    surveys = selectors.version_surveys(version=version)
    row = results_of(version, surveys, group_by=GROUPS["municipality"]).groups[0]
    assert (row.n, row.suppressed_note) == (
        0,
        "weniger als 5 Antworten je Befragung – nicht ausgewiesen",
    )


def test_part_of_a_survey_needs_a_complement_of_at_least_five():
    assert anonymity.part_is_safe(5, 5, threshold=5) is True
    assert anonymity.part_is_safe(5, 10, threshold=5) is True
    assert anonymity.part_is_safe(5, 9, threshold=5) is False
    assert anonymity.part_is_safe(4, 4, threshold=5) is False


def test_free_text_is_left_out_without_texts(version):
    survey = helpers.closed_survey(version)
    helpers.answer(survey, 5, text="Mehr Pausen")
    anregung = next(
        r for r in results_of(version, [survey], with_texts=False).items if r.item.key == "anregung"
    )
    assert (anregung.n, anregung.texts) == (5, [])


def test_free_text_of_four_is_not_shown(version):
    survey = helpers.closed_survey(version)
    helpers.answer(survey, 4, text="Mehr Pausen")
    helpers.answer(survey, 3)
    anregung = next(r for r in results_of(version, [survey]).items if r.item.key == "anregung")
    assert anregung.texts == []


def test_free_text_of_five_is_shown_sorted(version):
    survey = helpers.closed_survey(version)
    helpers.answer(survey, 3, text="b")
    helpers.answer(survey, 2, text="a")
    anregung = next(r for r in results_of(version, [survey]).items if r.item.key == "anregung")
    assert anregung.texts == ["a", "a", "b", "b", "b"]
