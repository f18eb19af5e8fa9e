"""An empty POST binds the form: the office sees what is missing instead of the same
page again without a word."""

from django.urls import reverse

from reviews.models import Criterion


def test_empty_post_to_criterion_create_shows_german_field_errors(call, office_client):
    response = office_client.post(reverse("reviews:criterion_create", args=[call.pk]), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {"label_de": ["Bitte geben Sie eine Bezeichnung an."]}
    assert Criterion.objects.count() == 0
