import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from applications.models import Application
from municipalities.models import Municipality
from tests import factories

URL = reverse("office:applications")


def submitted(day: int) -> dict:
    return {
        "status": Application.Status.SUBMITTED,
        "submitted_at": dt.datetime(2025, 10, day, 10, 0, tzinfo=dt.UTC),
    }


def references(response) -> list[str]:
    return [a.reference for a in response.context["page_obj"].object_list]


@pytest.fixture
def call(db):
    return factories.CallFactory()


@pytest.fixture
def bayern(db):
    return factories.LandFactory(code="09", name="Bayern")


def test_application_list_shows_all_newest_submission_first_and_drafts_last(office_client, call):
    factories.ApplicationFactory(call=call, reference="A-DRAFT")
    factories.ApplicationFactory(call=call, reference="A-OLD", **submitted(1))
    factories.ApplicationFactory(call=call, reference="A-NEW", **submitted(2))

    response = office_client.get(URL)

    assert response.status_code == 200
    assert references(response) == ["A-NEW", "A-OLD", "A-DRAFT"]


def test_application_list_filters_by_call(office_client, call):
    other = factories.CallFactory()
    factories.ApplicationFactory(call=call, reference="A-1")
    factories.ApplicationFactory(call=other, reference="B-1")

    response = office_client.get(URL, {"call": other.pk})

    assert references(response) == ["B-1"]


def test_application_list_filters_by_land(office_client, call, bayern):
    factories.ApplicationFactory(call=call, reference="NRW-1")
    factories.ApplicationFactory(
        call=call, reference="BY-1", municipality=factories.MunicipalityFactory(land=bayern)
    )

    response = office_client.get(URL, {"land": bayern.pk})

    assert references(response) == ["BY-1"]


def test_application_list_filters_by_kind(office_client, call):
    gemeinde = factories.MunicipalityFactory(kind=Municipality.Kind.GEMEINDE)
    factories.ApplicationFactory(call=call, reference="STADT-1")
    factories.ApplicationFactory(call=call, reference="GEMEINDE-1", municipality=gemeinde)

    response = office_client.get(URL, {"kind": Municipality.Kind.GEMEINDE})

    assert references(response) == ["GEMEINDE-1"]


def test_application_list_filters_by_size_class(office_client, call):
    small = factories.MunicipalityFactory(population=8_000, size_class="small")
    factories.ApplicationFactory(call=call, reference="MEDIUM-1")
    factories.ApplicationFactory(call=call, reference="SMALL-1", municipality=small)

    response = office_client.get(URL, {"size_class": "small"})

    assert references(response) == ["SMALL-1"]


def test_application_list_filters_by_status(office_client, call):
    factories.ApplicationFactory(call=call, reference="DRAFT-1")
    factories.ApplicationFactory(call=call, reference="SUB-1", **submitted(3))

    response = office_client.get(URL, {"status": "submitted"})

    assert references(response) == ["SUB-1"]


def test_application_list_search_folds_case_and_umlauts(office_client, call):
    muellheim = factories.MunicipalityFactory(name="Müllheim", search_name="muellheim")
    factories.ApplicationFactory(call=call, reference="MUE-1", municipality=muellheim)
    factories.ApplicationFactory(call=call, reference="OTHER-1")

    found = [references(office_client.get(URL, {"q": q})) for q in ["MÜLL", "muell", "heim"]]

    assert found == [["MUE-1"], ["MUE-1"], ["MUE-1"]]


def test_application_list_search_by_ags_prefix(office_client, call, bayern):
    munich = factories.MunicipalityFactory(key="09162000", name="München", land=bayern)
    factories.ApplicationFactory(call=call, reference="BY-1", municipality=munich)
    factories.ApplicationFactory(call=call, reference="NRW-1")

    response = office_client.get(URL, {"q": "0916"})

    assert references(response) == ["BY-1"]


def test_application_list_search_by_reference(office_client, call):
    factories.ApplicationFactory(call=call, reference="KFA-2025-00042")
    factories.ApplicationFactory(call=call, reference="KFA-2025-00043")

    response = office_client.get(URL, {"q": "kfa-2025-00042"})

    assert references(response) == ["KFA-2025-00042"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["AACHEN", "BONN", "KOELN"]),
        ("-name", ["KOELN", "BONN", "AACHEN"]),
        ("population", ["BONN", "AACHEN", "KOELN"]),
        ("-population", ["KOELN", "AACHEN", "BONN"]),
        ("land", ["KOELN", "AACHEN", "BONN"]),
        ("status", ["AACHEN", "BONN", "KOELN"]),
        ("submitted_at", ["KOELN", "BONN", "AACHEN"]),
        ("-submitted_at", ["BONN", "KOELN", "AACHEN"]),
        ("nonsense", ["BONN", "KOELN", "AACHEN"]),
    ],
)
def test_application_list_sorts_by_whitelisted_keys(office_client, call, bayern, sort, expected):
    for name, population, land, status in [
        ("Aachen", 250_000, None, {}),
        ("Bonn", 100_000, None, submitted(2)),
        ("Köln", 1_000_000, bayern, submitted(1)),
    ]:
        extra = {"land": land} if land else {}
        municipality = factories.MunicipalityFactory(name=name, population=population, **extra)
        reference = name.upper().replace("Ö", "OE")
        factories.ApplicationFactory(
            call=call, municipality=municipality, reference=reference, **status
        )

    response = office_client.get(URL, {"sort": sort})

    assert references(response) == expected


def test_application_list_marks_the_sorted_column_for_screen_readers(office_client, call):
    factories.ApplicationFactory(call=call)

    response = office_client.get(URL, {"sort": "-population"})

    html = response.content.decode()
    assert html.count("aria-sort=") == 1
    assert 'aria-sort="descending"' in html
    assert [h["next"] for h in response.context["headers"] if h["key"] == "population"] == [
        "population"
    ]


def test_application_list_paginates_by_fifty(office_client, call):
    for n in range(51):
        factories.ApplicationFactory(call=call, reference=f"R-{n:03d}", **submitted(1))

    first = office_client.get(URL, {"sort": "name"})
    second = office_client.get(URL, {"sort": "name", "page": 2})

    assert len(references(first)) == 50
    assert len(references(second)) == 1
    assert set(references(first)).isdisjoint(references(second))
    assert second.context["page_obj"].paginator.count == 51


def test_application_list_reports_invalid_filter_at_the_field(office_client, call):
    factories.ApplicationFactory(call=call, reference="A-1")

    response = office_client.get(URL, {"call": "999999", "status": "submitted"})

    assert response.status_code == 200
    assert response.context["form"].errors["call"] == [
        "Bitte eine gültige Auswahl treffen. Dies ist keine gültige Auswahl."
    ]
    assert references(response) == []
    assert 'aria-invalid="true"' in response.content.decode()


def test_application_list_answers_htmx_with_the_results_region_only(office_client, call):
    factories.ApplicationFactory(call=call, reference="A-1")

    response = office_client.get(URL, {"status": "draft"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="bewerbungen"')
    assert "<html" not in html
    assert 'id="bewerbungen-anzahl" hx-swap-oob="innerHTML"' in html
    assert response["Vary"] == "HX-Request, Cookie"


def test_application_list_keeps_the_filter_in_the_export_links(office_client, call):
    factories.ApplicationFactory(call=call)

    response = office_client.get(URL, {"status": "draft", "page": "1", "sort": "name"})

    html = response.content.decode()
    csv_url = reverse("office:applications_export_csv")
    assert f'href="{csv_url}?status=draft&amp;sort=name"' in html


@pytest.mark.parametrize("count", [1, 5])
def test_application_list_query_count_does_not_grow(
    office_client, call, count, django_assert_num_queries
):
    kreis = factories.MunicipalityFactory(level="kreis", kind="44", key="05999", name="Kreis")
    for _ in range(count):
        municipality = factories.MunicipalityFactory(kreis=kreis)
        factories.ApplicationFactory(call=call, municipality=municipality, **submitted(1))

    # Session, user, OTP device, filter choices (calls, Länder), count, page.
    with django_assert_num_queries(7):
        response = office_client.get(URL, {"status": "submitted", "q": "muster"})

    assert response.status_code == 200
    assert len(references(response)) == count


def test_application_list_call_filter_offers_english_titles_in_english(office_client, call):
    office_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = office_client.get(URL)

    html = response.content.decode()
    assert response["Content-Language"] == "en"
    assert f'<option value="{call.pk}">{call.title_en}</option>' in html
    assert call.title_de not in html


def test_application_list_call_filter_offers_german_titles_in_german(office_client, call):
    html = office_client.get(URL).content.decode()

    assert f'<option value="{call.pk}">{call.title_de}</option>' in html


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["BOEBLINGEN", "BOCHUM", "BREMERHAVEN"]),
        ("-name", ["BREMERHAVEN", "BOCHUM", "BOEBLINGEN"]),
    ],
)
def test_application_list_sorts_names_in_german_order(office_client, call, sort, expected):
    for name, reference in [
        ("Bremerhaven", "BREMERHAVEN"),
        ("Böblingen", "BOEBLINGEN"),
        ("Bochum", "BOCHUM"),
    ]:
        municipality = factories.MunicipalityFactory(name=name)
        factories.ApplicationFactory(call=call, municipality=municipality, reference=reference)

    assert references(office_client.get(URL, {"sort": sort})) == expected
