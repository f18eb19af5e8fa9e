"""Choosing what a survey is about: the municipality first (the model municipalities
offered, any other found by search), then its sessions, workshops and events by date and
place; the page stays small and its queries constant with the whole register loaded."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluation.models import Survey, TargetKind
from municipalities.models import Municipality
from municipalities.search import search_fold
from tests import factories
from tests.events.helpers import make_event
from tests.network.helpers import workshop
from tests.programme_helpers import berlin, session

BASE = "/evaluation/geschaeftsstelle"
MORE = "Weitere Treffer – bitte genauer suchen."
INVALID = (
    "Diese Auswahl gibt es nicht oder sie ist hier nicht möglich. Bitte suchen Sie erneut "
    "und wählen Sie einen der Treffer."
)


def form_url(version) -> str:
    return f"{BASE}/versionen/{version.pk}/befragung/"


def subject(**fields) -> dict:
    data = {
        "title": "Rückmeldung",
        "phase": "single",
        "target_kind": "municipality",
        "opens_at": "2026-03-01T09:00",
        "closes_at": "2026-03-15T18:00",
    }
    data.update(fields)
    return data


def register(count: int, *, name: str = "Registerort", start: int = 0) -> None:
    """``count`` further Gemeinden of the register, written at once."""
    land = factories.LandFactory()
    Municipality.objects.bulk_create(
        Municipality(
            level=Municipality.Level.GEMEINDE,
            key=f"09{n:06d}",
            name=f"{name} {n}",
            kind=Municipality.Kind.GEMEINDE,
            land=land,
            search_name=search_fold(f"{name} {n}"),
        )
        for n in range(start, start + count)
    )


def options_of(body: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', body, re.S).group(0)
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def radio_labels(body: str, name: str) -> list[str]:
    ids = re.findall(rf'type="radio" name="{name}" value="\d+" id="([^"]+)"', body)
    return [re.search(rf'for="{i}">([^<]*)</label>', body).group(1) for i in ids]


def error_at(body: str, field: str) -> str:
    match = re.search(
        rf'id="id_{field}_error"[^>]*>.*?<span class="kern-body">([^<]*)</span>', body
    )
    return match.group(1) if match else ""


def page_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_survey_form_stays_small_and_constant_with_the_whole_register(
    login, office, version, call, muni_a
):
    client = login(office)
    register(3)
    few_queries, few_body = page_queries(client, form_url(version))
    register(2_000, start=3)
    many_queries, many_body = page_queries(client, form_url(version))
    assert many_queries == few_queries
    assert "Registerort" not in many_body
    assert len(many_body) - len(few_body) == 0
    assert len(many_body.encode()) < 40_000
    assert radio_labels(many_body, "municipality") == [
        "Andersdorf (Stadt, Nordrhein-Westfalen)",
        "Musterstadt (Stadt, Nordrhein-Westfalen)",
    ]


def test_survey_form_with_a_chosen_municipality_keeps_its_query_count(
    login, office, version, call, muni_a
):
    client = login(office)
    session(call, muni_a, berlin(2026, 3, 27, 10))
    workshop(call, muni_a)
    make_event()
    url = form_url(version)
    with CaptureQueriesContext(connection) as one:
        client.post(url, subject(municipality=muni_a.pk, picker_suche="municipality"))
    for day in (3, 4):
        session(call, muni_a, berlin(2026, 4, day, 10))
        workshop(call, muni_a, days=day)
        make_event(title=f"Treffen {day}")
    with CaptureQueriesContext(connection) as three:
        response = client.post(url, subject(municipality=muni_a.pk, picker_suche="municipality"))
    assert len(three) == len(one)
    assert len(options_of(response.content.decode(), "session")) == 4


def test_sessions_are_named_by_module_german_date_and_place(login, office, version, call, muni_a):
    session(call, muni_a, berlin(2026, 3, 27, 10))
    online = session(call, muni_a, berlin(2026, 5, 4, 10))
    online.online, online.location = True, ""
    online.save()
    response = login(office).post(
        form_url(version), subject(municipality=muni_a.pk, picker_suche="municipality")
    )
    body = response.content.decode()
    assert options_of(body, "session") == [
        "---------",
        "Grundlagen Rassismuskritik – 4. Mai 2026, Musterstadt (online)",
        "Grundlagen Rassismuskritik – 27. März 2026, Musterstadt (Rathaus)",
    ]
    assert "2026-03-27" not in body
    # A search round shows no error, though the form is not complete.
    assert 'class="kern-error"' not in body
    assert Survey.objects.count() == 0


def test_only_the_chosen_municipalitys_sessions_are_offered(
    login, office, version, call, muni_a, muni_b
):
    session(call, muni_b, berlin(2026, 3, 27, 10))
    body = (
        login(office)
        .post(form_url(version), subject(municipality=muni_a.pk, picker_suche="municipality"))
        .content.decode()
    )
    assert options_of(body, "session") == ["---------"]


def test_workshops_are_the_municipalitys_and_the_national_ones_with_date_and_place(
    login, office, version, call, muni_a, muni_b
):
    starts = berlin(2026, 6, 12, 14)
    workshop(call, muni_a, title="Stimmen stärken", starts_at=starts)
    workshop(call, None, title="Stimmen stärken", starts_at=starts, online=True, location="")
    workshop(call, muni_b, title="Stimmen stärken", starts_at=starts)
    body = (
        login(office)
        .post(form_url(version), subject(municipality=muni_a.pk, picker_suche="municipality"))
        .content.decode()
    )
    assert options_of(body, "workshop") == [
        "---------",
        "Stimmen stärken – 12. Juni 2026, Musterstadt (Rathaus, Raum 1)",
        "Stimmen stärken – 12. Juni 2026, bundesweit, online",
    ]


def test_events_are_offered_by_title_date_and_place_not_by_number(login, office, version):
    soon = timezone.localdate() + dt.timedelta(days=20)
    make_event(title="Netzwerktreffen", days=[soon])
    make_event(title="Altes Treffen", days=[timezone.localdate() - dt.timedelta(days=400)])
    body = login(office).get(form_url(version)).content.decode()
    assert options_of(body, "event_id") == [
        "---------",
        f"Netzwerktreffen – {soon.day}. {MONTHS[soon.month - 1]} {soon.year}, Jena",
    ]
    assert 'name="event_id" type="number"' not in body


MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


def test_office_opens_a_survey_about_a_session_chosen_through_its_municipality(
    login, office, version, call, muni_a
):
    training = session(call, muni_a, berlin(2026, 3, 27, 10))
    response = login(office).post(
        form_url(version),
        subject(target_kind="session", municipality=muni_a.pk, session=training.pk),
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert (survey.target_kind, survey.target_id, survey.municipality, survey.module) == (
        TargetKind.SESSION,
        training.pk,
        muni_a,
        training.module_version.module,
    )


def test_office_opens_a_survey_about_an_event(login, office, version):
    event = make_event()
    response = login(office).post(
        form_url(version), subject(target_kind="event", event_id=event.pk)
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert (survey.target_kind, survey.target_id, survey.municipality) == ("event", event.pk, None)


def test_session_of_another_municipality_is_refused_at_the_field(
    login, office, version, call, muni_a, muni_b
):
    other = session(call, muni_b, berlin(2026, 3, 27, 10))
    body = (
        login(office)
        .post(
            form_url(version),
            subject(target_kind="session", municipality=muni_a.pk, session=other.pk),
        )
        .content.decode()
    )
    assert error_at(body, "session") == (
        "Diesen Schulungstermin gibt es in der gewählten Kommune nicht. Bitte wählen Sie "
        "einen aus der Liste."
    )
    assert Survey.objects.count() == 0


def test_session_survey_without_municipality_asks_for_it_first(login, office, version):
    body = login(office).post(form_url(version), subject(target_kind="session")).content.decode()
    assert error_at(body, "municipality") == (
        "Wählen Sie zuerst die Kommune, in der der Schulungstermin stattfand."
    )


def test_unknown_municipality_id_is_refused_at_the_field(login, office, version):
    body = login(office).post(form_url(version), subject(municipality="999999")).content.decode()
    assert error_at(body, "municipality") == INVALID
    assert Survey.objects.count() == 0


def test_municipality_that_may_not_be_chosen_is_refused_at_the_field(login, office, version):
    uninhabited = factories.MunicipalityFactory(
        name="Forst", kind=Municipality.Kind.GEMEINDEFREI_UNBEWOHNT
    )
    body = (
        login(office).post(form_url(version), subject(municipality=uninhabited.pk)).content.decode()
    )
    assert error_at(body, "municipality") == INVALID
    assert Survey.objects.count() == 0


def test_municipality_search_without_javascript_lists_matches_as_choices(
    login, office, version, call
):
    factories.MunicipalityFactory(name="Jena", kind=Municipality.Kind.KREISFREIE_STADT)
    response = login(office).post(
        form_url(version),
        subject(municipality_suche="jena", picker_suche="municipality"),
    )
    body = response.content.decode()
    assert "1 Treffer zu „jena“" in body
    assert 'id="id_municipality_treffer_' in body
    assert "Jena (Kreisfreie Stadt, Nordrhein-Westfalen)" in radio_labels(body, "municipality")
    assert Survey.objects.count() == 0


def test_municipality_search_shows_twenty_and_asks_for_a_closer_search(login, office, version):
    register(25, name="Neustadt")
    body = (
        login(office)
        .post(
            form_url(version), subject(municipality_suche="neustadt", picker_suche="municipality")
        )
        .content.decode()
    )
    assert len(re.findall(r'id="id_municipality_treffer_\d+"', body)) == 20
    assert MORE in body


def test_chosen_municipality_found_by_search_stays_chosen(login, office, version, call):
    jena = factories.MunicipalityFactory(name="Jena")
    body = (
        login(office)
        .post(form_url(version), subject(municipality=jena.pk, picker_suche="municipality"))
        .content.decode()
    )
    assert re.search(rf'value="{jena.pk}" id="id_municipality_gewaehlt" checked', body)


@pytest.mark.parametrize("htmx", [True, False])
def test_picker_endpoint_answers_with_the_matches(login, office, htmx):
    factories.MunicipalityFactory(name="Jena")
    headers = {"HX-Request": "true"} if htmx else {}
    response = login(office).get(
        "/kommunen/auswahl/", {"feld": "municipality", "municipality_suche": "jen"}, headers=headers
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert ("<html" in body) is not htmx
    assert "Jena (Stadt, Nordrhein-Westfalen)" in body
    assert ('type="radio" name="municipality"' in body) is htmx


def test_survey_page_names_its_session_by_date_and_place(login, office, version, call, muni_a):
    training = session(call, muni_a, berlin(2026, 3, 27, 10))
    client = login(office)
    response = client.post(
        form_url(version),
        subject(target_kind="session", municipality=muni_a.pk, session=training.pk),
    )
    body = client.get(response["Location"]).content.decode()
    assert (
        'Schulungstermin: <span lang="de">'
        "Grundlagen Rassismuskritik – 27. März 2026, Musterstadt (Rathaus)</span>"
    ) in body


def test_pre_surveys_to_pair_with_are_named_by_title_date_and_municipality(
    login, office, version, muni_a, muni_b
):
    from tests.evaluation import helpers

    for municipality in (muni_a, muni_b):
        helpers.survey(
            version,
            municipality=municipality,
            phase="pre",
            title="Vorher",
            opens_at=berlin(2026, 3, 1, 9),
        )
    body = login(office).get(form_url(version)).content.decode()
    assert options_of(body, "pair_with") == [
        "---------",
        "Vorher – 1. März 2026, Musterstadt",
        "Vorher – 1. März 2026, Andersdorf",
    ]
