"""An empty POST binds the form: the office sees what is missing instead of the same
page again without a word."""

import pytest
from django.urls import reverse

from accounts.services.links import municipality_claim_submit
from applications.services import coordinator_choose_municipality
from tests import factories
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.django_db


def test_empty_post_to_claim_decision_shows_german_field_errors(office_client):
    jena = factories.MunicipalityFactory(name="Jena, Stadt")
    model_cohort([jena])
    person = factories.UserFactory(email="k.mueller-weiss@jena.example")
    coordinator_choose_municipality(user=person, municipality=jena)
    claim = municipality_claim_submit(user=person, function="Amt", authority="OB")

    response = office_client.post(reverse("office:claim_detail", args=[claim.pk]), {})

    claim.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {"decision": ["Bitte wählen Sie eine Entscheidung."]}
    assert claim.status == "pending"
