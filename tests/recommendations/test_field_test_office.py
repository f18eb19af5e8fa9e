"""The office's view of the field tests: the matrix of recommendations and model
municipalities (following a recommendation by its key into later versions), the results
side by side, the spreadsheet, and constant query counts."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from recommendations import field_tests, services
from tests import factories
from tests.helpers import finish, minimal_pdf
from tests.programme_helpers import model_cohort, office_log_in
from tests.recommendations.field_test_helpers import frozen_version, pdf_upload, plan, record
from tests.recommendations.helpers import office_user

pytestmark = pytest.mark.django_db


def coordinators(count: int, **municipality):
    people = [
        factories.CoordinatorFactory(
            municipality=factories.MunicipalityFactory(name=f"Kommune {n:03d}", **municipality)
        )
        for n in range(count)
    ]
    return model_cohort([p.municipality for p in people]), people


def matrix_html(client, version, query="") -> str:
    url = reverse("field_tests_office:matrix", args=[version.document_id])
    response = client.get(url + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_matrix_shows_each_state_as_a_letter_with_its_meaning(client):
    version = frozen_version()
    call, (a, b) = coordinators(2)
    first, second = version.recommendations.order_by("position")
    plan(call=call, coordinator=a, recommendation=first)
    record(
        field_test=plan(call=call, coordinator=b, recommendation=first),
        actor=b,
        result="not_feasible",
    )
    field_tests.field_test_start(
        field_test=plan(call=call, coordinator=a, recommendation=second, department="jobcenter"),
        actor=a,
    )
    office_log_in(client)

    html = matrix_html(client, version)

    cells = [
        f'<span aria-hidden="true">{letter}</span><span class="kern-sr-only">{meaning}</span>'
        for letter, meaning in (
            ("G", "geplant"),
            ("N", "abgeschlossen: nicht umsetzbar"),
            ("L", "läuft"),
        )
    ]
    assert all(cell in html for cell in cells)
    assert html.count('<span class="kern-sr-only">kein Praxistest</span>') == 1
    assert "<caption" in html and 'scope="row"' in html


def test_a_test_planned_on_an_earlier_version_appears_under_its_recommendation_now(client):
    version = frozen_version()
    call, (a,) = coordinators(1)
    old = version.recommendations.get(position=2)
    record(field_test=plan(call=call, coordinator=a, recommendation=old), actor=a)
    office = office_user()
    draft = services.version_draft_create(document=version.document, actor=office)
    # The recommendation moves up to 1.1 in version 2.0.
    moved = draft.recommendations.get(key=old.key)
    services.recommendation_move(position=2, recommendation=moved, direction="up", actor=office)
    services.version_freeze(version=draft, label="2.0", actor=office)
    office_log_in(client)

    html = matrix_html(client, version)

    assert "Fassung 2.0" in html
    now = draft.recommendations.get(key=old.key)
    assert now.position == 1
    row = html[html.index(f'id="zeile-{now.pk}"') :]
    assert row.index("abgeschlossen: umgesetzt") < row.index("</tr>")


def test_the_columns_come_in_pages_of_ten_and_filter_by_land(client):
    version = frozen_version()
    coordinators(12)
    berlin_land = factories.LandFactory(name="Berlin", code="11")
    call_b, (in_berlin,) = coordinators(1, land=berlin_land)
    office_log_in(client)

    first = matrix_html(client, version)
    second = matrix_html(client, version, "?spalten=2")
    only_berlin = matrix_html(client, version, f"?land={berlin_land.pk}")

    assert "Modellkommunen 1 bis 10 von 13." in first
    assert "Modellkommunen 11 bis 13 von 13." in second
    assert "Kommune 000" in first and "Kommune 000" not in second
    assert "Modellkommunen 1 bis 1 von 1." in only_berlin


def test_the_rows_come_in_pages_of_fifty(client):
    version = frozen_version(recommendations=51, paragraphs=1)
    coordinators(1)
    office_log_in(client)

    first = matrix_html(client, version)
    second = matrix_html(client, version, "?seite=2")

    assert "1.50 Empfehlung 50" in first and "1.51 Empfehlung 51" not in first
    assert "1.51 Empfehlung 51" in second


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["matrix", "results"])
def test_query_count_does_not_grow_with_municipalities_and_tests(client, page):
    version = frozen_version(recommendations=3, paragraphs=1)
    recommendation = version.recommendations.order_by("position").first()
    office_log_in(client)
    counts = []
    for size in (1, 3):
        call, people = coordinators(size)
        for person in people:
            test = plan(call=call, coordinator=person, recommendation=recommendation)
            record(field_test=test, actor=person)
            field_tests.field_test_evidence_add(
                field_test=test, title="Nachweis", upload=pdf_upload(), actor=person
            )
        url = (
            reverse("field_tests_office:matrix", args=[version.document_id])
            if page == "matrix"
            else reverse("field_tests_office:results", args=[recommendation.pk])
        )
        counts.append(_queries(client, url))

    assert counts[0] == counts[1]


def test_the_results_page_shows_every_result_side_by_side_with_evidence(client):
    version = frozen_version()
    call, (a, b) = coordinators(2)
    recommendation = version.recommendations.first()
    done = plan(call=call, coordinator=a, recommendation=recommendation)
    record(
        field_test=done,
        actor=a,
        result="partly",
        observations="Weniger Rückfragen",
        obstacles="Software",
        helped="Schulung",
        proposal="Bitte kürzer",
    )
    evidence = field_tests.field_test_evidence_add(
        field_test=done, title="Vordruck neu", upload=pdf_upload(), actor=a
    )
    plan(call=call, coordinator=b, recommendation=recommendation, ends_on=dt.date(2027, 9, 1))
    office_log_in(client)

    html = client.get(
        reverse("field_tests_office:results", args=[recommendation.pk])
    ).content.decode()

    for text in (
        "Weniger Rückfragen",
        "Software",
        "Schulung",
        "Bitte kürzer",
        "abgeschlossen: teilweise umgesetzt",
        "geplant",
    ):
        assert text in html
    assert html.index(a.municipality.name) < html.index(b.municipality.name)
    link = reverse("field_tests_office:evidence_file", args=[evidence.pk])
    assert link in html
    assert finish(client.get(link)) == minimal_pdf()


def test_the_spreadsheet_holds_the_whole_matrix_in_words(client):
    version = frozen_version()
    call, (a, b) = coordinators(2)
    first = version.recommendations.get(position=1)
    record(field_test=plan(call=call, coordinator=a, recommendation=first), actor=a)
    plan(call=call, coordinator=b, recommendation=first)
    office_log_in(client)

    response = client.get(reverse("field_tests_office:matrix_xlsx", args=[version.document_id]))

    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == ["Nummer", "Handlungsempfehlung"]
    assert rows[1] == [
        "1.1",
        "Empfehlung 1",
        "abgeschlossen: umgesetzt (Bürgeramt)",
        "geplant (Bürgeramt)",
    ]
    assert rows[2][2:] == [None, None]  # empty cells


def test_a_document_without_a_frozen_version_has_no_matrix(client):
    from tests.recommendations.helpers import document_with_draft

    draft = document_with_draft(actor=office_user())
    office_log_in(client)

    response = client.get(reverse("field_tests_office:matrix", args=[draft.document_id]))

    assert response.status_code == 404
