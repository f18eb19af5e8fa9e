"""An empty POST binds the form: the office sees what is missing instead of the same
page again without a word."""

from django.urls import reverse

from calls.models import Call


def test_empty_post_to_call_create_shows_german_field_errors(office_client):
    response = office_client.post(reverse("calls_office:call_create"), {})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert (errors["opens_at"], errors["deadline"], errors["places"]) == (
        ["Dieses Feld ist zwingend erforderlich."],
        ["Dieses Feld ist zwingend erforderlich."],
        ["Dieses Feld ist zwingend erforderlich."],
    )
    assert Call.objects.count() == 0
