"""An empty POST binds the form: the office sees what is missing instead of the same
page again without a word."""

from django.urls import reverse

from municipalities.models import RegisterImport


def test_empty_post_to_register_import_shows_german_field_errors(office_client):
    response = office_client.post(reverse("municipalities_office:import"), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["Bitte wählen Sie eine Datei aus."]}
    assert RegisterImport.objects.count() == 0
