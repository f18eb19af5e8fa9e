"""An empty POST binds the form: the coordinator sees what is missing instead of the same
page again without a word."""

from django.urls import reverse

from advisory.models import BoardMember
from tests.helpers import login_verified


def test_empty_post_to_member_add_shows_german_field_errors(client, cohort, board):
    login_verified(client, cohort.coordinator)

    response = client.post(reverse("advisory:member_add"), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "full_name": ["Dieses Feld ist zwingend erforderlich."],
        "organisation": ["Dieses Feld ist zwingend erforderlich."],
    }
    assert BoardMember.objects.count() == 1
