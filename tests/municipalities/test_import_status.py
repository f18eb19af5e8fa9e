from django.urls import reverse

from municipalities.models import RegisterImport
from municipalities.services import register_import
from tests.factories import RegisterImportFactory

HTMX = {"HX-Request": "true"}


def status_url(job) -> str:
    return f"/geschaeftsstelle/register/importe/{job.pk}/"


def test_import_status_of_a_finished_upload_shows_the_report(office_client, small_csv, db):
    job = RegisterImportFactory(source_name="klein.csv", progress_total=15)
    register_import(file=small_csv, source_name="klein.csv", job=job)

    response = office_client.get(status_url(job))

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert "Status: abgeschlossen" in content
    assert (
        "Das Gemeindeverzeichnis wurde eingelesen: 15 neu, 0 geändert, 0 unverändert "
        "(Länder, Kreise und Gemeinden zusammen)"
    ) in content
    assert response.context["levels"] == [
        {"label": "Länder", "created": 2, "updated": 0, "unchanged": 0},
        {"label": "Kreise", "created": 6, "updated": 0, "unchanged": 0},
        {"label": "Gemeinden", "created": 7, "updated": 0, "unchanged": 0},
    ]
    assert "hx-trigger" not in content
    assert "Aktualisieren" not in content


def test_import_status_shows_a_sample_of_the_changed_fields(
    office_client, small_csv, small_csv_text
):
    register_import(file=small_csv, source_name="klein.csv")
    job = RegisterImportFactory(progress_total=15)
    changed = small_csv_text.replace(" 21 852,", " 22 000,").encode()
    register_import(file=changed, source_name="neu.csv", job=job)

    response = office_client.get(status_url(job))

    assert response.context["changes"] == [
        {
            "key": "01051",
            "name": "Dithmarschen",
            "fields": [{"label": "Einwohner*innen", "old": 34_232, "new": 34_380}],
        },
        {
            "key": "01051044",
            "name": "Heide, Stadt",
            "fields": [{"label": "Einwohner*innen", "old": 21_852, "new": 22_000}],
        },
    ]
    assert "Geänderte Einträge (Auswahl)" in response.content.decode()


def test_import_status_of_a_running_import_shows_progress_and_polls(office_client):
    job = RegisterImportFactory(
        status=RegisterImport.Status.RUNNING, progress_done=6000, progress_total=11421
    )

    response = office_client.get(status_url(job))

    content = response.content.decode()
    assert "Status: läuft" in content
    assert "6.000 von 11.421 Einträgen verarbeitet" in content
    assert '<progress id="import-fortschritt" max="11421" value="6000"' in content
    assert ">53 %</progress>" in content
    assert '<div aria-live="polite">' in content
    assert f'<a class="kern-link" href="{status_url(job)}">Aktualisieren</a>' in content


def test_import_status_part_of_a_running_import_asks_again_every_two_seconds(office_client):
    job = RegisterImportFactory(
        status=RegisterImport.Status.RUNNING, progress_done=2000, progress_total=11421
    )

    response = office_client.get(status_url(job), headers=HTMX)

    content = response.content.decode()
    assert "<html" not in content
    assert f'hx-get="{status_url(job)}"' in content
    assert 'hx-trigger="every 2s"' in content
    assert 'hx-swap="outerHTML"' in content
    assert "hx-swap-oob" not in content
    assert "2.000 von 11.421 Einträgen verarbeitet" in content
    assert response["Vary"] == "HX-Request, Cookie"


def test_import_status_part_of_a_queued_import_polls_and_says_it_waits(office_client):
    job = RegisterImportFactory(progress_total=11421)

    response = office_client.get(status_url(job), headers=HTMX)

    content = response.content.decode()
    assert 'hx-trigger="every 2s"' in content
    assert "Status: wartet auf die Verarbeitung" in content
    assert "0 von 11.421 Einträgen verarbeitet" in content


def test_import_status_part_of_a_finished_import_stops_polling_and_brings_the_report(
    office_client, small_csv
):
    job = RegisterImportFactory(progress_total=15)
    register_import(file=small_csv, source_name="klein.csv", job=job)

    response = office_client.get(status_url(job), headers=HTMX)

    content = response.content.decode()
    assert "hx-get" not in content
    assert "hx-trigger" not in content
    assert "Status: abgeschlossen" in content
    assert '<div id="import-report" hx-swap-oob="true">' in content
    assert '<h2 class="kern-heading-medium" id="ergebnis">Ergebnis</h2>' in content


def test_import_status_of_a_failed_import_shows_the_error(office_client):
    job = RegisterImportFactory(
        status=RegisterImport.Status.FAILED,
        error="Die hochgeladene Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.",
    )

    response = office_client.get(status_url(job), headers=HTMX)

    content = response.content.decode()
    assert "Status: fehlgeschlagen" in content
    assert "Die hochgeladene Datei ist nicht mehr vorhanden." in content
    assert "hx-trigger" not in content
    assert '<div id="import-report" hx-swap-oob="true"></div>' in content


def test_import_status_of_an_unknown_import_is_not_found(office_client):
    response = office_client.get("/geschaeftsstelle/register/importe/999999/")

    assert response.status_code == 404


def test_import_status_is_forbidden_for_a_coordinator(client, coordinator):
    job = RegisterImportFactory()
    client.force_login(coordinator)

    response = client.get(status_url(job))

    assert response.status_code == 403


def test_import_status_sends_anonymous_people_to_log_in(client, db):
    job = RegisterImportFactory()

    response = client.get(status_url(job))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={status_url(job)}"
