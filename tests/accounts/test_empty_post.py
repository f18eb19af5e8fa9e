"""An empty POST binds the form: the person sees what is missing instead of the same
page again without a word."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_empty_post_to_profile_shows_german_field_errors(client):
    client.force_login(factories.UserFactory(full_name="Anna Alt"))

    response = client.post(reverse("accounts:profile"), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "full_name": ["Dieses Feld ist zwingend erforderlich."],
        "language": ["Dieses Feld ist zwingend erforderlich."],
    }
