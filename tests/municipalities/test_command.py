from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from municipalities.models import Municipality, RegisterImport
from tests.municipalities.conftest import GV100AD_SAMPLE, SMALL_CSV


def run_import(*args) -> str:
    out = StringIO()
    call_command("import_register", *args, stdout=out)
    return out.getvalue()


def test_import_register_command_reports_progress_and_counts(db):
    output = run_import(str(SMALL_CSV))

    lines = output.splitlines()
    assert lines[:3] == [
        "2 von 15 Einträgen verarbeitet",
        "8 von 15 Einträgen verarbeitet",
        "15 von 15 Einträgen verarbeitet",
    ]
    assert lines[3].startswith("Format: csv, Dauer: ")
    assert lines[4:7] == [
        "Länder: 2 neu, 0 geändert, 0 unverändert",
        "Kreise: 6 neu, 0 geändert, 0 unverändert",
        "Gemeinden: 7 neu, 0 geändert, 0 unverändert",
    ]


def test_import_register_command_twice_creates_nothing_the_second_time(db):
    run_import(str(SMALL_CSV))

    output = run_import(str(SMALL_CSV))

    assert "Gemeinden: 0 neu, 0 geändert, 7 unverändert" in output.splitlines()
    assert Municipality.objects.count() == 13


def test_import_register_command_reads_gv100ad_when_told(db):
    output = run_import(str(GV100AD_SAMPLE), "--format", "gv100ad")

    assert "Format: gv100ad" in output
    assert Municipality.objects.get(key="09162000").population == 1_484_226


def test_import_register_command_fails_with_the_line_message(db, tmp_path, small_csv_text):
    broken = tmp_path / "kaputt.csv"
    broken.write_text(small_csv_text.replace("60,61,01,0,04", "70,61,01,0,04"), encoding="utf-8")

    with pytest.raises(CommandError) as excinfo:
        run_import(str(broken))

    assert str(excinfo.value) == "Zeile 14: Unbekannte Satzart „70“."
    assert Municipality.objects.count() == 0


def test_import_register_command_fails_for_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError) as excinfo:
        run_import(str(tmp_path / "fehlt.csv"))

    assert str(excinfo.value) == f"Die Datei {tmp_path / 'fehlt.csv'} gibt es nicht."


def test_import_register_command_records_a_finished_import(db):
    run_import(str(SMALL_CSV))

    job = RegisterImport.objects.get()
    assert (job.status, job.created_by, job.source_name) == ("done", None, SMALL_CSV.name)
    assert (job.progress_done, job.progress_total) == (15, 15)
