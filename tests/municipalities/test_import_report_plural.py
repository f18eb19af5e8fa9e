"""The import report counts Kommunen missing from the file in the right number."""

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation


def report(absent: int) -> str:
    job = SimpleNamespace(absent=absent)
    return render_to_string(
        "municipalities/office/_import_report.html", {"job": job, "levels": [], "changes": []}
    )


def test_one_missing_municipality_is_named_in_the_singular():
    with translation.override("de"):
        html = report(1)
    assert "1 Kommune im Register fehlt in der Datei; sie bleibt erhalten." in html


def test_many_missing_municipalities_are_named_in_the_plural():
    with translation.override("de"):
        html = report(1204)
    assert "1.204 Kommunen im Register fehlen in der Datei; sie bleiben erhalten." in html


def test_one_missing_municipality_in_english():
    with translation.override("en"):
        html = report(1)
    assert "1 municipality in the register is missing from the file; it is kept." in html
