"""Results of field tests become comments "aus dem Praxistest" in the next round."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recommendations import services
from recommendations.field_test_feed import field_test_comments_add
from recommendations.models import Comment, ConsultationRound
from tests.recommendations.field_test_helpers import cohort, frozen_version, plan, record
from tests.recommendations.helpers import office_user

pytestmark = pytest.mark.django_db


def next_version(version, *, label="2.0"):
    office = office_user()
    draft = services.version_draft_create(document=version.document, actor=office)
    return services.version_freeze(version=draft, label=label, actor=office)


def round_on(version) -> ConsultationRound:
    now = timezone.now()
    return ConsultationRound.objects.create(
        version=version, title="Runde 2", starts_at=now, ends_at=now + dt.timedelta(days=30)
    )


@pytest.fixture
def setting():
    version = frozen_version(recommendations=3)
    call, people = cohort(3)
    return version, call, people


def test_a_recorded_result_becomes_a_comment_on_its_recommendation_in_the_next_version(setting):
    version, call, (a, _b, _c) = setting
    recommendation = version.recommendations.get(position=2)
    test = plan(call=call, coordinator=a, recommendation=recommendation, department="jobcenter")
    record(
        field_test=test,
        actor=a,
        result="partly",
        observations="Weniger Rückfragen.",
        obstacles="Die Software kann es nicht.",
        helped="Eine Schulung.",
        proposal="Bescheide erklären jede Frist.",
    )
    following = next_version(version)
    consultation = round_on(following)

    assert field_test_comments_add(round=consultation) == 1

    comment = Comment.objects.get()
    first_paragraph = following.recommendations.get(key=recommendation.key).paragraphs.get(
        position=1
    )
    assert (
        comment.paragraph,
        comment.kind,
        comment.source,
        comment.field_test,
        comment.municipality,
        comment.author,
        comment.visibility,
        comment.parent,
        comment.suggested_wording,
    ) == (
        first_paragraph,
        "proposal",
        "field_test",
        test,
        a.municipality,
        a,
        "participants",
        None,
        "Bescheide erklären jede Frist.",
    )
    assert comment.text == (
        f"Ergebnis des Praxistests in {a.municipality.name} (Jobcenter, 01.02.2026 bis "
        "30.04.2026): teilweise umgesetzt.\n\n"
        "Beobachtungen: Weniger Rückfragen.\n\n"
        "Hindernisse: Die Software kann es nicht.\n\n"
        "Was geholfen hat: Eine Schulung."
    )


def test_without_a_proposal_the_result_decides_agreement_or_concern(setting):
    version, call, (a, b, c) = setting
    recommendation = version.recommendations.first()
    for person, result in ((a, "implemented"), (b, "partly"), (c, "not_feasible")):
        record(
            field_test=plan(call=call, coordinator=person, recommendation=recommendation),
            actor=person,
            result=result,
        )

    field_test_comments_add(round=round_on(next_version(version)))

    kinds = {
        comment.field_test.result: comment.kind
        for comment in Comment.objects.select_related("field_test")
    }
    assert kinds == {"implemented": "agreement", "partly": "concern", "not_feasible": "concern"}


def test_a_second_call_adds_nothing_and_open_tests_add_nothing(setting):
    version, call, (a, b, _c) = setting
    recommendation = version.recommendations.first()
    record(field_test=plan(call=call, coordinator=a, recommendation=recommendation), actor=a)
    plan(call=call, coordinator=b, recommendation=recommendation)
    consultation = round_on(next_version(version))

    assert field_test_comments_add(round=consultation) == 1
    assert field_test_comments_add(round=consultation) == 0
    assert Comment.objects.count() == 1


def test_each_round_gets_its_own_comment(setting):
    version, call, (a, _b, _c) = setting
    record(
        field_test=plan(call=call, coordinator=a, recommendation=version.recommendations.first()),
        actor=a,
    )
    following = next_version(version)

    field_test_comments_add(round=round_on(following))
    field_test_comments_add(round=round_on(following))

    assert Comment.objects.count() == 2


def test_a_recommendation_dropped_from_the_version_gets_no_comment(setting):
    version, call, (a, _b, _c) = setting
    dropped = version.recommendations.get(position=3)
    record(field_test=plan(call=call, coordinator=a, recommendation=dropped), actor=a)
    office = office_user()
    draft = services.version_draft_create(document=version.document, actor=office)
    services.recommendation_delete(
        recommendation=draft.recommendations.get(key=dropped.key), actor=office
    )
    following = services.version_freeze(version=draft, label="2.0", actor=office)

    assert field_test_comments_add(round=round_on(following)) == 0


def test_another_documents_tests_stay_out(setting):
    version, call, (a, _b, _c) = setting
    other = frozen_version(slug="andere")
    record(
        field_test=plan(call=call, coordinator=a, recommendation=other.recommendations.first()),
        actor=a,
    )

    assert field_test_comments_add(round=round_on(next_version(version))) == 0


def test_query_count_does_not_grow_with_the_tests(setting):
    version, call, people = setting
    following = next_version(version)
    recommendations = list(following.recommendations.all())
    counts = []
    for batch in (people[:1], people[1:]):
        for person in batch:
            for recommendation in recommendations[: len(batch)]:
                record(
                    field_test=plan(call=call, coordinator=person, recommendation=recommendation),
                    actor=person,
                )
        consultation = round_on(following)
        with CaptureQueriesContext(connection) as queries:
            added = field_test_comments_add(round=consultation)
        counts.append((len(queries), added > 0))

    assert counts[0] == counts[1]


def test_in_a_round_open_to_the_public_the_findings_stay_with_the_office(setting):
    """Anyone may register an account; a municipality's field-test findings are not for
    everyone who does."""
    version, call, (a, _b, _c) = setting
    record(
        field_test=plan(call=call, coordinator=a, recommendation=version.recommendations.first()),
        actor=a,
    )
    following = next_version(version)
    programme_round = round_on(following)
    public_round = round_on(following)
    ConsultationRound.objects.filter(pk=public_round.pk).update(for_public=True)
    public_round.refresh_from_db()

    field_test_comments_add(round=programme_round)
    field_test_comments_add(round=public_round)

    assert Comment.objects.get(round=programme_round).visibility == "participants"
    assert Comment.objects.get(round=public_round).visibility == "office"
