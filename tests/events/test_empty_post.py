"""An empty POST binds the form: the office sees what is missing instead of the same
page again without a word."""

import pytest
from django.urls import reverse

from events.models import Event

pytestmark = pytest.mark.django_db


def test_empty_post_to_event_create_shows_german_field_errors(office_client):
    response = office_client.post(reverse("events:office_create"), {})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert (errors["place"], errors["capacity"]) == (
        ["Bitte geben Sie den Ort an."],
        ["Dieses Feld ist zwingend erforderlich."],
    )
    assert Event.objects.count() == 0
