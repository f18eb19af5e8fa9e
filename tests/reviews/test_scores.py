from decimal import Decimal

import pytest
from django.urls import reverse

from reviews.models import Score
from reviews.selectors import ApplicationScore, application_scores
from tests.reviews.conftest import (
    add_criteria,
    assign,
    make_reviewer,
    mark_eligible,
    submit_application,
    submit_review,
)


def eligible(call, **kwargs):
    application = submit_application(call, **kwargs)
    mark_eligible(application)
    return application


def review(application, scores, recommendation="yes"):
    return submit_review(assign(application, make_reviewer()), scores, recommendation)


def test_scores_are_exact_means_with_the_range_of_the_reviews(call):
    add_criteria(call, "a", "b", "c")
    application = eligible(call)
    review(application, {"a": 4, "b": 3, "c": 5}, "yes")  # own mean 4
    review(application, {"a": 2, "b": 3, "c": 4}, "maybe")  # own mean 3
    review(application, {"a": 5, "b": 1, "c": 3}, "no")  # own mean 3

    scores = application_scores(call=call)

    assert scores == {
        application.pk: ApplicationScore(
            # (11/3 + 7/3 + 12/3) / 3 = 30/9
            overall=Decimal("3.33"),
            per_criterion={"a": Decimal("3.67"), "b": Decimal("2.33"), "c": Decimal("4.00")},
            # highest minus lowest own mean of a review: 4 - 3
            spread=Decimal("1.00"),
            review_count=3,
            recommendations={"yes": 1, "maybe": 1, "no": 1},
            per_criterion_spread={"a": Decimal("3.00"), "b": Decimal("2.00"), "c": Decimal("2.00")},
        )
    }


def test_scores_round_half_up_once_at_the_end(call):
    add_criteria(call, "a", "b", "c", "d")
    application = eligible(call)
    review(application, {"a": 1, "b": 0, "c": 0, "d": 0})
    review(application, {"a": 0, "b": 0, "c": 0, "d": 0})

    score = application_scores(call=call)[application.pk]

    # a: 1/2, others 0 → overall 0.125, which rounds up; own means 0.25 and 0.
    assert (score.overall, score.spread) == (Decimal("0.13"), Decimal("0.25"))
    assert score.per_criterion == {
        "a": Decimal("0.50"),
        "b": Decimal("0.00"),
        "c": Decimal("0.00"),
        "d": Decimal("0.00"),
    }


def test_scores_count_only_submitted_reviews(call):
    criteria = add_criteria(call, "a")
    application = eligible(call)
    review(application, {"a": 2})
    draft = assign(application, make_reviewer())
    Score.objects.create(assignment=draft, criterion=criteria[0], score=5)

    score = application_scores(call=call)[application.pk]

    assert (score.overall, score.spread, score.review_count) == (
        Decimal("2.00"),
        Decimal("0.00"),
        1,
    )


def test_scores_without_reviews_are_empty_and_withdrawn_applications_are_left_out(call):
    add_criteria(call, "a")
    waiting = eligible(call)
    withdrawn = eligible(call)
    review(withdrawn, {"a": 5})
    withdrawn.status = "withdrawn"
    withdrawn.save()

    scores = application_scores(call=call)

    assert list(scores) == [waiting.pk]
    assert scores[waiting.pk] == ApplicationScore(
        overall=None,
        per_criterion={},
        spread=None,
        review_count=0,
        recommendations={"yes": 0, "maybe": 0, "no": 0},
        per_criterion_spread={},
    )


@pytest.mark.parametrize("count", [1, 3])
def test_application_scores_query_count_does_not_grow(call, count, django_assert_num_queries):
    add_criteria(call, "a", "b")
    for _ in range(count):
        application = eligible(call)
        review(application, {"a": 3, "b": 4})
        review(application, {"a": 1, "b": 2})

    with django_assert_num_queries(4):
        scores = application_scores(call=call)

    assert len(scores) == count


def test_scores_page_sorts_by_overall_score_best_first(call, office_client):
    add_criteria(call, "a")
    low = eligible(call, reference="KFA-NIEDRIG")
    high = eligible(call, reference="KFA-HOCH")
    eligible(call, reference="KFA-OHNE")
    review(low, {"a": 1})
    review(high, {"a": 5})

    best_first = office_client.get(reverse("reviews:scores", args=[call.pk]))
    worst_first = office_client.get(reverse("reviews:scores", args=[call.pk]), {"sort": "overall"})

    def order(response):
        return [
            (item["row"].application.reference, item["row"].rank)
            for item in response.context["rows"]
        ]

    assert order(best_first) == [("KFA-HOCH", 1), ("KFA-NIEDRIG", 2), ("KFA-OHNE", None)]
    assert order(worst_first) == [("KFA-NIEDRIG", 2), ("KFA-HOCH", 1), ("KFA-OHNE", None)]
    assert 'aria-sort="descending"' in best_first.content.decode()
    assert "5,00" in best_first.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_scores_page_query_count_does_not_grow(
    call, office_client, count, django_assert_num_queries
):
    add_criteria(call, "a", "b")
    for _ in range(count):
        application = eligible(call)
        review(application, {"a": 3, "b": 4})

    # Session, user, device, call, criteria, eligible applications, four for the scores.
    with django_assert_num_queries(10):
        response = office_client.get(reverse("reviews:scores", args=[call.pk]))

    assert len(response.context["rows"]) == count


def test_office_sees_every_review_of_an_application(call, office_client):
    add_criteria(call, "a")
    application = eligible(call)
    first = review(application, {"a": 4})
    Score.objects.filter(assignment=first).update(comment="Sehr überzeugend.")
    assign(application, make_reviewer(full_name="Offene Person"))

    response = office_client.get(reverse("reviews:application_reviews", args=[application.pk]))

    content = response.content.decode()
    assert "Sehr überzeugend." in content
    assert "Offene Person" in content
    assert [a.pk for a in response.context["submitted"]] == [first.pk]
