"""The PDF check every upload goes through."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation
from pypdf.errors import LimitReachedError, PdfReadError

from core import uploads
from network.models import SharedDocument
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


def test_file_digest_is_the_sha256_and_leaves_the_file_at_its_start():
    uploaded = upload(b"%PDF-1.4 Inhalt")
    digest = uploads.file_digest(uploaded)
    assert (digest, uploaded.read(5)) == (hashlib.sha256(b"%PDF-1.4 Inhalt").hexdigest(), b"%PDF-")


def _document(content: bytes) -> SharedDocument:
    document = SharedDocument(title="Handreichung", file_name="a.pdf")
    document.file.save("a.pdf", ContentFile(content), save=False)
    document.save()
    return document


def _content(document: SharedDocument) -> bytes:
    with document.file.open("rb") as stored:
        return stored.read()


@pytest.mark.django_db
def test_stored_digest_matches_the_upload_it_was_stored_from():
    document = _document(b"Inhalt")
    assert uploads.stored_digest(document.file) == uploads.file_digest(upload(b"Inhalt"))


@pytest.mark.django_db
def test_stored_digest_of_a_missing_file_is_none():
    document = _document(b"Inhalt")
    document.file.storage.delete(document.file.name)
    assert uploads.stored_digest(document.file) is None


@pytest.mark.django_db
def test_replace_file_deletes_the_old_file_only_after_the_commit(
    django_capture_on_commit_callbacks,
):
    document = _document(b"alt")
    old_name, storage = document.file.name, document.file.storage
    with django_capture_on_commit_callbacks() as callbacks:
        uploads.replace_file(document, "file", upload(b"neu"))
        document.save()
        assert storage.exists(old_name)
    for callback in callbacks:
        callback()
    assert (storage.exists(old_name), _content(document)) == (False, b"neu")


@pytest.mark.django_db
def test_replace_file_after_a_rollback_keeps_the_old_file():
    document = _document(b"alt")
    old_name, storage = document.file.name, document.file.storage
    with pytest.raises(RuntimeError), transaction.atomic():
        uploads.replace_file(document, "file", upload(b"neu"))
        document.save()
        raise RuntimeError
    assert storage.exists(old_name)


@pytest.mark.django_db
def test_replace_file_with_nothing_removes_the_file_after_the_commit(
    django_capture_on_commit_callbacks,
):
    document = _document(b"alt")
    old_name, storage = document.file.name, document.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        uploads.replace_file(document, "file", None)
        document.save()
    assert (document.file.name, storage.exists(old_name)) == ("", False)


@pytest.mark.django_db
def test_replace_file_under_a_name_stores_it_at_once(django_capture_on_commit_callbacks):
    document = _document(b"alt")
    with django_capture_on_commit_callbacks(execute=True):
        uploads.replace_file(document, "file", upload(b"neu"), name="b.pdf")
        assert document.file.storage.exists(document.file.name)
        document.save()
    assert (document.file.name.startswith("network/"), _content(document)) == (True, b"neu")


@pytest.mark.django_db
def test_delete_after_commit_waits_for_the_commit(django_capture_on_commit_callbacks):
    document = _document(b"alt")
    name, storage = document.file.name, document.file.storage
    with django_capture_on_commit_callbacks() as callbacks:
        uploads.delete_after_commit(document.file)
        document.delete()
    assert (storage.exists(name), len(callbacks)) == (True, 1)
    callbacks[0]()
    assert storage.exists(name) is False


class Sized:
    def __init__(self, size: int):
        self.size = size


def test_size_message_writes_the_size_in_the_language_of_the_page():
    too_large = Sized(int(10.5 * 1024 * 1024))
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        uploads.size_check(too_large)
    assert exc.value.messages == ["The file is 10.5 MB; the maximum allowed is 10 MB."]
    with translation.override("de"), pytest.raises(ValidationError) as exc:
        uploads.size_check(too_large)
    assert exc.value.messages == ["Die Datei ist 10,5 MB groß; erlaubt sind höchstens 10 MB."]
