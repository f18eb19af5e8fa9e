"""The office's lists of claims and of a municipality's people: the number of queries
does not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.services.links import municipality_claim_submit
from applications.services import coordinator_choose_municipality
from tests import factories

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _claims(count: int) -> None:
    for _ in range(count):
        municipality = factories.MunicipalityFactory()
        factories.ApplicationFactory(municipality=municipality)
        person = factories.UserFactory()
        coordinator_choose_municipality(user=person, municipality=municipality)
        municipality_claim_submit(user=person, function="Amt", authority="OB")


def _people(municipality, count: int) -> None:
    for n in range(count):
        factories.CoordinatorFactory(municipality=municipality, municipality_lead=n == 0)
        factories.UserFactory(role=Role.TEAM_MEMBER, municipality=municipality)
        factories.UserFactory(
            municipality=municipality,
            municipality_approved_at=timezone.now(),
            municipality_suspended_at=timezone.now(),
        )


def test_claim_queue_query_count_is_constant(office_client):
    url = reverse("office:claims")
    _claims(1)
    one = _count(office_client, url)
    _claims(2)

    assert _count(office_client, url) == one


def test_municipality_people_query_count_is_constant(office_client, municipality):
    url = reverse("office:municipality_people", args=[municipality.pk])
    _people(municipality, 1)
    one = _count(office_client, url)
    factories.UserFactory(municipality=municipality)
    factories.CoordinatorFactory(municipality=municipality)

    assert _count(office_client, url) == one


def test_claim_detail_query_count_is_constant_in_the_people_linked(office_client):
    municipality = factories.MunicipalityFactory()
    factories.ApplicationFactory(municipality=municipality)
    person = factories.UserFactory()
    coordinator_choose_municipality(user=person, municipality=municipality)
    claim = municipality_claim_submit(user=person, function="Amt", authority="OB")
    url = reverse("office:claim_detail", args=[claim.pk])
    factories.UserFactory(role=Role.TEAM_MEMBER, municipality=municipality)
    one = _count(office_client, url)
    factories.UserFactory(role=Role.HR, municipality=municipality)
    factories.UserFactory(role=Role.ADVISORY, municipality=municipality)

    assert _count(office_client, url) == one
