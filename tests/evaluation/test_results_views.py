"""Result pages: who reads what, suppressed groups marked, free text for the office only."""

import pytest

from accounts.models import Role
from tests import factories
from tests.evaluation import helpers

SUPPRESSED = "weniger als 5 Antworten – nicht ausgewiesen"


def test_office_reads_survey_results_with_chart(login, office, version, muni_a):
    survey = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(survey, 5, klar=4)
    body = login(office).get(f"/evaluation/ergebnisse/{survey.pk}/").content.decode()
    assert "5 Antworten" in body
    assert '<title id="chart-' in body
    assert "Mittelwert 4.0" in body or "Mittelwert 4,0" in body


def test_survey_with_four_answers_is_marked_suppressed(login, office, version):
    survey = helpers.closed_survey(version)
    helpers.answer(survey, 4)
    body = login(office).get(f"/evaluation/ergebnisse/{survey.pk}/").content.decode()
    assert SUPPRESSED in body
    assert "<svg" not in body


def test_coordinator_reads_own_municipality(login, coordinator_a, version, muni_a):
    survey = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(survey, 5)
    assert login(coordinator_a).get(f"/evaluation/ergebnisse/{survey.pk}/").status_code == 200


def test_coordinator_of_another_municipality_gets_404(login, version, muni_a, muni_b):
    survey = helpers.closed_survey(version, municipality=muni_a)
    other = factories.CoordinatorFactory(municipality=muni_b)
    assert login(other).get(f"/evaluation/ergebnisse/{survey.pk}/").status_code == 404


def test_coordinator_list_shows_only_own_surveys(login, coordinator_a, version, muni_a, muni_b):
    helpers.closed_survey(version, municipality=muni_a, title="Unsere Befragung")
    helpers.closed_survey(version, municipality=muni_b, title="Fremde Befragung")
    body = login(coordinator_a).get("/evaluation/").content.decode()
    assert "Unsere Befragung" in body
    assert "Fremde Befragung" not in body


@pytest.mark.parametrize("role", [Role.TEAM_MEMBER, Role.TRAINER, Role.REVIEWER, Role.HR])
def test_wrong_role_gets_403(login, version, muni_a, role):
    survey = helpers.closed_survey(version, municipality=muni_a)
    person = factories.UserFactory(role=role, municipality=muni_a)
    assert login(person).get(f"/evaluation/ergebnisse/{survey.pk}/").status_code == 403


def test_coordinator_gets_403_on_office_results(login, coordinator_a, version):
    assert (
        login(coordinator_a)
        .get(f"/evaluation/geschaeftsstelle/versionen/{version.pk}/ergebnisse/")
        .status_code
        == 403
    )


def test_free_text_is_shown_to_the_office(login, office, version, muni_a):
    survey = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(survey, 5, text="Mehr Pausen einplanen")
    body = login(office).get(f"/evaluation/ergebnisse/{survey.pk}/").content.decode()
    assert "Mehr Pausen einplanen" in body


def test_free_text_is_not_shown_to_the_coordinator(login, coordinator_a, version, muni_a):
    survey = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(survey, 5, text="Mehr Pausen einplanen")
    body = login(coordinator_a).get(f"/evaluation/ergebnisse/{survey.pk}/").content.decode()
    assert "Mehr Pausen einplanen" not in body


def test_office_results_mark_a_small_municipality(login, office, version, muni_a, muni_b):
    helpers.answer(helpers.closed_survey(version, municipality=muni_a), 6)
    helpers.answer(helpers.closed_survey(version, municipality=muni_b), 4)
    body = (
        login(office)
        .get(
            f"/evaluation/geschaeftsstelle/versionen/{version.pk}/ergebnisse/?breakdown=municipality"
        )
        .content.decode()
    )
    assert SUPPRESSED in body
    assert "6 Antworten" in body


def test_office_results_filter_to_a_small_group_is_suppressed(
    login, office, version, muni_a, muni_b
):
    helpers.answer(helpers.closed_survey(version, municipality=muni_a), 6, text="geheim")
    helpers.answer(helpers.closed_survey(version, municipality=muni_b), 4, text="geheim")
    body = (
        login(office)
        .get(
            f"/evaluation/geschaeftsstelle/versionen/{version.pk}/ergebnisse/?municipality={muni_b.pk}"
        )
        .content.decode()
    )
    assert SUPPRESSED in body
    assert "geheim" not in body


def test_bad_filter_value_does_not_break_the_page(login, office, version):
    response = login(office).get(
        f"/evaluation/geschaeftsstelle/versionen/{version.pk}/ergebnisse/?year=abc&municipality=x"
    )
    assert response.status_code == 200


def _many(version, muni_a, count):
    for index in range(count):
        helpers.answer(helpers.closed_survey(version, municipality=muni_a, title=f"B{index}"), 5)


@pytest.mark.parametrize("count", [1, 4])
def test_survey_list_queries_are_constant(
    login, office, version, muni_a, count, django_assert_num_queries
):
    _many(version, muni_a, count)
    client = login(office)
    with django_assert_num_queries(5):
        response = client.get("/evaluation/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 4])
def test_version_results_queries_are_constant(
    login, office, version, muni_a, count, django_assert_num_queries
):
    _many(version, muni_a, count)
    client = login(office)
    with django_assert_num_queries(10):
        response = client.get(
            f"/evaluation/geschaeftsstelle/versionen/{version.pk}/ergebnisse/?breakdown=year"
        )
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 20])
def test_survey_results_queries_are_constant(
    login, office, version, muni_a, count, django_assert_num_queries
):
    survey = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(survey, count, text="x")
    client = login(office)
    with django_assert_num_queries(8):
        response = client.get(f"/evaluation/ergebnisse/{survey.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 4])
def test_office_index_queries_are_constant(login, office, count, django_assert_num_queries):
    for index in range(count):
        helpers.instrument(code=f"i{index}")
    client = login(office)
    with django_assert_num_queries(6):
        response = client.get("/evaluation/geschaeftsstelle/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    ("download", "queries"), [("export.xlsx", 11), ("freitexte.csv", 10), ("haeufigkeiten.csv", 11)]
)
def test_export_queries_are_constant(
    login, office, version, muni_a, count, download, queries, django_assert_num_queries
):
    for index in range(count):
        survey = helpers.closed_survey(version, municipality=muni_a, title=f"B{index}")
        helpers.answer(survey, 5, text="x", themen=[1])
    client = login(office)
    base = f"/evaluation/geschaeftsstelle/versionen/{version.pk}"
    with django_assert_num_queries(queries):
        response = client.get(f"{base}/{download}?breakdown=module")
    assert response.status_code == 200


def test_results_page_writes_mean_and_share_in_german(login, office, version, muni_a):
    survey = helpers.closed_survey(version, municipality=muni_a)
    helpers.answer(survey, 5, klar=4)
    body = login(office).get(f"/evaluation/ergebnisse/{survey.pk}/").content.decode()
    assert "n = 5 · Mittelwert 4,00</text>" in body
    assert "5 (100\u00a0%)</text>" in body
    assert "Mittelwert 4,00</p>" in body
    assert "Mittelwert 4.0" not in body
