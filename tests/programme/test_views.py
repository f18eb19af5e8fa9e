"""The programme area of a model municipality and the office's matrix."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Role
from programme.models import ProgrammeDocument
from programme.services import document_record
from tests import factories
from tests.helpers import finish, login_verified, minimal_pdf
from tests.programme_helpers import berlin, model_cohort, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(db):
    a, b = factories.MunicipalityFactory(name="Aachen"), factories.MunicipalityFactory(name="Bonn")
    call = model_cohort([a, b])
    coordinator = factories.CoordinatorFactory(municipality=a)
    return {"call": call, "a": a, "b": b, "coordinator": coordinator}


def test_dashboard_shows_each_commitment_with_status_and_rule(client, cohort):
    session(cohort["call"], cohort["a"], timezone.now() - dt.timedelta(days=1))
    login_verified(client, cohort["coordinator"])
    page = client.get(reverse("programme_area")).content.decode()
    assert page.count("data-commitment=") == 8
    assert "Mindestens zwei Schulungsmodule je Jahr" in page
    assert "So wird der Stand bestimmt" in page


def test_dashboard_for_a_municipality_outside_the_cohort_says_so(client, db):
    login_verified(client, factories.CoordinatorFactory())
    response = client.get(reverse("programme_area"))
    assert response.status_code == 200
    assert "noch zu keiner Kohorte" in response.content.decode()


def test_document_with_a_file_is_recorded_and_downloadable(client, cohort, tmp_path):
    login_verified(client, cohort["coordinator"])
    upload = tmp_path / "ratsbeschluss.pdf"
    upload.write_bytes(minimal_pdf())
    with upload.open("rb") as handle:
        response = client.post(
            reverse("programme:document_create"),
            {
                "kind": "political_backing",
                "title": "Ratsbeschluss vom 12. Februar",
                "occurred_on": "2026-02-12",
                "description": "",
                "file": handle,
            },
        )
    assert response.status_code == 302
    document = ProgrammeDocument.objects.get()
    assert (document.municipality, document.file_name) == (cohort["a"], "ratsbeschluss.pdf")
    download = client.get(reverse("programme:document_file", args=[document.pk]))
    assert finish(download).startswith(b"%PDF-")


def test_document_outside_the_programme_gets_a_german_field_error(client, cohort):
    login_verified(client, cohort["coordinator"])
    response = client.post(
        reverse("programme:document_create"),
        {"kind": "internal_visibility", "title": "Alt", "occurred_on": "2020-01-01"},
    )
    assert response.status_code == 200
    assert "Das Datum muss in der Programmlaufzeit liegen" in response.content.decode()
    assert ProgrammeDocument.objects.count() == 0


def test_a_council_decision_may_predate_the_programme(client, cohort):
    login_verified(client, cohort["coordinator"])
    response = client.post(
        reverse("programme:document_create"),
        {"kind": "political_backing", "title": "Ratsbeschluss", "occurred_on": "2025-06-12"},
    )
    assert response.status_code == 302
    assert ProgrammeDocument.objects.get().occurred_on == dt.date(2025, 6, 12)


def test_saving_a_document_twice_records_it_once(client, cohort):
    login_verified(client, cohort["coordinator"])
    data = {"kind": "internal_visibility", "title": "Intranet", "occurred_on": "2026-03-01"}
    client.post(reverse("programme:document_create"), data)
    client.post(reverse("programme:document_create"), data)
    assert ProgrammeDocument.objects.count() == 1


def test_an_empty_document_form_shows_errors_at_the_fields(client, cohort):
    login_verified(client, cohort["coordinator"])
    page = client.post(reverse("programme:document_create"), {}).content.decode()
    assert '<p class="kern-error" id="id_title_error" role="alert">' in page
    assert 'aria-invalid="true" aria-describedby="id_title_error"' in page


def test_an_evaluation_date_far_in_the_past_gets_a_field_error_not_a_crash(client, cohort):
    login_verified(client, cohort["coordinator"])
    response = client.post(
        reverse("programme:evaluation_date_create"), {"starts_at": "0001-01-01T00:30"}
    )
    assert response.status_code == 200
    assert "Bitte geben Sie ein Datum zwischen 2000 und 2100 an." in response.content.decode()


def test_programme_years_beyond_2100_are_refused(client, cohort):
    _office(client)
    response = client.post(
        reverse("programme_office:settings", args=[cohort["call"].pk]),
        {
            "form": "years",
            "start_1": "2025-11-01",
            "end_1": "2026-12-31",
            "start_2": "2027-01-01",
            "end_2": "2027-12-31",
            "start_3": "2028-01-01",
            "end_3": "9999-12-31",
        },
    )
    assert response.status_code == 200
    assert "Programmjahre müssen zwischen 2000 und 2100 liegen." in response.content.decode()


def test_document_that_is_not_a_pdf_is_refused_at_the_field(client, cohort, tmp_path):
    login_verified(client, cohort["coordinator"])
    fake = tmp_path / "beschluss.pdf"
    fake.write_bytes(b"MZ not a pdf")
    with fake.open("rb") as handle:
        response = client.post(
            reverse("programme:document_create"),
            {
                "kind": "political_backing",
                "title": "X",
                "occurred_on": "2026-02-12",
                "file": handle,
            },
        )
    assert response.status_code == 200
    assert "Diese Datei ist kein PDF" in response.content.decode()


def test_another_municipalitys_document_is_not_found(client, cohort):
    other = document_record(
        call=cohort["call"],
        municipality=cohort["b"],
        kind="internal_visibility",
        title="Intranet",
        occurred_on=dt.date(2026, 3, 1),
    )
    login_verified(client, cohort["coordinator"])
    assert client.get(reverse("programme:document_delete", args=[other.pk])).status_code == 404
    assert client.post(reverse("programme:document_delete", args=[other.pk])).status_code == 404
    assert ProgrammeDocument.objects.filter(pk=other.pk).exists()


def test_team_member_reads_but_cannot_record(client, cohort):
    member = factories.UserFactory(
        role=Role.TEAM_MEMBER, municipality=cohort["a"], municipality_approved_at=timezone.now()
    )
    login_verified(client, member)
    assert client.get(reverse("programme:documents")).status_code == 200
    assert client.get(reverse("programme:document_create")).status_code == 403


def test_evaluation_date_cannot_be_held_in_the_future(client, cohort):
    login_verified(client, cohort["coordinator"])
    client.post(
        reverse("programme:evaluation_date_create"),
        {"starts_at": (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")},
    )
    from programme.models import EvaluationDate

    evaluation = EvaluationDate.objects.get()
    response = client.post(
        reverse("programme:evaluation_date_status", args=[evaluation.pk]), {"status": "held"}
    )
    assert response.status_code == 200
    assert "kann noch nicht stattgefunden haben" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == "planned"


def test_evaluation_date_with_bad_time_gets_a_field_error(client, cohort):
    login_verified(client, cohort["coordinator"])
    response = client.post(reverse("programme:evaluation_date_create"), {"starts_at": "morgen"})
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in response.content.decode()


# --- the office ------------------------------------------------------------------------


def _office(client):
    office = factories.UserFactory(role=Role.OFFICE)
    login_verified(client, office)
    return office


def test_matrix_shows_status_by_symbol_and_word(client, cohort):
    _office(client)
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
    _office(client)
    call = model_cohort([factories.MunicipalityFactory()], released=False)
    assert client.get(reverse("programme_office:matrix", args=[call.pk])).status_code == 404


def test_office_opens_a_cell_and_sees_its_evidence(client, cohort):
    session(cohort["call"], cohort["a"], berlin(2026, 2, 3, 10, 0))
    _office(client)
    url = reverse("programme_office:municipality", args=[cohort["call"].pk, cohort["a"].pk])
    page = client.get(url + "?jahr=1").content.decode()
    assert "Grundlagen Rassismuskritik" in page
    outsider = factories.MunicipalityFactory()
    other = reverse("programme_office:municipality", args=[cohort["call"].pk, outsider.pk])
    assert client.get(other).status_code == 404


def test_xlsx_export_has_a_sheet_per_year_and_the_statuses(client, cohort):
    for day in (3, 4):
        session(cohort["call"], cohort["a"], berlin(2026, 2, day, 10, 0))
    _office(client)
    response = client.get(reverse("programme_office:export_xlsx", args=[cohort["call"].pk]))
    workbook = load_workbook(BytesIO(finish(response)))
    assert workbook.sheetnames == ["Jahr 1", "Jahr 2", "Jahr 3", "Alle Jahre", "Regeln"]
    rows = list(workbook["Jahr 1"].iter_rows(values_only=True))
    aachen = next(r for r in rows if r[0] == "Aachen")
    assert aachen[2] == "✓ erfüllt (2/2)"


def test_pdf_export_is_a_readable_pdf_with_every_municipality(client, cohort):
    _office(client)
    response = client.get(reverse("programme_office:export_pdf", args=[cohort["call"].pk]))
    reader = PdfReader(BytesIO(finish(response)))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Aachen" in text and "Bonn" in text


def test_office_sets_the_programme_years_and_a_gap_is_refused(client, cohort):
    _office(client)
    url = reverse("programme_office:settings", args=[cohort["call"].pk])
    response = client.post(
        url,
        {
            "form": "years",
            "start_1": "2025-11-01",
            "end_1": "2026-12-31",
            "start_2": "2027-01-05",
            "end_2": "2027-12-31",
            "start_3": "2028-01-01",
            "end_3": "2028-12-31",
        },
    )
    assert response.status_code == 200
    assert "am Tag nach dem Ende des vorigen beginnen" in response.content.decode()


@pytest.mark.parametrize("size", [10, 1000])
def test_matrix_query_count_does_not_grow_with_the_cohort(client, django_assert_num_queries, size):
    municipalities = factories.MunicipalityFactory.create_batch(size)
    call = model_cohort(municipalities)
    for municipality in municipalities[:5]:
        session(call, municipality, berlin(2026, 2, 3, 10, 0))
    _office(client)
    url = reverse("programme_office:matrix", args=[call.pk])
    client.get(url)  # session and caches warmed
    with django_assert_num_queries(MATRIX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


MATRIX_QUERIES = 13


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


DASHBOARD_QUERIES = 22


def test_setting_the_years_of_a_new_cohort_starts_its_commitments(client, db):
    from programme.models import Commitment, ProgrammeYear

    call = model_cohort([factories.MunicipalityFactory()])
    Commitment.objects.filter(call=call).delete()
    ProgrammeYear.objects.filter(call=call).delete()
    _office(client)
    url = reverse("programme_office:settings", args=[call.pk])
    page = client.get(url).content.decode()
    assert 'value="2025-11-01"' in page and 'value="2026-12-31"' in page  # suggested
    response = client.post(
        url,
        {
            "form": "years",
            "start_1": "2025-11-01",
            "end_1": "2026-12-31",
            "start_2": "2027-01-01",
            "end_2": "2027-12-31",
            "start_3": "2028-01-01",
            "end_3": "2028-12-31",
        },
    )
    assert response.status_code == 302
    assert list(ProgrammeYear.objects.filter(call=call).values_list("number", flat=True)) == [
        1,
        2,
        3,
    ]
    assert Commitment.objects.filter(call=call).count() == 8


def test_office_downloads_a_documents_file_from_the_cell(client, cohort):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = document_record(
        call=cohort["call"],
        municipality=cohort["a"],
        kind="political_backing",
        title="Ratsbeschluss",
        occurred_on=dt.date(2026, 2, 12),
        upload=SimpleUploadedFile("beschluss.pdf", minimal_pdf()),
    )
    _office(client)
    cell = reverse("programme_office:municipality", args=[cohort["call"].pk, cohort["a"].pk])
    url = reverse("programme_office:document_file", args=[cohort["call"].pk, document.pk])
    assert url in client.get(cell + "?jahr=1").content.decode()
    assert finish(client.get(url)).startswith(b"%PDF-")
