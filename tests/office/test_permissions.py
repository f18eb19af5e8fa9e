import pytest
from django.urls import reverse

from core.models import Page
from tests.helpers import finish


@pytest.fixture
def office_urls(answered_application):
    answer = answered_application.answers.exclude(file="").get()
    Page.objects.create(slug="impressum", title_de="Impressum", body_de="Text")
    pk = answered_application.pk
    return [
        reverse("office:index"),
        reverse("office:applications"),
        reverse("office:applications_export_csv"),
        reverse("office:applications_export_xlsx"),
        reverse("office:application_detail", args=[pk]),
        reverse("office:answer_file", args=[pk, answer.pk]),
        reverse("office:statistics"),
        reverse("office:audit"),
        reverse("office:pages"),
        reverse("office:page_edit", args=["impressum"]),
    ]


def test_office_urls_send_anonymous_people_to_login(client, office_urls):
    for url in office_urls:
        response = client.get(url)

        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_office_urls_refuse_coordinators(coordinator_client, office_urls):
    assert [coordinator_client.get(url).status_code for url in office_urls] == [403] * 10


def test_office_urls_refuse_reviewers(reviewer_client, office_urls):
    assert [reviewer_client.get(url).status_code for url in office_urls] == [403] * 10


def test_office_urls_open_for_the_office(office_client, office_urls):
    statuses = []
    for url in office_urls:
        response = office_client.get(url)
        statuses.append(response.status_code)
        finish(response)

    assert statuses == [200] * 10


def test_page_edit_post_refused_for_coordinators(coordinator_client, office_urls):
    response = coordinator_client.post(
        reverse("office:page_edit", args=["impressum"]), {"title_de": "X", "body_de": "Y"}
    )

    assert response.status_code == 403
    assert Page.objects.get(slug="impressum").title_de == "Impressum"
