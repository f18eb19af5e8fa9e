import datetime as dt

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from reviews.models import Assignment, Score
from tests.helpers import login_verified
from tests.reviews.conftest import (
    add_criteria,
    assign,
    make_reviewer,
    mark_eligible,
    submit_application,
    submit_review,
)


@pytest.fixture
def application(call):
    application = submit_application(call)
    mark_eligible(application)
    add_criteria(call, "rueckhalt", "motivation")
    return application


@pytest.fixture
def assignment(application, reviewer):
    return assign(application, reviewer)


def url(assignment) -> str:
    return reverse("reviews:assignment", args=[assignment.pk])


def full_review(**overrides) -> dict:
    return {
        "score_rueckhalt": "4",
        "comment_rueckhalt": "Ratsbeschluss liegt vor.",
        "score_motivation": "3",
        "comment_motivation": "",
        "recommendation": "yes",
        **overrides,
    }


def test_reviewer_sees_the_application_and_the_form(reviewer_client, assignment):
    response = reviewer_client.get(url(assignment))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Wir wollen gerechte Abläufe." in content  # an answer, read-only
    assert 'name="score_rueckhalt"' in content
    assert "3 – mittel" in content


def test_reviewer_sees_other_reviews_only_after_submitting_their_own(
    reviewer_client, application, assignment
):
    other = assign(application, make_reviewer())
    submit_review(other, {"rueckhalt": 1, "motivation": 2}, "no")
    Score.objects.filter(assignment=other, criterion__key="rueckhalt").update(
        comment="Kaum Rückhalt erkennbar."
    )

    before = reviewer_client.get(url(assignment))
    reviewer_client.post(url(assignment), {**full_review(), "submit": "1"})
    after = reviewer_client.get(url(assignment))

    assert before.context["others"] == []
    assert "Kaum Rückhalt erkennbar." not in before.content.decode()
    assert [a.pk for a in after.context["others"]] == [other.pk]
    assert "Kaum Rückhalt erkennbar." in after.content.decode()


def test_drafts_of_others_are_never_shown(reviewer_client, application, assignment):
    draft = assign(application, make_reviewer())
    Score.objects.create(
        assignment=draft, criterion_id=application.call.review_criteria.first().pk, score=5
    )

    reviewer_client.post(url(assignment), {**full_review(), "submit": "1"})
    response = reviewer_client.get(url(assignment))

    assert response.context["others"] == []


def test_another_reviewers_assignment_is_not_found(client, assignment):
    stranger = make_reviewer()
    login_verified(client, stranger)

    assert client.get(url(assignment)).status_code == 404
    assert client.post(url(assignment), {**full_review(), "submit": "1"}).status_code == 404
    assert not Score.objects.exists()


def test_save_draft_keeps_partial_entries(reviewer_client, assignment):
    response = reviewer_client.post(url(assignment), {"score_rueckhalt": "2", "save": "1"})

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.submitted_at is None
    assert list(Score.objects.values_list("criterion__key", "score")) == [("rueckhalt", 2)]


def test_score_out_of_range_gets_a_german_error_at_the_field(reviewer_client, assignment):
    response = reviewer_client.post(
        url(assignment), {**full_review(score_rueckhalt="7"), "submit": "1"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "score_rueckhalt": ["Bitte wählen Sie eine Punktzahl von 0 bis 5."]
    }
    content = response.content.decode()
    assert '<p class="kern-error" id="id_score_rueckhalt_error" role="alert">' in content
    assert not Score.objects.exists()


def test_score_outside_0_to_5_is_refused_by_the_database(assignment, application):
    criterion = application.call.review_criteria.first()

    with pytest.raises(IntegrityError):
        Score.objects.create(assignment=assignment, criterion=criterion, score=6)


def test_submit_with_missing_scores_keeps_the_draft_and_names_the_gaps(reviewer_client, assignment):
    response = reviewer_client.post(
        url(assignment), {"score_rueckhalt": "4", "comment_motivation": "Unklar.", "submit": "1"}
    )

    assert response.context["form"].errors == {
        "score_motivation": ["Bitte vergeben Sie Punkte für „Motivation“."],
        "recommendation": ["Bitte geben Sie eine Empfehlung ab."],
    }
    assignment.refresh_from_db()
    assert assignment.submitted_at is None
    assert sorted(Score.objects.values_list("criterion__key", "score", "comment")) == [
        ("motivation", None, "Unklar."),
        ("rueckhalt", 4, ""),
    ]


def test_submit_stores_the_review_and_makes_it_read_only(reviewer_client, assignment):
    response = reviewer_client.post(url(assignment), {**full_review(), "submit": "1"})
    page = reviewer_client.get(url(assignment))

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    assert assignment.recommendation == "yes"
    assert sorted(Score.objects.values_list("criterion__key", "score")) == [
        ("motivation", 3),
        ("rueckhalt", 4),
    ]
    assert 'name="score_rueckhalt"' not in page.content.decode()
    assert AuditEntry.objects.filter(action="reviews.review_submitted").count() == 1


def test_double_submit_is_harmless(reviewer_client, assignment):
    first = reviewer_client.post(url(assignment), {**full_review(), "submit": "1"}, follow=True)
    assignment.refresh_from_db()
    submitted_at = assignment.submitted_at

    second = reviewer_client.post(
        url(assignment), {**full_review(score_rueckhalt="0"), "submit": "1"}, follow=True
    )

    assert [str(m) for m in first.context["messages"]] == [
        "Ihr Gutachten ist abgegeben. Sie sehen jetzt auch die Gutachten der anderen."
    ]
    assert [str(m) for m in second.context["messages"]] == ["Ihr Gutachten ist bereits abgegeben."]
    assignment.refresh_from_db()
    assert assignment.submitted_at == submitted_at
    assert Score.objects.get(criterion__key="rueckhalt").score == 4
    assert AuditEntry.objects.filter(action="reviews.review_submitted").count() == 1


def test_double_submit_in_the_service_returns_without_change(assignment, reviewer):
    from reviews.review import ReviewInput, review_submit

    criteria = {c.key: c.pk for c in assignment.application.call.review_criteria.all()}
    data = ReviewInput(
        scores={criteria["rueckhalt"]: 4, criteria["motivation"]: 3},
        comments={},
        recommendation="maybe",
    )

    _first, first_now = review_submit(assignment=assignment, data=data, actor=reviewer)
    _second, second_now = review_submit(assignment=assignment, data=data, actor=reviewer)

    assert (first_now, second_now) == (True, False)
    assert Assignment.objects.get().recommendation == "maybe"


def test_assignment_list_shows_open_and_overdue(reviewer_client, application, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=1)
    )

    response = reviewer_client.get(reverse("reviews:my_assignments"))

    assert [a.pk for a in response.context["assignments"]] == [assignment.pk]
    assert "überfällig" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_assignment_list_query_count_does_not_grow(
    call, reviewer, reviewer_client, count, django_assert_num_queries
):
    for _ in range(count):
        application = submit_application(call)
        mark_eligible(application)
        assign(application, reviewer)

    # Session, user, device, assignments with application, municipality, call and counts,
    # the main menu.
    with django_assert_num_queries(5):
        response = reviewer_client.get(reverse("reviews:my_assignments"))

    assert len(response.context["assignments"]) == count


def test_assignment_list_holds_only_own_active_assignments(call, reviewer, reviewer_client):
    applications = [submit_application(call) for _ in range(3)]
    for application in applications:
        mark_eligible(application)
    own = assign(applications[0], reviewer)
    assign(applications[1], make_reviewer())
    declined = assign(applications[2], reviewer)
    Assignment.objects.filter(pk=declined.pk).update(
        conflict_declared_at=timezone.now(), conflict_reason="Befangen."
    )

    response = reviewer_client.get(reverse("reviews:my_assignments"))

    assert [a.pk for a in response.context["assignments"]] == [own.pk]


def test_reviewer_downloads_a_file_only_of_the_assigned_application(reviewer_client, assignment):
    response = reviewer_client.get(reverse("reviews:assignment_file", args=[assignment.pk, 999999]))

    assert response.status_code == 404


def test_failed_submit_shows_the_error_summary_above_the_application(reviewer_client, assignment):
    response = reviewer_client.post(
        url(assignment), {"score_rueckhalt": "4", "comment_motivation": "Unklar.", "submit": "1"}
    )

    content = response.content.decode()
    summary = content.index("data-error-summary")
    assert content.index("<h1") < summary < content.index('id="bewerbung-titel"')
    links = content[summary : content.index('id="bewerbung-titel"')]
    assert 'href="#id_score_motivation_0"' in links
    assert 'href="#id_recommendation_0"' in links
    assert content.count("data-error-summary") == 1
