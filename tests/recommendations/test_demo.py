"""The demo's recommendations: a document in two versions, a consultation round that is
over with every comment answered, a round that runs now, field tests by the ten model
municipalities, and version 1.0 published. Loading the demo again changes nothing."""

from io import BytesIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Role, User
from programme.cohort import cohort_municipalities, programme_calls
from recommendations import demo_text
from recommendations.audience import audience_accounts
from recommendations.demo import SLUG, ensure_demo_recommendations
from recommendations.models import (
    Comment,
    ConsultationRound,
    Document,
    FieldTest,
    FieldTestEvidence,
    FieldTestResult,
    FieldTestState,
    Paragraph,
    Recommendation,
    Version,
    VersionState,
)
from tests.helpers import login_verified


@pytest.fixture
def demo(demo_loaded, db):
    return programme_calls().get()


@pytest.fixture
def document(demo):
    return Document.objects.get(slug=SLUG)


@pytest.fixture
def closed_round(document):
    return ConsultationRound.objects.get(
        version__document=document, ends_at__lt=timezone.now(), evaluated_at__isnull=False
    )


@pytest.fixture
def open_round(document):
    now = timezone.now()
    return ConsultationRound.objects.get(
        version__document=document, starts_at__lte=now, ends_at__gt=now
    )


def counts():
    return (
        Document.objects.count(),
        Version.objects.count(),
        Recommendation.objects.count(),
        Paragraph.objects.count(),
        ConsultationRound.objects.count(),
        Comment.objects.count(),
        FieldTest.objects.count(),
    )


def test_demo_document_has_two_versions_the_second_published(document):
    versions = list(document.versions.order_by("sequence").values_list("label", "state"))
    assert versions == [
        ("Konsultationsfassung 0.9", VersionState.FROZEN),
        ("1.0", VersionState.PUBLISHED),
    ]
    published = document.versions.get(state=VersionState.PUBLISHED)
    assert published.licence == "cc-by-4.0"
    assert published.published_by.role == "office"
    assert published.published_at > published.frozen_at
    assert published.changelog and document.versions.get(sequence=1).changelog


def test_demo_versions_have_five_chapters_and_twenty_five_recommendations(document):
    for version in document.versions.all():
        assert version.chapters.count() == 5
        assert version.recommendations.count() == 25


def test_demo_recommendations_have_text_rationale_fields_and_departments(document):
    published = document.versions.get(state=VersionState.PUBLISHED)
    recommendations = published.recommendations.annotate(
        paragraph_count=Count("paragraphs", distinct=True),
        field_count=Count("fields_of_action", distinct=True),
    )
    assert all(1 <= r.paragraph_count <= 3 for r in recommendations)
    assert all(r.field_count >= 1 and r.rationale for r in recommendations)
    assert published.recommendations.filter(training_modules__isnull=False).exists()


def test_demo_text_was_written_before_its_version_froze(document):
    for version in document.versions.all():
        assert version.created_at < version.frozen_at
        written = Paragraph.objects.filter(recommendation__version=version)
        assert not written.filter(created_at__gt=version.frozen_at).exists()


def test_demo_second_version_follows_the_adopted_comments(document):
    first, second = document.versions.order_by("sequence")
    removed = first.recommendations.get(title="Wartebereiche mehrsprachig beschildern")
    assert not second.recommendations.filter(key=removed.key).exists()
    added = second.recommendations.get(title=demo_text.ADDED_RECOMMENDATION["title"])
    assert added.number == "3.6"
    assert not first.recommendations.filter(key=added.key).exists()
    before = dict(
        Paragraph.objects.filter(recommendation__version=first).values_list("key", "text")
    )
    changed = [
        p
        for p in Paragraph.objects.filter(recommendation__version=second)
        if p.key in before and before[p.key] != p.text
    ]
    assert len(changed) == len(demo_text.REVISIONS)


def test_demo_closed_round_has_sixty_comments_all_answered(closed_round):
    top_level = closed_round.comments.filter(parent=None)
    assert top_level.count() == 60
    assert not top_level.filter(answer_status="").exists()
    assert not top_level.filter(answer_reason="").exists()
    assert not top_level.filter(answered_by__isnull=True).exists()
    statuses = set(top_level.values_list("answer_status", flat=True))
    assert statuses == {
        "adopted",
        "partly_adopted",
        "not_adopted",
        "out_of_scope",
        "settled_elsewhere",
    }


def test_demo_closed_round_is_evaluated_published_and_mailed(closed_round):
    last_answer = max(
        closed_round.comments.filter(parent=None).values_list("answered_at", flat=True)
    )
    assert closed_round.for_municipal_teams and closed_round.for_advisory_boards
    assert closed_round.ends_at < last_answer <= closed_round.evaluated_at
    assert closed_round.evaluated_at <= closed_round.answers_published_at
    assert closed_round.opened_mail_sent_at is not None
    assert closed_round.answers_mail_sent_at is not None
    assert closed_round.version.state == VersionState.FROZEN


def test_demo_closed_round_comments_are_mixed(closed_round):
    comments = closed_round.comments
    assert set(comments.filter(parent=None).values_list("kind", flat=True)) == {
        "agreement",
        "concern",
        "proposal",
    }
    assert comments.filter(visibility="office").exists()
    assert comments.filter(municipality__isnull=True).exists()
    assert comments.filter(municipality__isnull=False).exists()
    assert comments.filter(parent__isnull=False).count() == len(demo_text.REPLIES)


def test_demo_comments_are_written_inside_their_round_by_its_audience(document):
    for round in ConsultationRound.objects.filter(version__document=document):
        comments = round.comments.all()
        assert not comments.filter(created_at__lt=round.starts_at).exists()
        assert not comments.filter(created_at__gte=round.ends_at).exists()
        authors = set(comments.values_list("author", flat=True))
        assert authors <= set(audience_accounts(round).values_list("pk", flat=True))
        assert not comments.exclude(paragraph__recommendation__version=round.version).exists()


def test_demo_comment_authors_speak_only_for_their_own_municipality(document):
    on_behalf = Comment.objects.filter(
        round__version__document=document, municipality__isnull=False
    )
    assert on_behalf.exists()
    assert all(c.municipality_id == c.author.municipality_id for c in on_behalf)


def test_demo_quotes_stand_in_their_paragraphs_at_the_stored_offsets(closed_round):
    quoted = closed_round.comments.exclude(quote="").select_related("paragraph")
    assert quoted.count() >= 10
    for comment in quoted:
        text = comment.paragraph.text
        assert text[comment.quote_start : comment.quote_end] == comment.quote


def test_demo_open_round_has_answered_and_unanswered_comments(open_round):
    assert (
        open_round.for_municipal_teams,
        open_round.for_advisory_boards,
        open_round.for_network,
        open_round.for_trainers,
        open_round.for_public,
    ) == (True, True, True, True, False)
    assert open_round.version.state == VersionState.PUBLISHED
    assert open_round.evaluated_at is None
    comments = open_round.comments.filter(parent=None, source="participant")
    assert comments.count() == len(demo_text.OPEN_ROUND_COMMENTS)
    findings = open_round.comments.filter(source="field_test")
    assert findings.exists()
    assert not findings.filter(author=None).exists()
    assert comments.filter(answer_status="").exists()
    assert comments.exclude(answer_status="").exists()


def test_demo_field_tests_by_each_of_the_ten_model_municipalities(demo, document):
    field_tests = FieldTest.objects.filter(recommendation__version__document=document)
    assert set(field_tests.values_list("municipality", flat=True)) == set(
        cohort_municipalities(call=demo).values_list("pk", flat=True)
    )
    assert set(field_tests.values_list("call", flat=True)) == {demo.pk}
    assert all(f.created_by.municipality_id == f.municipality_id for f in field_tests)
    done = field_tests.filter(state=FieldTestState.DONE)
    assert set(done.values_list("result", flat=True)) == set(FieldTestResult.values)
    assert not done.filter(result_recorded_at__isnull=True).exists()
    assert not done.filter(observations="").exists()


def test_demo_field_test_states_agree_with_their_dates(document):
    today = timezone.localdate()
    field_tests = FieldTest.objects.filter(recommendation__version__document=document)
    planned = field_tests.filter(state=FieldTestState.PLANNED)
    running = field_tests.filter(state=FieldTestState.RUNNING)
    done = field_tests.filter(state=FieldTestState.DONE)
    assert planned.exists() and running.exists() and done.exists()
    assert not planned.filter(starts_on__lte=today).exists()
    assert not running.exclude(starts_on__lte=today, ends_on__gte=today).exists()
    assert not done.filter(ends_on__gt=today).exists()


def test_demo_field_test_evidence_is_a_readable_pdf(document):
    evidence = FieldTestEvidence.objects.get(field_test__recommendation__version__document=document)
    assert evidence.field_test.state == FieldTestState.DONE
    with evidence.file.open("rb") as pdf:
        page = PdfReader(BytesIO(pdf.read())).pages[0]
    assert "Meldebescheinigung" in page.extract_text()


def test_demo_document_pages_open_for_the_office(client, document):
    login_verified(client, User.objects.filter(role=Role.OFFICE).order_by("pk").first())
    first, second = document.versions.order_by("sequence")
    pages = [
        reverse("recommendations_office:document_detail", args=[document.pk]),
        reverse("recommendations_office:version_detail", args=[first.pk]),
        reverse("recommendations_office:version_detail", args=[second.pk]),
    ]
    assert [client.get(page).status_code for page in pages] == [200, 200, 200]
    compare = client.get(reverse("recommendations_office:compare", args=[document.pk]))
    assert demo_text.ADDED_RECOMMENDATION["title"] in compare.content.decode()


def test_demo_recommendations_loaded_again_change_nothing(demo):
    before = counts()
    call_command("load_demo")
    ensure_demo_recommendations(call=demo, today=timezone.localdate())
    assert counts() == before
    assert before[2] == 50
