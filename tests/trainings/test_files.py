import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.core.hostile_pdfs import ACTIVE_PDFS, deep_page_tree_pdf
from tests.core.test_uploads import ACTIVE, TOO_COMPLEX
from tests.helpers import minimal_pdf
from trainings.files import material_kind


def office_file(name, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for member in members:
            package.writestr(member, "<xml/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def test_material_kind_accepts_a_pdf():
    assert material_kind(SimpleUploadedFile("a.pdf", minimal_pdf())) == "pdf"


@pytest.mark.parametrize(
    ("part", "kind"),
    [("word/document.xml", "docx"), ("ppt/presentation.xml", "pptx"), ("xl/workbook.xml", "xlsx")],
)
def test_material_kind_tells_office_files_by_their_parts(part, kind):
    upload = office_file("folien.bin", ["[Content_Types].xml", part])
    assert material_kind(upload) == kind


def test_material_kind_refuses_a_plain_zip():
    with pytest.raises(ValidationError) as exc:
        material_kind(office_file("folien.pptx", ["word/document.xml"]))
    assert exc.value.code == "not_allowed"


def test_material_kind_refuses_a_macro_enabled_document():
    upload = office_file(
        "makro.docx", ["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"]
    )
    with pytest.raises(ValidationError, match="Diese Datei ist nichts davon"):
        material_kind(upload)


def test_material_kind_refuses_text_named_pdf():
    with pytest.raises(ValidationError) as exc:
        material_kind(SimpleUploadedFile("a.pdf", b"%PDF- nur Text"))
    assert exc.value.messages == [
        "Bitte laden Sie eine PDF-Datei oder eine Word-, PowerPoint- oder Excel-Datei "
        "(DOCX, PPTX, XLSX) hoch. Diese Datei ist nichts davon."
    ]


def test_material_kind_refuses_more_than_ten_megabytes():
    upload = SimpleUploadedFile("gross.pdf", minimal_pdf() + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        material_kind(upload)
    assert exc.value.code == "too_large"


def test_material_kind_refuses_a_pdf_with_javascript_naming_the_reason():
    upload = SimpleUploadedFile("folien.pdf", ACTIVE_PDFS["open_action_javascript"]())
    with pytest.raises(ValidationError) as exc:
        material_kind(upload)
    assert (exc.value.code, exc.value.messages) == ("active_content", [ACTIVE])


def test_material_kind_deep_page_tree_is_a_field_error():
    upload = SimpleUploadedFile("folien.pdf", deep_page_tree_pdf(3000))
    with pytest.raises(ValidationError) as exc:
        material_kind(upload)
    assert (exc.value.code, exc.value.messages) == ("too_complex", [TOO_COMPLEX])
