"""Forged ids beyond what the database holds get a German message, never a 500."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from reviews.models import Screening
from tests.reviews.conftest import make_reviewer, mark_eligible, submit_application

HUGE = "9" * 30
IN_TWO_WEEKS = (timezone.localdate() + dt.timedelta(days=14)).isoformat()


def test_bulk_screening_with_an_oversized_id_gets_a_german_error(call, office_client):
    application = submit_application(call)

    response = office_client.post(
        reverse("reviews:screening_list", args=[call.pk]),
        {"application": [application.pk, HUGE], "action": "eligible"},
    )

    assert response.status_code == 200
    assert response.context["bulk_form"].errors == {
        "application": ["Die Auswahl konnte nicht gelesen werden. Bitte laden Sie die Seite neu."]
    }
    assert not Screening.objects.exists()


def test_bulk_screening_with_id_zero_gets_a_german_error(call, office_client):
    response = office_client.post(
        reverse("reviews:screening_list", args=[call.pk]),
        {"application": ["0"], "action": "eligible"},
    )

    assert response.context["bulk_form"].errors == {
        "application": ["Die Auswahl konnte nicht gelesen werden. Bitte laden Sie die Seite neu."]
    }


def test_reminder_for_an_oversized_reviewer_id_gets_a_german_error(call, office_client):
    response = office_client.post(
        reverse("reviews:remind", args=[call.pk]), {"reviewer": HUGE}, follow=True
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Die Person konnte nicht gefunden werden. Bitte laden Sie die Seite neu."
    ]


def test_bulk_assignment_with_an_oversized_reviewer_id_gets_a_german_error(call, office_client):
    mark_eligible(submit_application(call))
    reviewer = make_reviewer()

    response = office_client.post(
        reverse("reviews:assign_bulk", args=[call.pk]),
        {"per_application": "1", "due_date": IN_TWO_WEEKS, "reviewers": [reviewer.pk, HUGE]},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "reviewers": ["Diese Person steht nicht zur Auswahl."]
    }


def test_single_assignment_with_an_oversized_reviewer_id_gets_a_german_error(call, office_client):
    application = submit_application(call)
    mark_eligible(application)
    make_reviewer()

    response = office_client.post(
        reverse("reviews:application_reviews", args=[application.pk]),
        {"reviewer": HUGE, "due_date": IN_TWO_WEEKS},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "reviewer": ["Diese Person steht nicht zur Auswahl."]
    }
