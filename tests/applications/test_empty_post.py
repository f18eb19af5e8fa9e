"""An empty POST binds the form: the coordinator sees what is missing instead of the same
page again without a word."""

import pytest
from django.urls import reverse

from accounts.models import MunicipalityClaim
from applications.services import coordinator_choose_municipality
from tests import factories
from tests.helpers import login_verified
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db


def test_empty_post_to_claim_shows_german_field_errors(client):
    jena = factories.MunicipalityFactory(name="Jena, Stadt")
    model_cohort([jena])
    person = factories.UserFactory(email="k.mueller-weiss@jena.example")
    coordinator_choose_municipality(user=person, municipality=jena)
    login_verified(client, person)

    response = client.post(reverse("applications:claim"), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "function": ["Bitte nennen Sie Ihre Funktion in der Verwaltung."],
        "authority": ["Bitte beschreiben Sie, worauf Ihre Befugnis beruht."],
    }
    assert MunicipalityClaim.objects.count() == 0
