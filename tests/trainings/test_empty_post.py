"""An empty POST binds the form: the office sees what is missing instead of the same
page again without a word."""

import pytest
from django.urls import reverse

from trainings.models import TrainingModule

pytestmark = pytest.mark.django_db


def test_empty_post_to_module_create_shows_german_field_errors(office_client):
    response = office_client.post(reverse("trainings_office:module_create"), {})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert (errors["code"], errors["aims"]) == (
        ["Dieses Feld ist zwingend erforderlich."],
        ["Dieses Feld ist zwingend erforderlich."],
    )
    assert TrainingModule.objects.count() == 0
