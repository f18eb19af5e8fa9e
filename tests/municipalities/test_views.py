from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from municipalities.forms import RegisterUploadForm
from municipalities.models import Municipality, RegisterImport
from municipalities.services import register_import
from tests.factories import MunicipalityFactory, RegisterImportFactory

IMPORT_URL = "/geschaeftsstelle/register/"
LIST_URL = "/geschaeftsstelle/register/kommunen/"
SEARCH_URL = "/kommunen/suche/"


def test_register_urls_have_their_names():
    assert reverse("municipalities_office:import") == IMPORT_URL
    assert reverse("municipalities_office:list") == LIST_URL
    assert reverse("municipalities_office:import_status", args=[7]) == f"{IMPORT_URL}importe/7/"
    assert reverse("municipalities:search") == SEARCH_URL


def test_register_import_page_answers_the_office(office_client):
    response = office_client.get(IMPORT_URL)

    assert response.status_code == 200
    assert "Datenquelle: Statistisches Bundesamt (Destatis)" in response.content.decode()


def test_register_import_page_is_forbidden_for_a_coordinator(client, coordinator):
    client.force_login(coordinator)

    response = client.get(IMPORT_URL)

    assert response.status_code == 403


def test_register_import_page_sends_anonymous_people_to_log_in(client, db):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={IMPORT_URL}"


def test_register_upload_shows_a_malformed_file_error_at_the_field(office_client, small_csv_text):
    broken = small_csv_text.replace(" 90 164,", " abc,").encode()

    response = office_client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("kaputt.csv", broken), "file_format": ""}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Zeile 5: Einwohnerzahl „abc“ ist keine Zahl."
    ]
    assert 'id="id_file_error"' in content
    assert 'aria-invalid="true"' in content
    assert 'aria-describedby="id_file_helptext id_file_error"' in content
    assert Municipality.objects.count() == 0
    assert RegisterImport.objects.count() == 0


def test_register_upload_runs_the_import_and_leads_to_its_status_page(
    office_client, office_user, small_csv, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            IMPORT_URL, {"file": SimpleUploadedFile("klein.csv", small_csv), "file_format": ""}
        )

    job = RegisterImport.objects.get()
    assert response.status_code == 302
    assert response.url == f"{IMPORT_URL}importe/{job.pk}/"
    assert (job.status, job.created_by, job.source_name) == ("done", office_user, "klein.csv")
    assert (job.progress_done, job.progress_total) == (15, 15)
    assert Municipality.objects.count() == 13


def test_register_import_page_links_each_import_to_its_status(office_client):
    job = RegisterImportFactory(status=RegisterImport.Status.RUNNING)

    response = office_client.get(IMPORT_URL)

    content = response.content.decode()
    assert f'href="{IMPORT_URL}importe/{job.pk}/"' in content
    assert '<td class="kern-table__cell">läuft</td>' in content


def import_page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(IMPORT_URL)
    assert response.status_code == 200
    return len(queries)


def test_register_import_page_needs_the_same_queries_for_one_or_three_imports(
    office_client, office_user
):
    RegisterImportFactory(created_by=office_user, status=RegisterImport.Status.DONE)
    one = import_page_queries(office_client)
    RegisterImportFactory.create_batch(2, created_by=office_user)
    three = import_page_queries(office_client)

    assert one == three


def test_register_upload_form_refuses_files_over_20_mb():
    upload = SimpleUploadedFile("gross.csv", b"satzart")
    upload.size = 20 * 1024 * 1024 + 1

    form = RegisterUploadForm(data={"file_format": ""}, files={"file": upload})

    assert form.errors["file"] == ["Die Datei ist 20,0\xa0MB groß; erlaubt sind höchstens 20 MB."]


def list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, {"q": "Musterstadt"})
    assert response.status_code == 200
    return len(queries)


def test_register_list_needs_the_same_queries_for_one_or_three_kommunen(office_client):
    MunicipalityFactory()
    one = list_queries(office_client)
    MunicipalityFactory.create_batch(2)
    three = list_queries(office_client)

    assert one == three


def test_register_list_finds_by_folded_name(office_client, small_csv):
    register_import(file=small_csv, source_name="klein.csv")

    response = office_client.get(LIST_URL, {"q": "Luebeck"})

    assert [m.key for m in response.context["page"].object_list] == ["01003", "01003000"]


def test_register_list_is_forbidden_for_a_coordinator(client, coordinator):
    client.force_login(coordinator)

    assert client.get(LIST_URL).status_code == 403


def test_municipality_search_view_sends_anonymous_people_to_log_in(client, db):
    response = client.get(SEARCH_URL, {"q": "Flensburg"})

    assert response.status_code == 302


def test_municipality_search_view_returns_a_partial_for_htmx(client, coordinator, small_csv):
    register_import(file=small_csv, source_name="klein.csv")
    client.force_login(coordinator)

    response = client.get(SEARCH_URL, {"q": "flensburg"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert [m.key for m in response.context["results"]] == ["01001000"]
    assert "<html" not in content
    assert "Flensburg, Stadt" in content
    assert "AGS 01001000" in content
    assert "PLZ 24937" in content
    assert "Datenquelle: Statistisches Bundesamt (Destatis)" in content


def test_municipality_search_view_shows_a_hint_for_short_queries(client, coordinator):
    client.force_login(coordinator)

    response = client.get(SEARCH_URL, {"q": "F"}, headers={"HX-Request": "true"})

    assert response.context["results"] == []
    assert "Bitte geben Sie mindestens zwei Zeichen ein" in response.content.decode()


def test_municipality_search_view_renders_a_whole_page_without_htmx(client, coordinator):
    client.force_login(coordinator)

    response = client.get(SEARCH_URL, {"q": "Heide"})

    content = response.content.decode()
    assert content.count("<h1") == 1
    assert 'hx-get="/kommunen/suche/"' in content


def test_municipality_search_view_offers_radio_buttons_when_asked(client, coordinator, small_csv):
    register_import(file=small_csv, source_name="klein.csv")
    client.force_login(coordinator)
    heide = Municipality.objects.get(key="01051044")

    response = client.get(
        SEARCH_URL, {"q": "heide", "auswahl": "municipality"}, headers={"HX-Request": "true"}
    )

    assert f'name="municipality" value="{heide.pk}"' in response.content.decode()
