"""Every list of the network costs the same number of queries for one row as for many."""

import pytest
from django.urls import reverse

from network.models import Announcement, NetworkCoordinator
from network.services import counts_publish, signup_add
from tests import factories
from tests.helpers import finish
from tests.network.helpers import member, members, network_coordinator, staff, workshop
from tests.programme_helpers import model_cohort


def get(client, url):
    response = client.get(url)
    finish(response)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("extra", [0, 30])
def test_member_list_queries(login, django_assert_num_queries, call, muni_a, muni_b, extra):
    client = login(member(muni_a))
    members(muni_b, extra)
    with django_assert_num_queries(7):
        get(client, reverse("network:members"))


@pytest.mark.parametrize("extra", [0, 12])
def test_workshop_list_queries(login, django_assert_num_queries, call, muni_a, extra):
    user = member(muni_a)
    others = members(muni_a, 3)
    workshop(call, muni_a)
    for n in range(extra):
        planned = workshop(call, None if n % 2 else muni_a, capacity=10)
        for other in others:
            signup_add(membership=other.network_membership, workshop=planned)
        signup_add(membership=user.network_membership, workshop=planned)
    client = login(user)
    with django_assert_num_queries(7):
        get(client, reverse("network:workshops"))


@pytest.mark.parametrize("extra", [0, 12])
def test_local_workshop_list_queries(
    login, django_assert_num_queries, call, coordinator_a, muni_a, extra
):
    for _ in range(extra + 1):
        workshop(call, muni_a)
    client = login(coordinator_a)
    with django_assert_num_queries(5):
        get(client, reverse("network:local_workshops"))


@pytest.mark.parametrize("extra", [0, 12])
def test_national_workshop_list_queries(login, django_assert_num_queries, call, muni_a, extra):
    for _ in range(extra + 1):
        signup_add(membership=member(muni_a).network_membership, workshop=workshop(call))
    client = login(network_coordinator())
    with django_assert_num_queries(6):
        get(client, reverse("network:national_workshops"))


@pytest.mark.parametrize("extra", [0, 10])
def test_space_queries(login, django_assert_num_queries, call, muni_a, extra):
    author = network_coordinator()
    for n in range(extra + 1):
        Announcement.objects.create(title=f"Mitteilung {n}", body="Text", author=author)
    client = login(member(muni_a))
    with django_assert_num_queries(7):
        get(client, reverse("network:space"))


@pytest.mark.parametrize("size", [1, 25])
def test_office_counts_queries(office_client, django_assert_num_queries, size):
    municipalities = factories.MunicipalityFactory.create_batch(size)
    call = model_cohort(municipalities)
    for municipality in municipalities:
        members(municipality, 6 if size > 1 else 1)
    counts_publish(call=call)
    with django_assert_num_queries(6):
        get(office_client, reverse("network_office:counts", args=[call.pk]))
    with django_assert_num_queries(6):
        get(office_client, reverse("network_office:counts_export", args=[call.pk]))


@pytest.mark.parametrize("extra", [0, 10])
def test_office_index_queries(office_client, django_assert_num_queries, call, extra):
    for _ in range(extra + 1):
        NetworkCoordinator.objects.create(user=factories.UserFactory())
    with django_assert_num_queries(5):
        get(office_client, reverse("network_office:index"))


@pytest.mark.parametrize("extra", [0, 10])
def test_start_page_queries_for_the_coordination(
    login, django_assert_num_queries, call, muni_a, extra
):
    members(muni_a, extra)
    client = login(staff(muni_a, role="coordinator"))
    with django_assert_num_queries(7):
        get(client, reverse("network:index"))
