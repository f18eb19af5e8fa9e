"""Every page of screening and review against the roles that must not use it."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests import factories
from tests.helpers import login_verified
from tests.reviews.conftest import add_criteria, assign, mark_eligible, submit_application

REVIEWER_URLS = ["my_assignments", "assignment", "assignment_conflict", "assignment_file"]
OFFICE_URLS = [
    "office_index",
    "screening_list",
    "screening_detail",
    "application_reviews",
    "assignment_remind",
    "assignment_remove",
    "assign_bulk",
    "progress",
    "remind",
    "criteria",
    "criterion_create",
    "criteria_defaults",
    "criterion_edit",
    "criterion_delete",
    "criterion_move",
    "scores",
]


@pytest.fixture
def paths(call, reviewer):
    application = submit_application(call)
    mark_eligible(application)
    assignment = assign(application, reviewer)
    (criterion,) = add_criteria(call, "a")
    args = {
        "my_assignments": [],
        "assignment": [assignment.pk],
        "assignment_conflict": [assignment.pk],
        "assignment_file": [assignment.pk, 1],
        "office_index": [],
        "screening_list": [call.pk],
        "screening_detail": [application.pk],
        "application_reviews": [application.pk],
        "assignment_remind": [assignment.pk],
        "assignment_remove": [assignment.pk],
        "assign_bulk": [call.pk],
        "progress": [call.pk],
        "remind": [call.pk],
        "criteria": [call.pk],
        "criterion_create": [call.pk],
        "criteria_defaults": [call.pk],
        "criterion_edit": [call.pk, criterion.pk],
        "criterion_delete": [call.pk, criterion.pk],
        "criterion_move": [call.pk, criterion.pk],
        "scores": [call.pk],
    }
    return {name: reverse(f"reviews:{name}", args=values) for name, values in args.items()}


def statuses(client, paths, names, method="get"):
    return {name: getattr(client, method)(paths[name]).status_code for name in names}


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_people_are_sent_to_the_login(client, paths, method):
    for name in REVIEWER_URLS + OFFICE_URLS:
        response = getattr(client, method)(paths[name])
        assert response.status_code == 302, name
        assert response["Location"].startswith("/konto/anmelden/"), name


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_coordinator_is_refused_everywhere(client, paths, coordinator, method):
    login_verified(client, coordinator)

    result = statuses(client, paths, REVIEWER_URLS + OFFICE_URLS, method)

    assert result == dict.fromkeys(REVIEWER_URLS + OFFICE_URLS, 403)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_reviewer_is_refused_the_office_pages(reviewer_client, paths, method):
    assert statuses(reviewer_client, paths, OFFICE_URLS, method) == dict.fromkeys(OFFICE_URLS, 403)


def test_the_office_is_refused_the_reviewer_pages(office_client, paths):
    assert statuses(office_client, paths, REVIEWER_URLS) == dict.fromkeys(REVIEWER_URLS, 403)


def test_the_office_reads_every_office_page(office_client, paths):
    result = statuses(office_client, paths, OFFICE_URLS)

    post_only = {"assignment_remind", "assignment_remove", "remind", "criteria_defaults"}
    post_only |= {"criterion_move"}
    assert result == {name: 405 if name in post_only else 200 for name in OFFICE_URLS}


def test_the_reviewer_reads_their_pages(reviewer_client, paths):
    result = statuses(
        reviewer_client, paths, ["my_assignments", "assignment", "assignment_conflict"]
    )

    assert result == {"my_assignments": 200, "assignment": 200, "assignment_conflict": 200}


def test_a_reviewer_without_second_factor_is_sent_to_it(client, paths):
    reviewer = factories.UserFactory(role=Role.REVIEWER)
    client.force_login(reviewer)

    response = client.get(paths["my_assignments"])

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp"))
