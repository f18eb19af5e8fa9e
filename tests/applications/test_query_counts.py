"""The applicant's pages make the same number of queries however much there is to show."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.services import application_start
from calls.models import Question
from tests import factories


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_query_count_is_independent_of_the_number_of_applications(client, coordinator):
    client.force_login(coordinator)
    application_start(
        call=factories.VersionFactory().call,
        municipality=coordinator.municipality,
        actor=coordinator,
    )
    one = count_queries(client, reverse("applications:index"))
    for _ in range(3):
        application_start(
            call=factories.VersionFactory().call,
            municipality=coordinator.municipality,
            actor=coordinator,
        )
    assert count_queries(client, reverse("applications:index")) == one


def test_section_query_count_is_independent_of_the_number_of_questions(client, coordinator):
    client.force_login(coordinator)
    section = factories.SectionFactory()
    factories.QuestionFactory(section=section, key="erste")
    application = application_start(
        call=section.version.call, municipality=coordinator.municipality, actor=coordinator
    )
    url = reverse("applications:section", args=[application.pk, 1])
    one = count_queries(client, url)
    for key, kind in [
        ("zweite", Question.Type.YES_NO),
        ("dritte", Question.Type.LONG_TEXT),
        ("vierte", Question.Type.FILE),
    ]:
        factories.QuestionFactory(section=section, key=key, type=kind)
    assert count_queries(client, url) == one


def test_overview_query_count_is_independent_of_the_number_of_sections(client, coordinator):
    client.force_login(coordinator)
    version = factories.VersionFactory()
    factories.QuestionFactory(section=factories.SectionFactory(version=version), key="a")
    application = application_start(
        call=version.call, municipality=coordinator.municipality, actor=coordinator
    )
    url = reverse("applications:detail", args=[application.pk])
    one = count_queries(client, url)
    for key in ["b", "c", "d"]:
        factories.QuestionFactory(section=factories.SectionFactory(version=version), key=key)
    assert count_queries(client, url) == one
