"""The fields every titled upload shares (``core.models.UploadedDocument``)."""

import pytest

from network.models import SharedDocument
from tests import factories
from tests.programme_helpers import module_version
from trainings.models import ModuleMaterial


def shared_document(uploader):
    return SharedDocument.objects.create(
        title="Leitfaden", file="network/a.pdf", file_name="scan 0042.pdf", uploaded_by=uploader
    )


def module_material(uploader):
    return ModuleMaterial.objects.create(
        version=module_version(),
        title="Leitfaden",
        file="trainings/materials/a.pdf",
        file_name="scan 0042.pdf",
        uploaded_by=uploader,
    )


UPLOADS = [shared_document, module_material]


@pytest.mark.parametrize("upload", UPLOADS, ids=lambda upload: upload.__name__)
def test_an_upload_is_shown_by_its_title_not_its_file_name(db, upload):
    document = upload(factories.UserFactory())

    assert str(document) == "Leitfaden"
    assert document.file_name == "scan 0042.pdf"


@pytest.mark.parametrize("upload", UPLOADS, ids=lambda upload: upload.__name__)
def test_an_upload_stays_when_its_uploader_is_deleted(db, upload):
    uploader = factories.UserFactory()
    document = upload(uploader)

    uploader.delete()

    document.refresh_from_db()
    assert document.uploaded_by is None
    assert document.uploaded_at is not None
