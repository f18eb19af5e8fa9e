"""Where a comment's paragraph went in the version after the round's."""

import pytest

from recommendations import answer_selectors, services
from recommendations.models import Comment, Paragraph
from tests.recommendations.answer_helpers import comment, ended_round, frozen_version, paragraphs_of
from tests.recommendations.helpers import office_user

pytestmark = pytest.mark.django_db


def _setup(comments_per_paragraph: int = 1):
    office = office_user()
    version = frozen_version(actor=office, recommendations=2, paragraphs=2)
    round = ended_round(version=version)
    for paragraph in paragraphs_of(version):
        for _index in range(comments_per_paragraph):
            comment(round=round, paragraph=paragraph)
    return office, version, round


def _loaded(round):
    return list(Comment.objects.filter(round=round).select_related("paragraph"))


def _next_draft(office, version):
    draft = services.version_draft_create(document=version.document, actor=office)
    first, second, third, _fourth = paragraphs_of(draft)
    services.paragraph_edit(paragraph=first, text="Absatz 1 der neuen Empfehlung 1.", actor=office)
    services.paragraph_delete(paragraph=second, actor=office)
    return draft, third


def test_comment_trace_is_empty_without_a_next_version():
    _office, _version, round = _setup()

    assert answer_selectors.comment_trace(_loaded(round), None) == {}
    assert answer_selectors.next_version(round=round) is None


def test_comment_trace_says_changed_removed_and_unchanged():
    office, version, round = _setup()
    draft, _third = _next_draft(office, version)
    comments = _loaded(round)

    traces = answer_selectors.comment_trace(comments, answer_selectors.next_version(round=round))

    by_position = {
        (c.paragraph.recommendation_id, c.paragraph.position): traces[c.pk] for c in comments
    }
    recommendation_ids = sorted({key[0] for key in by_position})
    changed = by_position[(recommendation_ids[0], 1)]
    removed = by_position[(recommendation_ids[0], 2)]
    unchanged = by_position[(recommendation_ids[1], 1)]
    assert (changed.status, changed.number, changed.version_label) == (
        "changed",
        "1.1, Absatz 1",
        draft.label,
    )
    assert [(s.kind, s.text) for s in changed.segments if s.kind != "same"] == [("ins", "neuen ")]
    assert (removed.status, removed.label) == ("removed", "gestrichen")
    assert (unchanged.status, unchanged.number, unchanged.label) == (
        "unchanged",
        "1.2, Absatz 1",
        "unverändert",
    )


def test_comment_trace_follows_a_moved_paragraph_to_its_new_number():
    office, version, round = _setup()
    draft = services.version_draft_create(document=version.document, actor=office)
    moved = Paragraph.objects.get(
        recommendation__version=draft, recommendation__position=2, position=2
    )
    services.paragraph_move(paragraph=moved, position=2, direction="up", actor=office)
    comments = _loaded(round)
    source = next(c for c in comments if c.paragraph.key == moved.key)

    traces = answer_selectors.comment_trace(comments, answer_selectors.next_version(round=round))

    assert (traces[source.pk].status, traces[source.pk].number) == ("unchanged", "1.2, Absatz 1")


@pytest.mark.parametrize("per_paragraph", [1, 5])
def test_comment_trace_runs_one_query_for_any_number(django_assert_num_queries, per_paragraph):
    office, version, round = _setup(per_paragraph)
    _next_draft(office, version)
    comments = _loaded(round)
    following = answer_selectors.next_version(round=round)

    with django_assert_num_queries(1):
        answer_selectors.comment_trace(comments, following)


def test_comment_trace_compares_each_paragraph_once_however_many_comments_it_has(monkeypatch):
    """Many comments on one paragraph share its trace: the word diff, the costly part of
    a Synopse of a thousand comments, runs once per paragraph."""
    office, version, round = _setup(comments_per_paragraph=6)
    _next_draft(office, version)
    comments = _loaded(round)
    compared = []
    word_diff = answer_selectors.diff.word_diff

    def counting(old, new):
        compared.append(old)
        return word_diff(old, new)

    monkeypatch.setattr(answer_selectors.diff, "word_diff", counting)

    traces = answer_selectors.comment_trace(comments, answer_selectors.next_version(round=round))

    assert len(traces) == 24
    # Four paragraphs, one of them struck from the next version: three diffs.
    assert sorted(compared) == sorted(set(compared))
    assert len(compared) == 3
    changed = [traces[c.pk] for c in comments if traces[c.pk].status == "changed"]
    assert len(changed) == 6
    assert all(trace.segments == changed[0].segments for trace in changed)
