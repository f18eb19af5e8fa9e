import datetime as dt

import pytest
from django.urls import reverse

from applications.models import Application
from municipalities.models import Municipality
from tests import factories

URL = reverse("office:statistics")


def counts(distribution) -> dict[str, int]:
    return {row.label: row.count for row in distribution.rows if row.count}


@pytest.fixture
def applications(db):
    """Two applications from NRW (a Stadt and a Gemeinde), one from Bayern (a
    Landkreis); one of them in another call."""
    call, other_call = factories.CallFactory(), factories.CallFactory()
    bayern = factories.LandFactory(code="09", name="Bayern")
    factories.LandFactory(code="03", name="Niedersachsen")
    submitted = {
        "status": Application.Status.SUBMITTED,
        "submitted_at": dt.datetime(2025, 10, 1, tzinfo=dt.UTC),
    }
    factories.ApplicationFactory(call=call, **submitted)
    factories.ApplicationFactory(
        call=call,
        municipality=factories.MunicipalityFactory(
            kind=Municipality.Kind.GEMEINDE, population=5_000, size_class="small"
        ),
    )
    factories.ApplicationFactory(
        call=other_call,
        municipality=factories.MunicipalityFactory(
            level="kreis", kind="44", key="09188", land=bayern, size_class="kreis"
        ),
        **submitted,
    )
    return call


def test_statistics_counts_by_land_kind_size_class_and_status(office_client, applications):
    stats = office_client.get(URL).context["stats"]

    assert counts(stats["land"]) == {"Bayern": 1, "Nordrhein-Westfalen": 2}
    assert [row.label for row in stats["land"].rows] == [
        "Bayern",
        "Niedersachsen",
        "Nordrhein-Westfalen",
    ]
    assert counts(stats["kind"]) == {
        "Landkreis": 1,
        "Stadt": 1,
        "Kreisangehörige Gemeinde": 1,
    }
    assert counts(stats["size_class"]) == {
        "unter 20.000 Einwohner*innen": 1,
        "20.000 bis 100.000 Einwohner*innen": 1,
        "Landkreis": 1,
    }
    assert counts(stats["status"]) == {"Entwurf": 1, "Eingereicht": 2}
    assert stats["status"].total == 3


def test_statistics_filters_by_call_and_status(office_client, applications):
    stats = office_client.get(URL, {"call": applications.pk, "status": "submitted"}).context[
        "stats"
    ]

    assert counts(stats["land"]) == {"Nordrhein-Westfalen": 1}
    assert counts(stats["kind"]) == {"Stadt": 1}
    assert counts(stats["status"]) == {"Eingereicht": 1}


def test_statistics_draws_bars_with_numbers_as_text(office_client, applications):
    html = office_client.get(URL).content.decode()

    assert (
        '<span class="bar-chart__bar w-pct-50"></span>\n'
        '        <span class="bar-chart__value kern-body">1</span>'
    ) in html
    assert '<span class="bar-chart__bar w-pct-100"></span>' in html


@pytest.mark.parametrize("count", [1, 5])
def test_statistics_query_count_does_not_grow(office_client, count, django_assert_num_queries):
    call = factories.CallFactory()
    for _ in range(count):
        factories.ApplicationFactory(call=call)

    # Session, user, OTP device, call choice, call choices, four aggregates.
    with django_assert_num_queries(9):
        response = office_client.get(URL, {"call": call.pk})

    assert response.context["stats"]["status"].total == count
