import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.choices import ActivityStatus
from tests.helpers import finish, login_verified, minimal_pdf
from tests.trainings.conftest import make_session, make_version
from trainings.models import (
    FeedbackSource,
    ModuleMaterial,
    ModuleVersion,
    SessionFeedback,
    Suitability,
    TrainingModule,
)

pytestmark = pytest.mark.django_db

VERSION_DATA = {
    "title": "Grundlagen Rassismuskritik in der Verwaltung",
    "aims": "Rassismus in Routinen erkennen.",
    "target_group": "Alle Beschäftigten",
    "duration_minutes": "360",
    "format": "in_person",
}


def pptx_bytes() -> bytes:
    buffer = io.BytesIO()
    # Fixed entry times: two calls must give the same bytes, whatever the clock says.
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in (("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p/>")):
            package.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def test_office_catalogue_refuses_a_coordinator(client, coordinator):
    login_verified(client, coordinator)
    assert client.get(reverse("trainings_office:catalogue")).status_code == 403


@pytest.mark.parametrize("modules", [1, 6])
def test_office_catalogue_query_count_is_constant(
    office_client, call, coordinator, django_assert_num_queries, modules
):
    for n in range(modules):
        version = make_version(code=f"modul-{n}", title=f"Modul {n}")
        session = make_session(
            call=call, municipality=coordinator.municipality, version=version, status="held"
        )
        SessionFeedback.objects.create(
            session=session,
            source=FeedbackSource.MUNICIPALITY,
            what_worked="a",
            what_to_change="b",
            suitability=Suitability.READY,
        )
    # session, user, OTP device, versions with counts
    with django_assert_num_queries(4):
        response = office_client.get(reverse("trainings_office:catalogue"))
    rows = response.context["rows"]
    assert [(r.held_count, r.feedback_count) for r in rows] == [(1, 1)] * modules


def test_office_catalogue_shows_the_latest_version_and_the_published_one(office_client):
    make_version(code="grundlagen", number=1)
    make_version(code="grundlagen", number=2, published=False)
    response = office_client.get(reverse("trainings_office:catalogue"))
    [row] = response.context["rows"]
    assert (row.number, row.published_number) == (2, 1)


def test_module_create_with_bad_input_shows_german_errors(office_client):
    response = office_client.post(
        reverse("trainings_office:module_create"),
        {**VERSION_DATA, "code": "Mit Leerzeichen", "duration_minutes": "0", "format": "x"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["code"] == [
        "Bitte nur Kleinbuchstaben, Ziffern, Binde- und Unterstriche verwenden."
    ]
    assert errors["duration_minutes"] == ["Dieser Wert muss größer oder gleich 1 sein."]
    assert list(errors) == ["code", "duration_minutes", "format"]


def test_module_create_with_a_code_in_use_shows_the_error_at_the_code(office_client, version):
    response = office_client.post(
        reverse("trainings_office:module_create"),
        {**VERSION_DATA, "code": version.module.code},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["Dieses Kurzzeichen ist schon vergeben."]}


def test_module_create_makes_version_one(office_client):
    response = office_client.post(
        reverse("trainings_office:module_create"), {**VERSION_DATA, "code": "grundlagen"}
    )
    version = ModuleVersion.objects.get()
    assert response["Location"] == reverse("trainings_office:version_detail", args=[version.pk])
    assert (version.module.code, version.number, version.status) == ("grundlagen", 1, "draft")


def test_version_edit_saves_a_draft(office_client):
    draft = make_version(published=False)
    response = office_client.post(
        reverse("trainings_office:version_edit", args=[draft.pk]),
        {**VERSION_DATA, "change_note": "Neue Übung"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.change_note) == (VERSION_DATA["title"], "Neue Übung")


def test_version_edit_of_a_published_version_sends_back(office_client, version):
    response = office_client.post(
        reverse("trainings_office:version_edit", args=[version.pk]), VERSION_DATA
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.title == "Grundlagen"


def test_version_publish_without_a_status_shows_the_error(office_client):
    draft = make_version(published=False)
    response = office_client.post(reverse("trainings_office:version_publish", args=[draft.pk]))
    assert response.status_code == 200
    assert response.context["form"].errors == {"status": ["Dieses Feld ist zwingend erforderlich."]}


def test_version_publish_publishes(office_client):
    draft = make_version(published=False)
    office_client.post(
        reverse("trainings_office:version_publish", args=[draft.pk]), {"status": "standardised"}
    )
    draft.refresh_from_db()
    assert draft.status == "standardised"
    assert draft.published_at is not None


def test_version_new_opens_the_copy_for_editing(office_client, version):
    response = office_client.post(reverse("trainings_office:version_new", args=[version.module_id]))
    draft = ModuleVersion.objects.get(number=2)
    assert response["Location"] == reverse("trainings_office:version_edit", args=[draft.pk])


def test_version_new_refuses_a_get(office_client, version):
    response = office_client.get(reverse("trainings_office:version_new", args=[version.module_id]))
    assert response.status_code == 405
    assert TrainingModule.objects.get().versions.count() == 1


def test_version_trainers_names_trainers(office_client, trainer):
    draft = make_version(published=False)
    office_client.post(
        reverse("trainings_office:version_trainers", args=[draft.pk]), {"trainers": [trainer.pk]}
    )
    assert list(draft.trainers.all()) == [trainer]


def test_version_trainers_refuses_someone_who_is_no_trainer(office_client, coordinator):
    draft = make_version(published=False)
    response = office_client.post(
        reverse("trainings_office:version_trainers", args=[draft.pk]),
        {"trainers": [coordinator.pk]},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["trainers"]


def test_material_add_refuses_a_file_that_is_neither_pdf_nor_office(office_client, draft):
    response = office_client.post(
        reverse("trainings_office:material_add", args=[draft.pk]),
        {"title": "Folien", "file": SimpleUploadedFile("folien.pdf", b"MZ\x90\x00 kein PDF")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": [
            "Bitte laden Sie eine PDF-Datei oder eine Word-, PowerPoint- oder Excel-Datei "
            "(DOCX, PPTX, XLSX) hoch. Diese Datei ist nichts davon."
        ]
    }
    assert 'id="id_file_error"' in response.text
    assert ModuleMaterial.objects.count() == 0


def test_material_add_without_a_file_shows_the_error(office_client, draft):
    response = office_client.post(
        reverse("trainings_office:material_add", args=[draft.pk]), {"title": "Folien"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["Bitte wählen Sie eine Datei aus."]}


def test_material_add_stores_slides_under_their_checked_kind(office_client, draft):
    response = office_client.post(
        reverse("trainings_office:material_add", args=[draft.pk]),
        {"title": "Folien", "file": SimpleUploadedFile("Folien.html", pptx_bytes())},
    )
    assert response.status_code == 302
    material = ModuleMaterial.objects.get()
    assert material.file_name == "Folien.html"
    assert material.file.name.endswith(".pptx")
    download = office_client.get(reverse("trainings:material_download", args=[material.pk]))
    assert finish(download) == pptx_bytes()
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    )
    assert 'filename="Folien.pptx"' in download["Content-Disposition"]


def test_material_add_accepts_a_pdf(office_client, draft):
    office_client.post(
        reverse("trainings_office:material_add", args=[draft.pk]),
        {"title": "Handout", "file": SimpleUploadedFile("Handout.pdf", minimal_pdf())},
    )
    assert ModuleMaterial.objects.get().title == "Handout"


def test_material_add_of_a_published_version_sends_back(office_client, version):
    response = office_client.post(
        reverse("trainings_office:material_add", args=[version.pk]),
        {"title": "Handout", "file": SimpleUploadedFile("Handout.pdf", minimal_pdf())},
        follow=True,
    )
    assert response.redirect_chain == [
        (reverse("trainings_office:version_detail", args=[version.pk]), 302)
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "Diese Version ist veröffentlicht. Materialien können Sie nur einer neuen Version "
        "hinzufügen."
    ]
    assert reverse("trainings_office:material_add", args=[version.pk]) not in response.text
    assert ModuleMaterial.objects.count() == 0


def test_material_add_twice_by_double_click_stores_one_material(office_client, draft):
    url = reverse("trainings_office:material_add", args=[draft.pk])
    for _ in range(2):
        response = office_client.post(
            url, {"title": "Handout", "file": SimpleUploadedFile("Handout.pdf", minimal_pdf())}
        )
        assert response.status_code == 302
    assert ModuleMaterial.objects.count() == 1


def feedback_rows(call, municipality, version, count):
    for n in range(count):
        session = make_session(
            call=call,
            municipality=municipality,
            version=version,
            days=-n - 1,
            status=ActivityStatus.HELD,
        )
        SessionFeedback.objects.create(
            session=session,
            source=FeedbackSource.MUNICIPALITY,
            what_worked=f"Gut {n}",
            what_to_change="Mehr Zeit",
            suitability=Suitability.READY if n % 2 == 0 else Suitability.NOT_YET,
        )


@pytest.mark.parametrize("count", [1, 6])
def test_version_feedback_query_count_is_constant(
    office_client, call, municipality, version, django_assert_num_queries, count
):
    feedback_rows(call, municipality, version, count)
    # session, user, OTP device, version, feedback with sessions, summary
    with django_assert_num_queries(6):
        response = office_client.get(
            reverse("trainings_office:version_feedback", args=[version.pk])
        )
    assert len(response.context["feedback"]) == count


def test_version_feedback_counts_each_suitability(office_client, call, municipality, version):
    feedback_rows(call, municipality, version, 3)
    response = office_client.get(reverse("trainings_office:version_feedback", args=[version.pk]))
    summary = {item.value: item.count for item in response.context["summary"]}
    assert summary == {"ready": 2, "after_changes": 0, "not_yet": 1}


def test_version_feedback_leaves_out_other_versions(office_client, call, municipality, version):
    other = make_version(code="anderes")
    feedback_rows(call, municipality, other, 2)
    response = office_client.get(reverse("trainings_office:version_feedback", args=[version.pk]))
    assert response.context["feedback"] == []


def test_version_feedback_refuses_a_trainer(client, trainer, version):
    login_verified(client, trainer)
    response = client.get(reverse("trainings_office:version_feedback", args=[version.pk]))
    assert response.status_code == 403
