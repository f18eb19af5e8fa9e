"""An empty POST binds the form: the office sees what is missing instead of the same
page again without a word."""

import pytest
from django.urls import reverse

from funding.models import CostCategory

pytestmark = pytest.mark.django_db


def test_empty_post_to_category_create_shows_german_field_errors(office_client):
    before = CostCategory.objects.count()

    response = office_client.post(reverse("funding_office:categories"), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Bitte geben Sie eine Bezeichnung ein."],
        "position": ["Bitte geben Sie eine Zahl an."],
    }
    assert CostCategory.objects.count() == before
