import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from core.models import AuditEntry, Page

URL = reverse("office:page_edit", args=["impressum"])


@pytest.fixture
def page(db):
    return Page.objects.create(slug="impressum", title_de="Impressum", body_de="Alter Text")


def form_data(page, **changes) -> dict:
    data = {
        "title_de": page.title_de,
        "title_en": page.title_en,
        "body_de": page.body_de,
        "body_en": page.body_en,
        "loaded_updated_at": page.updated_at.isoformat(),
    }
    return {**data, **changes}


def test_page_list_shows_every_page_and_which_are_missing(office_client, page):
    response = office_client.get(reverse("office:pages"))

    assert [(slug, p is not None) for slug, _label, p in response.context["pages"]] == [
        ("programm", False),
        ("impressum", True),
        ("datenschutz", False),
        ("barrierefreiheit", False),
        ("ueber", False),
    ]


def test_page_edit_form_carries_the_loaded_version(office_client, page):
    html = office_client.get(URL).content.decode()

    assert f'name="loaded_updated_at" value="{page.updated_at.isoformat()}"' in html
    assert "Markdown:" in html


def test_page_edit_saves_records_audit_and_confirms(office_client, page, office_user):
    response = office_client.post(URL, form_data(page, body_de="## Neu\n\nNeuer Text"))

    assert response.status_code == 302
    assert response["Location"] == reverse("office:pages")
    page.refresh_from_db()
    assert (page.body_de, page.updated_by) == ("## Neu\n\nNeuer Text", office_user)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_type, entry.changes) == (
        "page_updated",
        "core.page",
        {"body_de": ["Alter Text", "## Neu\n\nNeuer Text"]},
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Die Seite „Impressum“ wurde gespeichert."
    ]


def test_page_edit_refuses_to_overwrite_a_newer_version(office_client, page):
    loaded = page.updated_at.isoformat()
    page.body_de = "Text von jemand anderem"
    page.save()

    response = office_client.post(
        URL, form_data(page, body_de="Mein Text", loaded_updated_at=loaded)
    )

    assert response.status_code == 200
    page.refresh_from_db()
    assert page.body_de == "Text von jemand anderem"
    assert response.context["form"].non_field_errors() == [
        "Diese Seite wurde inzwischen von einer anderen Person geändert. Ihre Änderungen "
        "wurden nicht gespeichert, stehen aber noch im Formular. Bitte vergleichen Sie mit "
        "der aktuellen Fassung unten; wenn Sie erneut speichern, ersetzen Ihre Eingaben "
        "diese Fassung."
    ]
    html = response.content.decode()
    assert "Mein Text</textarea>" in html
    assert "<p>Text von jemand anderem</p>" in html
    assert AuditEntry.objects.count() == 0


def test_page_edit_second_save_after_conflict_replaces_the_newer_version(office_client, page):
    loaded = page.updated_at.isoformat()
    page.body_de = "Text von jemand anderem"
    page.save()
    conflict = office_client.post(
        URL, form_data(page, body_de="Mein Text", loaded_updated_at=loaded)
    )

    retry = office_client.post(URL, conflict.context["form"].data)

    assert retry.status_code == 302
    page.refresh_from_db()
    assert page.body_de == "Mein Text"


def test_page_edit_creates_a_page_that_does_not_exist_yet(office_client, db):
    url = reverse("office:page_edit", args=["datenschutz"])

    response = office_client.post(
        url,
        {"title_de": "Datenschutz", "title_en": "", "body_de": "Text", "body_en": ""},
    )

    assert response.status_code == 302
    assert Page.objects.get(slug="datenschutz").title_de == "Datenschutz"
    assert AuditEntry.objects.get().action == "page_created"


def test_page_edit_reports_a_missing_title_at_the_field(office_client, page):
    response = office_client.post(URL, form_data(page, title_de=""))

    assert response.status_code == 200
    assert response.context["form"].errors["title_de"] == ["Dieses Feld ist zwingend erforderlich."]
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="id_title_de_error"' in html


def test_page_edit_without_changes_writes_nothing(office_client, page):
    response = office_client.post(URL, form_data(page))

    assert response.status_code == 302
    assert AuditEntry.objects.count() == 0


def test_page_edit_with_a_garbled_version_marker_refuses(office_client, page):
    response = office_client.post(URL, form_data(page, body_de="Neu", loaded_updated_at="gestern"))

    assert response.status_code == 200
    page.refresh_from_db()
    assert page.body_de == "Alter Text"


def test_page_edit_of_an_unknown_slug_is_404(office_client, db):
    assert office_client.get(reverse("office:page_edit", args=["unbekannt"])).status_code == 404
