from decimal import Decimal

import pytest
from django.urls import reverse

from core.attribution import REGISTER_ATTRIBUTION
from selection import services
from selection.germany_map import germany_map, municipality_places, outline_cache_clear
from tests import factories


@pytest.fixture(autouse=True)
def fresh_outline():
    outline_cache_clear()
    yield
    outline_cache_clear()


def release(world, django_capture_on_commit_callbacks, *, places=3):
    services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=places,
        max_per_land=2,
        cover_needs=False,
        diversity_weight=Decimal("0"),
        limits={},
    )
    run = services.selection_run_create(call=world.call, actor=world.office)
    services.decision_adopt(run=run, actor=world.office)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_release(call=world.call, actor=world.office)


def test_public_page_is_404_before_publication(client, world, django_capture_on_commit_callbacks):
    url = reverse("cohort:detail", args=[world.call.slug])
    assert client.get(url).status_code == 404
    release(world, django_capture_on_commit_callbacks)
    assert client.get(url).status_code == 404


def test_publication_before_release_is_refused(world):
    with pytest.raises(services.SelectionError):
        services.cohort_publish(call=world.call, actor=world.office)


def test_public_page_lists_the_cohort_with_map(
    client, office_client, world, django_capture_on_commit_callbacks
):
    release(world, django_capture_on_commit_callbacks)
    response = office_client.post(reverse("selection:cohort_publish", args=[world.call.pk]))
    assert response.status_code == 302
    client.logout()
    html = client.get(reverse("cohort:detail", args=[world.call.slug])).content.decode()
    for name, land in [
        ("Altstadt", "Nordrhein-Westfalen"),
        ("Bergdorf", "Nordrhein-Westfalen"),
        ("Dornburg", "Thüringen"),
    ]:
        assert f'<th scope="row" class="kern-table__header">{name}</th>' in html
        assert f'<td class="kern-table__cell">{land}</td>' in html
    assert "Carlshafen" not in html
    assert (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="map-caption"' in html
    )
    assert 'id="map-caption"' in html
    assert html.count("<circle ") == 3
    assert "<title>Dornburg</title>" in html
    assert "<polygon " in html
    assert "style=" not in html.split("<main", 1)[1]
    assert REGISTER_ATTRIBUTION in html


def test_map_places_dots_by_coordinates(db):
    land = factories.LandFactory()
    for lat, lon in [("47.5", "7.5"), ("47.55", "9.0"), ("55.0", "8.4"), ("54.0", "14.0")]:
        factories.MunicipalityFactory(land=land, latitude=Decimal(lat), longitude=Decimal(lon))
    factories.MunicipalityFactory(land=land, latitude=Decimal(0), longitude=Decimal(0))
    result = germany_map(
        places=[("Süd", 47.5, 7.5), ("Nord", 55.0, 8.4), ("Ohne", None, None), ("Null", 0, 0)]
    )
    south, north = result.dots
    assert [d.title for d in result.dots] == ["Süd", "Nord"]
    assert south.y > north.y
    assert south.x < north.x
    assert result.outline.count(",") == 2 * 3  # three bands, west and east edge each
    assert result.height < 1000  # the register's 0/0 placeholder stays out


@pytest.mark.parametrize("places", [1, 3])
def test_public_page_query_count_is_constant(
    client, world, django_capture_on_commit_callbacks, django_assert_num_queries, places
):
    release(world, django_capture_on_commit_callbacks, places=places)
    services.cohort_publish(call=world.call, actor=world.office)
    url = reverse("cohort:detail", args=[world.call.slug])
    client.get(url)
    with django_assert_num_queries(3):
        response = client.get(url)
    assert response.content.decode().count("<circle ") == places


def test_public_map_places_a_kreis_without_coordinates_amid_its_gemeinden(
    client, world, django_capture_on_commit_callbacks
):
    kreis = world.apps["Eichenkreis"].municipality
    kreis.latitude = kreis.longitude = None
    kreis.save()
    for lat, lon in [("50.6", "10.8"), ("50.8", "11.2")]:
        factories.MunicipalityFactory(
            land=kreis.land, kreis=kreis, latitude=Decimal(lat), longitude=Decimal(lon)
        )
    release(world, django_capture_on_commit_callbacks, places=4)
    services.cohort_publish(call=world.call, actor=world.office)
    response = client.get(reverse("cohort:detail", args=[world.call.slug]))
    html = response.content.decode()
    assert '<th scope="row" class="kern-table__header">Eichenkreis</th>' in html
    assert "<title>Eichenkreis</title>" in html
    assert html.count("<circle ") == 4
    assert "Karte Deutschlands mit 4 eingezeichneten Orten der Modellkommunen" in html


def test_municipality_places_uses_the_mean_of_the_gemeinden(db):
    land = factories.LandFactory()
    kreis = factories.MunicipalityFactory(
        land=land, key="05999", level="kreis", kind="44", population=None, size_class="kreis"
    )
    for lat, lon in [("50.0", "8.0"), ("51.0", "9.0"), ("0", "0")]:
        factories.MunicipalityFactory(
            land=land, kreis=kreis, latitude=Decimal(lat), longitude=Decimal(lon)
        )
    [(name, lat, lon)] = municipality_places(municipalities=[kreis])
    assert (name, lat, lon) == (kreis.name, Decimal("50.5"), Decimal("8.5"))


def test_call_page_links_to_the_cohort_only_once_published(
    client, world, django_capture_on_commit_callbacks
):
    url = reverse("calls:detail", args=[world.call.slug])
    cohort_url = reverse("cohort:detail", args=[world.call.slug])
    link = f'<a class="kern-link" href="{cohort_url}">Die ausgewählten Modellkommunen</a>'
    release(world, django_capture_on_commit_callbacks)
    assert link not in client.get(url).content.decode()
    services.cohort_publish(call=world.call, actor=world.office)
    response = client.get(url)
    assert response.status_code == 200
    assert link in response.content.decode()
