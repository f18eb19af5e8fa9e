"""An empty POST binds the form: the coordinator sees what is missing instead of the same
page again without a word."""

import pytest
from django.urls import reverse

from programme.models import ProgrammeDocument
from tests import factories
from tests.helpers import login_verified
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db


def test_empty_post_to_document_create_shows_german_field_errors(client):
    municipality = factories.MunicipalityFactory(name="Aachen")
    model_cohort([municipality])
    login_verified(client, factories.CoordinatorFactory(municipality=municipality))

    response = client.post(reverse("programme:document_create"), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "kind": ["Dieses Feld ist zwingend erforderlich."],
        "occurred_on": ["Dieses Feld ist zwingend erforderlich."],
        "title": ["Dieses Feld ist zwingend erforderlich."],
    }
    assert ProgrammeDocument.objects.count() == 0
