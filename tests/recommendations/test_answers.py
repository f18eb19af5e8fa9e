"""The office's answers to the comments of a round, the evaluation and the publication."""

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEntry
from recommendations import answers
from recommendations.models import AnswerStatus
from tests.recommendations.answer_helpers import (
    comment,
    frozen_version,
    paragraphs_of,
    reply,
    round_with_comments,
    running_round,
)
from tests.recommendations.helpers import office_user

pytestmark = pytest.mark.django_db


def _answer(target, actor, status=AnswerStatus.ADOPTED, reason="Übernommen.", revision=0):
    return answers.comment_answer(
        comment=target, status=status, reason=reason, revision=revision, actor=actor
    )


@pytest.mark.parametrize("status", AnswerStatus.values)
def test_comment_answer_saves_every_status_with_its_reason(status):
    office, _round, (first,) = round_with_comments(count=1)

    _answer(first, office, status=status, reason="  Weil es so ist.  ")

    first.refresh_from_db()
    assert (first.answer_status, first.answer_reason) == (status, "Weil es so ist.")
    assert (first.answered_by, first.answer_revision) == (office, 1)


def test_comment_answer_records_the_audit_entry():
    office, _round, (first,) = round_with_comments(count=1)

    _answer(first, office)

    entry = AuditEntry.objects.get(action="recommendations.comment_answer")
    assert (entry.object_id, entry.actor) == (str(first.pk), office)
    assert entry.changes["answer_status"] == ["", "adopted"]


def test_comment_answer_without_reason_is_refused_at_the_field():
    office, _round, (first,) = round_with_comments(count=1)

    with pytest.raises(ValidationError) as caught:
        _answer(first, office, reason="   ")

    assert caught.value.message_dict == {"reason": ["Bitte begründen Sie die Antwort."]}
    first.refresh_from_db()
    assert first.answer_status == ""


def test_comment_answer_with_an_unknown_status_is_refused():
    office, _round, (first,) = round_with_comments(count=1)

    with pytest.raises(ValidationError) as caught:
        _answer(first, office, status="accepted")

    assert caught.value.message_dict == {"status": ["Bitte wählen Sie einen Status."]}


def test_comment_answer_refuses_a_reply():
    office, round, (first,) = round_with_comments(count=1)
    answer_to = reply(to=first)

    with pytest.raises(ValidationError) as caught:
        _answer(answer_to, office)

    assert caught.value.code == "reply"


def test_comment_answer_from_an_older_page_is_a_conflict_with_the_stored_answer():
    office, _round, (first,) = round_with_comments(count=1)
    colleague = office_user()
    _answer(first, colleague, status=AnswerStatus.NOT_ADOPTED, reason="Passt nicht.")

    with pytest.raises(answers.AnswerConflict) as caught:
        _answer(first, office, status=AnswerStatus.ADOPTED, reason="Gute Idee.", revision=0)

    stored = caught.value.stored
    assert (stored.status, stored.reason, stored.answered_by, stored.revision) == (
        "not_adopted",
        "Passt nicht.",
        colleague.full_name,
        1,
    )
    assert stored.answered_at is not None
    assert caught.value.messages[0].startswith(f"Inzwischen hat {colleague.full_name} am ")
    first.refresh_from_db()
    assert (first.answer_status, first.answer_reason) == ("not_adopted", "Passt nicht.")


def test_comment_answer_with_the_new_revision_replaces_the_answer():
    office, _round, (first,) = round_with_comments(count=1)
    _answer(first, office, status=AnswerStatus.NOT_ADOPTED, reason="Passt nicht.")

    _answer(first, office, status=AnswerStatus.PARTLY_ADOPTED, reason="Teilweise.", revision=1)

    first.refresh_from_db()
    assert (first.answer_status, first.answer_revision) == ("partly_adopted", 2)


def test_comment_answer_sent_twice_is_kept_once():
    office, _round, (first,) = round_with_comments(count=1)
    _answer(first, office)

    _answer(first, office)  # the second click still carries revision 0

    first.refresh_from_db()
    assert first.answer_revision == 1
    assert AuditEntry.objects.filter(action="recommendations.comment_answer").count() == 1


def test_comment_answer_may_begin_while_the_round_runs():
    office = office_user()
    version = frozen_version(actor=office)
    round = running_round(version=version)
    early = comment(round=round, paragraph=paragraphs_of(version)[0])

    _answer(early, office)

    early.refresh_from_db()
    assert early.answer_status == "adopted"


def test_comment_answer_is_frozen_once_the_answers_are_published():
    office, round, (first,) = round_with_comments(count=1)
    _answer(first, office)
    answers.round_evaluate(round=round, actor=office)
    answers.answers_publish(round=round, actor=office)

    with pytest.raises(ValidationError) as caught:
        _answer(first, office, status=AnswerStatus.NOT_ADOPTED, reason="Doch nicht.", revision=1)

    assert caught.value.code == "published"
    first.refresh_from_db()
    assert first.answer_status == "adopted"


def test_round_evaluate_is_refused_with_the_number_of_open_comments():
    office, round, (first, _second, _third) = round_with_comments(count=3)
    _answer(first, office)

    with pytest.raises(ValidationError) as caught:
        answers.round_evaluate(round=round, actor=office)

    assert caught.value.code == "open_comments"
    assert caught.value.messages[0].startswith("Noch 2 Kommentare sind unbeantwortet.")
    round.refresh_from_db()
    assert round.evaluated_at is None


def test_round_evaluate_counts_top_level_comments_only():
    office, round, (first,) = round_with_comments(count=1)
    reply(to=first)
    _answer(first, office)

    answers.round_evaluate(round=round, actor=office)

    round.refresh_from_db()
    assert (round.evaluated_at is not None, round.evaluated_by) == (True, office)
    assert AuditEntry.objects.filter(action="recommendations.round_evaluate").count() == 1


def test_round_evaluate_is_refused_before_the_end():
    office = office_user()
    round = running_round(version=frozen_version(actor=office))

    with pytest.raises(ValidationError) as caught:
        answers.round_evaluate(round=round, actor=office)

    assert caught.value.code == "running"


def test_round_evaluate_twice_keeps_the_first_date():
    office, round, _comments = round_with_comments(count=0)
    first = answers.round_evaluate(round=round, actor=office).evaluated_at

    again = answers.round_evaluate(round=round, actor=office_user())

    assert (again.evaluated_at, again.evaluated_by) == (first, office)


def test_answers_publish_is_refused_before_the_evaluation():
    office, round, _comments = round_with_comments(count=0)

    with pytest.raises(ValidationError) as caught:
        answers.answers_publish(round=round, actor=office)

    assert caught.value.code == "not_evaluated"
    round.refresh_from_db()
    assert round.answers_published_at is None


def test_answers_publish_happens_once():
    office, round, _comments = round_with_comments(count=0)
    answers.round_evaluate(round=round, actor=office)
    published = answers.answers_publish(round=round, actor=office).answers_published_at

    again = answers.answers_publish(round=round, actor=office)

    assert again.answers_published_at == published
    assert AuditEntry.objects.filter(action="recommendations.answers_publish").count() == 1


def test_answers_publish_leaves_the_mail_to_the_sweep():
    office, round, _comments = round_with_comments(count=0)
    answers.round_evaluate(round=round, actor=office)

    answers.answers_publish(round=round, actor=office)

    round.refresh_from_db()
    assert round.answers_mail_sent_at is None
