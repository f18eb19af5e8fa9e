"""The results name each table and chart link by its question, not by one shared caption
or an internal key, so a screen reader's list of tables and links tells them apart."""

import re

from tests.evaluation import helpers


def results_page(login, office, version, municipality) -> str:
    survey = helpers.closed_survey(version, municipality=municipality)
    helpers.answer(survey, 5, klar=4, themen=[1])
    return login(office).get(f"/evaluation/ergebnisse/{survey.pk}/").content.decode()


def test_each_distribution_table_is_named_after_its_question(login, office, version, muni_a):
    body = results_page(login, office, version, muni_a)

    captions = re.findall(r"<caption[^>]*>(.*?)</caption>", body, re.DOTALL)
    assert captions == [
        "Verteilung der Antworten: Frage klar",
        "Verteilung der Antworten: Frage themen",
    ]


def test_chart_links_name_the_question_not_its_key(login, office, version, muni_a):
    body = results_page(login, office, version, muni_a)

    names = re.findall(r'(Diagramm als (?:SVG|PNG))<span class="kern-sr-only"> – ([^<]*)<', body)
    assert names == [
        ("Diagramm als SVG", "Frage klar"),
        ("Diagramm als PNG", "Frage klar"),
        ("Diagramm als SVG", "Frage themen"),
        ("Diagramm als PNG", "Frage themen"),
    ]
