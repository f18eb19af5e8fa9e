import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Assignment
from reviews.tasks import remind_overdue_reviews
from tests import factories
from tests.reviews.conftest import assign, make_reviewer, mark_eligible, submit_application


def test_office_overview_counts_per_call(call, office_client):
    mark_eligible(submit_application(call))
    submit_application(call)

    response = office_client.get(reverse("reviews:office_index"))

    row = response.context["calls"][0]
    assert (row.submitted_count, row.eligible_count, row.not_eligible_count) == (2, 1, 0)


def test_office_start_page_links_to_screening_and_review(office_client):
    response = office_client.get(reverse("office:index"))

    assert reverse("reviews:office_index") in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_office_overview_query_count_does_not_grow(
    office_client, db, count, django_assert_num_queries
):
    for _ in range(count):
        factories.CallFactory()

    # Session, user, device, calls with their counts.
    with django_assert_num_queries(4):
        response = office_client.get(reverse("reviews:office_index"))

    assert len(response.context["calls"]) == count


def test_daily_task_reminds_only_overdue_reviews(
    call, mailoutbox, django_capture_on_commit_callbacks
):
    reviewer = make_reviewer()
    application = submit_application(call)
    mark_eligible(application)
    overdue = assign(application, reviewer, due_date=timezone.localdate() - dt.timedelta(days=1))
    assign(submit_application(call), make_reviewer())

    with django_capture_on_commit_callbacks(execute=True):
        result = remind_overdue_reviews.enqueue(call_id=call.pk)

    assert result.return_value == 1
    assert Assignment.objects.get(pk=overdue.pk).last_reminded_at is not None
    assert len(mailoutbox) == 1
