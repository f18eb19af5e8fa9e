"""An empty POST binds the form: the office sees what is missing instead of the same
page again without a word."""

from django.urls import reverse

from evaluation.models import Instrument


def test_empty_post_to_instrument_create_shows_german_field_errors(login, office):
    response = login(office).post(reverse("evaluation:instrument_create"), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "code": ["Dieses Feld ist zwingend erforderlich."],
        "title": ["Dieses Feld ist zwingend erforderlich."],
    }
    assert Instrument.objects.count() == 0
