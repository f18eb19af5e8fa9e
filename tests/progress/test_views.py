"""The dashboard of a model municipality and the office's matrix, one municipality in
detail and the exports."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from tests import factories
from tests.helpers import finish, login_verified
from tests.programme_helpers import berlin, cohort_of_two, model_cohort, office_log_in, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(db):
    return cohort_of_two()


def test_dashboard_shows_each_commitment_with_status_and_rule(client, cohort):
    session(cohort["call"], cohort["a"], timezone.now() - dt.timedelta(days=1))
    login_verified(client, cohort["coordinator"])
    page = client.get(reverse("programme_area")).content.decode()
    assert page.count("data-commitment=") == 9
    assert "Mindestens zwei Schulungsmodule je Jahr" in page
    assert "So wird der Stand bestimmt" in page


def test_dashboard_for_a_municipality_outside_the_cohort_says_so(client, db):
    login_verified(client, factories.CoordinatorFactory())
    response = client.get(reverse("programme_area"))
    assert response.status_code == 200
    assert "noch zu keiner Kohorte" in response.content.decode()


def test_matrix_shows_status_by_symbol_and_word(client, cohort):
    office_log_in(client)
    response = client.get(reverse("programme_office:matrix", args=[cohort["call"].pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Aachen" in page and "Bonn" in page
    badge = (
        r'<span class="status-badge status-badge--(\w+)">'
        r'<span aria-hidden="true">(.)</span> ([^<]+)</span>'
    )
    found = re.findall(badge, page)
    words = {
        "met": ("✓", "erfüllt"),
        "on_track": ("→", "auf Kurs"),
        "at_risk": ("!", "gefährdet"),
        "missed": ("✗", "verfehlt"),
        "not_started": ("–", "noch nicht begonnen"),
    }
    cells = found[: 2 * 8]  # two municipalities × eight commitments, then the legend
    assert len(cells) == 16
    assert all((symbol, word) == words[status] for status, symbol, word in cells)


def test_matrix_for_an_unreleased_call_is_not_found(client, db):
    office_log_in(client)
    call = model_cohort([factories.MunicipalityFactory()], released=False)
    assert client.get(reverse("programme_office:matrix", args=[call.pk])).status_code == 404


def test_office_opens_a_cell_and_sees_its_evidence(client, cohort):
    session(cohort["call"], cohort["a"], berlin(2026, 2, 3, 10, 0))
    office_log_in(client)
    url = reverse("programme_office:municipality", args=[cohort["call"].pk, cohort["a"].pk])
    page = client.get(url + "?jahr=1").content.decode()
    assert "Grundlagen Rassismuskritik" in page
    outsider = factories.MunicipalityFactory()
    other = reverse("programme_office:municipality", args=[cohort["call"].pk, outsider.pk])
    assert client.get(other).status_code == 404


def test_xlsx_export_has_a_sheet_per_year_and_the_statuses(client, cohort):
    for day in (3, 4):
        session(cohort["call"], cohort["a"], berlin(2026, 2, day, 10, 0))
    office_log_in(client)
    response = client.get(reverse("programme_office:export_xlsx", args=[cohort["call"].pk]))
    workbook = load_workbook(BytesIO(finish(response)))
    assert workbook.sheetnames == ["Jahr 1", "Jahr 2", "Jahr 3", "Alle Jahre", "Regeln"]
    rows = list(workbook["Jahr 1"].iter_rows(values_only=True))
    aachen = next(r for r in rows if r[0] == "Aachen")
    assert aachen[2] == "✓ erfüllt (2/2)"


def test_pdf_export_is_a_readable_pdf_with_every_municipality(client, cohort):
    office_log_in(client)
    response = client.get(reverse("programme_office:export_pdf", args=[cohort["call"].pk]))
    reader = PdfReader(BytesIO(finish(response)))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Aachen" in text and "Bonn" in text


@pytest.mark.parametrize("size", [10, 1000])
def test_matrix_query_count_does_not_grow_with_the_cohort(client, django_assert_num_queries, size):
    municipalities = factories.MunicipalityFactory.create_batch(size)
    call = model_cohort(municipalities)
    for municipality in municipalities[:5]:
        session(call, municipality, berlin(2026, 2, 3, 10, 0))
    office_log_in(client)
    url = reverse("programme_office:matrix", args=[call.pk])
    client.get(url)  # session and caches warmed
    with django_assert_num_queries(MATRIX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


MATRIX_QUERIES = 14


@pytest.mark.parametrize("sessions", [1, 20])
def test_dashboard_query_count_does_not_grow_with_records(
    client, cohort, django_assert_num_queries, sessions
):
    for n in range(sessions):
        session(cohort["call"], cohort["a"], berlin(2026, 1, 5, 8, 0) + dt.timedelta(days=n))
    login_verified(client, cohort["coordinator"])
    client.get(reverse("programme_area"))
    with django_assert_num_queries(DASHBOARD_QUERIES):
        assert client.get(reverse("programme_area")).status_code == 200


DASHBOARD_QUERIES = 25  # with the main menu
