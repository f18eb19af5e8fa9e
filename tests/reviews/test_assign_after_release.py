"""A call whose selection decision is released takes no more reviewers, one by one or
in bulk."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reviews.models import Assignment
from reviews.services import assignment_bulk_create
from selection.models import Decision, SelectionRun
from tests.reviews.conftest import make_reviewer, mark_eligible, submit_application

IN_TWO_WEEKS = timezone.localdate() + dt.timedelta(days=14)
REFUSAL_START = "Die Auswahlentscheidung dieser Ausschreibung ist am "
REFUSAL_END = "freigegeben worden. Gutachtende können nicht mehr zugewiesen werden."


def decide(call, *, released: bool) -> Decision:
    run = SelectionRun.objects.create(
        call=call,
        inputs={},
        result={},
        status="optimal",
        objective=Decimal("0"),
        top_objective=Decimal("0"),
        seconds=Decimal("0"),
    )
    return Decision.objects.create(
        call=call, run=run, released_at=timezone.now() if released else None
    )


def eligible(call):
    application = submit_application(call)
    mark_eligible(application)
    return application


def test_assigning_one_reviewer_after_the_release_is_refused(call, office_client):
    application = eligible(call)
    reviewer = make_reviewer()
    decide(call, released=True)

    response = office_client.post(
        reverse("reviews:application_reviews", args=[application.pk]),
        {"reviewer": reviewer.pk, "due_date": IN_TWO_WEEKS.isoformat()},
    )

    assert response.status_code == 200
    [message] = response.context["form"].non_field_errors()
    assert message.startswith(REFUSAL_START)
    assert message.endswith(REFUSAL_END)
    assert not Assignment.objects.exists()


def test_assigning_in_bulk_after_the_release_is_refused(call, office_client):
    eligible(call)
    eligible(call)
    reviewer = make_reviewer()
    decide(call, released=True)

    response = office_client.post(
        reverse("reviews:assign_bulk", args=[call.pk]),
        {"per_application": "1", "due_date": IN_TWO_WEEKS.isoformat(), "reviewers": [reviewer.pk]},
    )

    assert response.status_code == 200
    [message] = response.context["form"].non_field_errors()
    assert message.endswith(REFUSAL_END)
    assert not Assignment.objects.exists()


def test_bulk_service_after_the_release_creates_nothing(call, office_user):
    eligible(call)
    reviewer = make_reviewer()
    decide(call, released=True)

    with pytest.raises(ValidationError) as refused:
        assignment_bulk_create(
            call=call,
            per_application=1,
            due_date=IN_TWO_WEEKS,
            actor=office_user,
            reviewers=[reviewer],
        )

    assert refused.value.messages[0].endswith(REFUSAL_END)
    assert not Assignment.objects.exists()
