"""Figures appear only once a survey is closed: counts growing while it is open would let
someone comparing two visits compute each new answer by difference."""

from evaluation.models import Phase
from evaluation.results import compute, load
from evaluation.views.results import survey_results_data
from tests.evaluation import helpers

NOTE = "Ergebnisse erscheinen, sobald die Befragung geschlossen ist."
BASE = "/evaluation/geschaeftsstelle/versionen"


def test_open_survey_enters_no_figure(version):
    survey = helpers.survey(version)
    helpers.answer(survey, 6, klar=4)
    items = list(version.items.all())
    results = compute(
        items=items, surveys=[survey], loaded=load(surveys=[survey]), threshold=5, with_texts=True
    )
    assert (results.n, results.open_surveys) == (0, 1)


def test_open_survey_results_page_shows_the_note(login, office, version, muni_a):
    survey = helpers.survey(version, municipality=muni_a)
    helpers.answer(survey, 6, klar=4)
    body = login(office).get(f"/evaluation/ergebnisse/{survey.pk}/").content.decode()
    assert NOTE in body
    assert "6 Antworten" not in body


def test_results_appear_once_the_survey_is_closed(login, office, version, muni_a):
    survey = helpers.survey(version, municipality=muni_a)
    helpers.answer(survey, 6, klar=4)
    helpers.close(survey)
    body = login(office).get(f"/evaluation/ergebnisse/{survey.pk}/").content.decode()
    assert NOTE not in body
    assert "6 Antworten" in body


def test_survey_list_hides_the_count_of_an_open_survey(login, coordinator_a, version, muni_a):
    helpers.answer(helpers.survey(version, municipality=muni_a), 7)
    body = login(coordinator_a).get("/evaluation/").content.decode()
    assert NOTE in body
    assert ">7<" not in body


def test_chart_of_an_open_survey_is_not_found(login, office, version, muni_a):
    survey = helpers.survey(version, municipality=muni_a)
    helpers.answer(survey, 6, klar=4)
    item = helpers.item(version, "klar")
    response = login(office).get(f"/evaluation/ergebnisse/{survey.pk}/diagramm/{item.pk}.svg")
    assert response.status_code == 404


def test_version_results_leave_out_an_open_survey(login, office, version, muni_a, muni_b):
    helpers.answer(helpers.closed_survey(version, municipality=muni_a), 5, klar=2)
    helpers.answer(helpers.survey(version, municipality=muni_b), 6, klar=5)
    response = login(office).get(f"{BASE}/{version.pk}/ergebnisse/")
    assert response.context["results"].n == 5
    assert response.context["results"].open_surveys == 1
    assert NOTE in response.content.decode()


def test_export_leaves_out_an_open_survey(login, office, version, muni_a, muni_b):
    helpers.answer(helpers.closed_survey(version, municipality=muni_a), 5)
    helpers.answer(helpers.survey(version, municipality=muni_b), 6)
    content = login(office).get(f"{BASE}/{version.pk}/export.csv").content.decode("utf-8-sig")
    rows = content.strip().splitlines()
    assert len(rows) == 6
    assert "Andersdorf" not in content


def test_pair_comparison_waits_for_the_post_survey_to_close(version, office):
    pre = helpers.closed_survey(version, phase=Phase.PRE)
    post_survey = helpers.survey(version, phase=Phase.POST, pair_with=pre)
    codes = [f"code{n}" for n in range(5)]
    helpers.answer(pre, 5, klar=2, codes=codes)
    helpers.answer(post_survey, 5, klar=4, codes=codes)
    row = survey_results_data(survey=pre, with_texts=False, user=office).comparison[0]
    assert (row.pre_mean, row.post_mean, row.pairs) == (2.0, None, None)
