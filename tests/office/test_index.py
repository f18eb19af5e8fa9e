import datetime as dt

import pytest
from django.urls import reverse

from applications.models import Application
from tests import factories

URL = reverse("office:index")


def test_office_index_counts_applications_per_call_and_status(office_client, db):
    call = factories.CallFactory(title_de="Modellkommunen 2025")
    empty = factories.CallFactory(title_de="Leer")
    factories.ApplicationFactory(call=call)
    factories.ApplicationFactory(call=call)
    factories.ApplicationFactory(
        call=call,
        status=Application.Status.SUBMITTED,
        submitted_at=dt.datetime(2025, 10, 1, tzinfo=dt.UTC),
    )

    calls = office_client.get(URL).context["calls"]

    rows = {c.title_de: (c.draft, c.submitted, c.withdrawn, c.total) for c in calls}
    assert rows == {"Modellkommunen 2025": (2, 1, 0, 3), empty.title_de: (0, 0, 0, 0)}


def test_office_index_links_to_every_office_area(office_client, db):
    html = office_client.get(URL).content.decode()

    for href in [
        reverse("office:applications"),
        reverse("office:statistics"),
        reverse("office:audit"),
        reverse("office:pages"),
        reverse("municipalities_office:import"),
        reverse("calls_office:list"),
        reverse("accounts:invitation_list"),
    ]:
        assert f'href="{href}"' in html, href


@pytest.mark.parametrize("count", [1, 3])
def test_office_index_query_count_does_not_grow(office_client, count, django_assert_num_queries):
    for _ in range(count):
        factories.ApplicationFactory(call=factories.CallFactory())

    # Session, user, OTP device, one aggregate; the to-do counters with nothing open
    # (tests/office/test_desk.py counts them with open items).
    with django_assert_num_queries(13):
        response = office_client.get(URL)

    assert len(response.context["calls"]) == count
