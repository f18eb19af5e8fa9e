"""Application documents built to break the PDF reader or to run code are a field
error, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Answer
from tests.core.hostile_pdfs import ACTIVE_PDFS, deep_page_tree_pdf, mutated_pdfs
from tests.core.test_uploads import ACTIVE, NOT_PDF, TOO_COMPLEX

pytestmark = pytest.mark.django_db


def section_post(coordinator_client, application, data: bytes):
    url = reverse("applications:section", args=[application.pk, 2])
    document = SimpleUploadedFile("erklaerung.pdf", data, content_type="application/pdf")
    return coordinator_client.post(
        url, {"motivation": "Wir wollen.", "absichtserklaerung": document}
    )


def stored_documents(application) -> int:
    return (
        Answer.objects.filter(application=application, question__key="absichtserklaerung")
        .exclude(file="")
        .count()
    )


def test_document_with_a_3000_level_page_tree_is_a_field_error(coordinator_client, application):
    response = section_post(coordinator_client, application, deep_page_tree_pdf(3000))

    assert response.status_code == 422
    assert response.context["form"].errors == {"absichtserklaerung": [TOO_COMPLEX]}
    assert stored_documents(application) == 0


def test_document_with_javascript_is_refused(coordinator_client, application):
    data = ACTIVE_PDFS["names_javascript"]()

    response = section_post(coordinator_client, application, data)

    assert response.status_code == 422
    assert response.context["form"].errors == {"absichtserklaerung": [ACTIVE]}
    assert stored_documents(application) == 0


def test_document_autosave_with_a_3000_level_page_tree_names_the_problem(
    coordinator_client, application
):
    url = reverse("applications:save_answer", args=[application.pk, "absichtserklaerung"])
    document = SimpleUploadedFile("e.pdf", deep_page_tree_pdf(3000))

    response = coordinator_client.post(url, {"absichtserklaerung": document})

    assert response.status_code == 200
    assert response.context["errors"] == [TOO_COMPLEX]


def test_document_mutated_pdfs_are_stored_or_a_field_error(coordinator_client, application):
    outcomes = []
    for data in mutated_pdfs(seed=1207, count=250):
        response = section_post(coordinator_client, application, data)
        if response.status_code == 302:
            outcomes.append("stored")
        else:
            errors = response.context["form"].errors
            assert (response.status_code, list(errors)) == (422, ["absichtserklaerung"])
            assert errors["absichtserklaerung"][0] in {NOT_PDF, TOO_COMPLEX, ACTIVE}
            outcomes.append("refused")

    assert set(outcomes) == {"stored", "refused"}
