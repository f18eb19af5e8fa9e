"""The PDF check every upload goes through."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf.errors import LimitReachedError, PdfReadError

from core import uploads
from tests.core.hostile_pdfs import (
    ACTIVE_PDFS,
    deep_page_tree_pdf,
    e_invoice_pdf,
    harmless_pdf,
    mutated_pdfs,
    one_page_with,
)

NOT_PDF = "Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist kein PDF."
ACTIVE = (
    "Diese PDF-Datei enthält aktive Inhalte (JavaScript, eingebettete Dateien, Multimedia "
    "oder Formularskripte) und wird deshalb nicht angenommen. Bitte speichern Sie sie ohne "
    "diese Inhalte neu, z. B. mit „Drucken“ und „Als PDF speichern“, und laden Sie sie noch "
    "einmal hoch."
)
TOO_COMPLEX = (
    "Diese PDF-Datei ist zu verschachtelt oder zu umfangreich, um sie sicher zu prüfen. "
    "Bitte speichern Sie sie neu, z. B. mit „Drucken“ und „Als PDF speichern“, und laden "
    "Sie sie noch einmal hoch."
)


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("datei.pdf", data, content_type="application/pdf")


def test_clean_upload_accepts_a_plain_pdf():
    uploads.clean_upload(upload(harmless_pdf()))


def test_clean_upload_accepts_a_pdf_with_a_web_link():
    data = one_page_with(
        page=b" /Annots [4 0 R]",
        extra=[
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] "
            b"/A << /S /URI /URI (https://eccar.info/) >> >>"
        ],
    )
    uploads.clean_upload(upload(data))


def test_clean_upload_accepts_an_e_invoice_with_its_xml():
    uploads.clean_upload(upload(e_invoice_pdf()))


def test_clean_upload_deep_page_tree_is_a_field_error():
    with pytest.raises(ValidationError) as exc:
        uploads.clean_upload(upload(deep_page_tree_pdf(3000)))

    assert (exc.value.code, exc.value.messages) == ("too_complex", [TOO_COMPLEX])


@pytest.mark.parametrize("kind", sorted(ACTIVE_PDFS))
def test_clean_upload_active_content_is_refused(kind):
    with pytest.raises(ValidationError) as exc:
        uploads.clean_upload(upload(ACTIVE_PDFS[kind]()))

    assert (exc.value.code, exc.value.messages) == ("active_content", [ACTIVE])


@pytest.mark.parametrize(
    "error",
    [
        PdfReadError("kaputt"),
        LimitReachedError("zu viel"),
        NotImplementedError("unbekannter Filter"),
        AssertionError(),
        RecursionError(),
        ValueError("x"),
        KeyError("/Root"),
        TypeError("x"),
        IndexError("x"),
        ZeroDivisionError(),
    ],
)
def test_clean_upload_any_parser_error_is_a_field_error(monkeypatch, error):
    def failing_reader(*args, **kwargs):
        raise error

    # The reader is the outside world here: it stands for pypdf failing on a hostile file.
    monkeypatch.setattr(uploads, "PdfReader", failing_reader)

    with pytest.raises(ValidationError) as exc:
        uploads.clean_upload(upload(harmless_pdf()))

    assert (exc.value.code, exc.value.messages) == ("not_pdf", [NOT_PDF])


def test_clean_upload_mutated_pdfs_are_accepted_or_a_field_error():
    outcomes = set()
    for data in mutated_pdfs(seed=20261207, count=300):
        try:
            uploads.clean_upload(upload(data))
            outcomes.add("accepted")
        except ValidationError as error:
            outcomes.add(error.code)

    assert outcomes <= {"accepted", "not_pdf", "too_complex", "active_content"}
    assert {"accepted", "not_pdf"} <= outcomes


def test_is_pdf_leaves_the_file_at_its_start():
    uploaded = upload(ACTIVE_PDFS["open_action_javascript"]())

    assert uploads.is_pdf(uploaded) is False
    assert uploaded.read(5) == b"%PDF-"
