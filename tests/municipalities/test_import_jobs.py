"""Uploads of the register: checked at once, stored, and written by the task."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from municipalities.importer import RegisterImportError
from municipalities.models import Municipality, RegisterImport
from municipalities.services import register_import, register_import_enqueue, register_import_run
from tests.factories import RegisterImportFactory, UserFactory


def stored_job(content: bytes, **fields) -> RegisterImport:
    """A queued upload whose file is already in the storage, as the form leaves it."""
    job = RegisterImportFactory.build(**fields)
    job.file.save("klein.csv", ContentFile(content), save=False)
    job.save()
    return job


def test_register_import_enqueue_stores_the_file_and_queues_the_task(
    db, small_csv, django_capture_on_commit_callbacks
):
    office = UserFactory(role="office")

    with django_capture_on_commit_callbacks() as callbacks:
        job = register_import_enqueue(
            upload=SimpleUploadedFile("Register 2025.CSV", small_csv), actor=office
        )

    assert (job.status, job.source_name, job.file_format, job.created_by) == (
        "queued",
        "Register 2025.CSV",
        "csv",
        office,
    )
    assert (job.progress_done, job.progress_total) == (0, 15)
    assert re.fullmatch(r"register-imports/[0-9a-f]{32}\.csv", job.file.name)
    with default_storage.open(job.file.name) as stored:
        assert stored.read() == small_csv
    assert len(callbacks) == 1
    assert Municipality.objects.count() == 0


def test_register_import_enqueue_refuses_a_bad_file_and_keeps_nothing(db, small_csv_text):
    broken = small_csv_text.replace(" 90 164,", " abc,").encode()

    with pytest.raises(RegisterImportError) as excinfo:
        register_import_enqueue(upload=SimpleUploadedFile("kaputt.csv", broken))

    assert excinfo.value.message == "Zeile 5: Einwohnerzahl „abc“ ist keine Zahl."
    assert RegisterImport.objects.count() == 0


def test_register_import_run_writes_the_register_and_removes_the_file(db, small_csv):
    job = stored_job(small_csv, progress_total=15)
    name = job.file.name

    register_import_run(register_import_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.error, job.file.name) == ("done", "", "")
    assert (job.progress_done, job.progress_total) == (15, 15)
    assert (job.created, job.updated, job.unchanged) == (15, 0, 0)
    assert job.started_at is not None
    assert job.finished_at is not None
    assert not default_storage.exists(name)
    assert Municipality.objects.count() == 13


def test_register_import_run_records_the_message_of_a_bad_file(db, small_csv_text):
    job = stored_job(small_csv_text.replace(" 90 164,", " abc,").encode())
    name = job.file.name

    register_import_run(register_import_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "Zeile 5: Einwohnerzahl „abc“ ist keine Zahl.")
    assert job.file.name == ""
    assert not default_storage.exists(name)
    assert Municipality.objects.count() == 0


def test_register_import_run_records_a_file_that_has_gone(db, small_csv):
    job = stored_job(small_csv)
    default_storage.delete(job.file.name)

    register_import_run(register_import_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.error) == (
        "failed",
        "Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.",
    )


def test_register_import_run_leaves_an_import_alone_that_is_no_longer_queued(db, small_csv):
    job = stored_job(small_csv, status=RegisterImport.Status.RUNNING)

    register_import_run(register_import_id=job.pk)

    job.refresh_from_db()
    assert job.status == "running"
    assert default_storage.exists(job.file.name)
    assert Municipality.objects.count() == 0


def test_register_import_reports_progress_once_each_chunk_is_written(db, small_csv):
    seen = []

    register_import(
        file=small_csv,
        source_name="klein.csv",
        progress=lambda done, total: seen.append((done, total, Municipality.objects.count())),
    )

    # Länder first (no Kommune yet), then the 6 Kreise, then the 7 Gemeinden.
    assert seen == [(2, 15, 0), (8, 15, 6), (15, 15, 13)]


@pytest.mark.django_db(transaction=True)
def test_register_import_upload_is_written_once_the_upload_is_committed(small_csv):
    job = register_import_enqueue(upload=SimpleUploadedFile("klein.csv", small_csv))

    job.refresh_from_db()
    assert (job.status, job.progress_done, job.progress_total) == ("done", 15, 15)
    assert Municipality.objects.count() == 13
