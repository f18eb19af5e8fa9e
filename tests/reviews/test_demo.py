from collections import Counter

from accounts.models import Role, User
from reviews.demo import ensure_demo_reviews
from reviews.models import Assignment, Criterion, Score, Screening
from tests import factories
from tests.reviews.conftest import COMPLETE_ANSWERS, make_reviewer, submit_application


def test_demo_reviews_screen_assign_and_score_once(call):
    for _ in range(6):
        submit_application(call)
    submit_application(call, answers={**COMPLETE_ANSWERS, "ratsbeschluss": "nein"})
    demo_reviewer = make_reviewer(email="gutachten@demo.kommunen-fuer-alle.example")

    created = ensure_demo_reviews(call=call, reviewers=[demo_reviewer])
    counts = (
        Criterion.objects.count(),
        Screening.objects.count(),
        Assignment.objects.count(),
        Score.objects.count(),
        User.objects.count(),
    )
    again = ensure_demo_reviews(call=call, reviewers=[demo_reviewer])

    assert Criterion.objects.filter(call=call).count() == 5
    statuses = Counter(Screening.objects.values_list("status", flat=True))
    assert statuses == {"eligible": 5, "not_eligible": 2}
    assert not Screening.objects.filter(status="not_eligible", reason="").exists()
    per_application = Counter(Assignment.objects.values_list("application_id", flat=True))
    assert sorted(per_application.values()) == [3, 3, 3, 3, 3]
    assert Assignment.objects.filter(reviewer=demo_reviewer, submitted_at__isnull=True).count() == 3
    assert created == 12
    assert (
        Assignment.objects.filter(submitted_at__isnull=False).exclude(recommendation="").count()
        == 12
    )
    assert set(Score.objects.values_list("score", flat=True)) <= {0, 1, 2, 3, 4, 5}
    demo_pool = User.objects.filter(email__startswith="gutachten", role=Role.REVIEWER)
    assert demo_pool.count() == 6
    assert User.objects.get(email="gutachten1@demo.kommunen-fuer-alle.example").check_password(
        "Demo-Passwort-2025!"
    )
    assert again == 0
    assert counts == (
        Criterion.objects.count(),
        Screening.objects.count(),
        Assignment.objects.count(),
        Score.objects.count(),
        User.objects.count(),
    )


def test_demo_reviewer_from_koeln_is_never_given_koelns_application(call):
    koeln = factories.MunicipalityFactory(key="05315000", name="Köln")
    application = submit_application(call, municipality=koeln)
    for _ in range(4):
        submit_application(call)

    ensure_demo_reviews(call=call, reviewers=[])

    aylin = User.objects.get(email="gutachten1@demo.kommunen-fuer-alle.example")
    assert aylin.municipality == koeln
    assert aylin.municipality_approved_at is None
    assert Screening.objects.get(application=application).status == "eligible"
    assert Assignment.objects.filter(application=application).count() == 3
    assert not Assignment.objects.filter(application=application, reviewer=aylin).exists()
