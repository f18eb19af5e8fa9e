"""The programme area of a model municipality (documents, evaluation dates) and the
office's programme years, targets and documents."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from programme.models import ProgrammeDocument
from programme.services import document_record
from tests import factories
from tests.helpers import finish, login_verified, minimal_pdf
from tests.programme_helpers import cohort_of_two, model_cohort, office_log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(db):
    return cohort_of_two()


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
    office_log_in(client)
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


def test_office_sets_the_programme_years_and_a_gap_is_refused(client, cohort):
    office_log_in(client)
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


def test_setting_the_years_of_a_new_cohort_starts_its_commitments(client, db):
    from programme.models import Commitment, ProgrammeYear

    call = model_cohort([factories.MunicipalityFactory()])
    Commitment.objects.filter(call=call).delete()
    ProgrammeYear.objects.filter(call=call).delete()
    office_log_in(client)
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
    assert Commitment.objects.filter(call=call).count() == 9


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
    office_log_in(client)
    cell = reverse("programme_office:municipality", args=[cohort["call"].pk, cohort["a"].pk])
    url = reverse("programme_office:document_file", args=[cohort["call"].pk, document.pk])
    assert url in client.get(cell + "?jahr=1").content.decode()
    assert finish(client.get(url)).startswith(b"%PDF-")
