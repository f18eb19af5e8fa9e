"""The office's answering pages: the list of rounds, a round's comments with their
answer forms, the conflict of two office members, evaluating and publishing."""

import pytest
from django.urls import reverse

from recommendations import answers
from recommendations.models import AnswerStatus
from tests.helpers import finish, login_verified
from tests.recommendations.answer_helpers import (
    comment,
    ended_round,
    frozen_version,
    paragraphs_of,
    reply,
    round_with_comments,
)
from tests.recommendations.helpers import office_user

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"recommendation_answers:{name}", args=args)


def _post_answer(client, target, status="adopted", reason="Übernommen.", revision=0, **extra):
    prefix = f"c{target.pk}"
    data = {
        f"{prefix}-status": status,
        f"{prefix}-reason": reason,
        f"{prefix}-revision": revision,
        **extra,
    }
    return client.post(_url("comment_answer", target.pk), data)


def test_pages_refuse_a_coordinator(client, coordinator):
    _office, round, (first,) = round_with_comments(count=1)
    login_verified(client, coordinator)

    for url in (_url("round_list"), _url("round", round.pk), _url("comment_answer", first.pk)):
        assert client.get(url).status_code == 403


def test_round_page_says_how_many_are_answered_and_shows_the_open_ones(office_client, office_user):
    _office, round, (first, second, third) = round_with_comments(count=3, actor=office_user)
    answers.comment_answer(
        comment=first, status="adopted", reason="Ja.", revision=0, actor=office_user
    )

    html = finish(office_client.get(_url("round", round.pk))).decode()

    assert "1 von 3 Kommentaren beantwortet" in html
    assert "Noch 2 Kommentare sind offen." in html
    assert f'id="kommentar-{second.pk}"' in html and f'id="kommentar-{third.pk}"' in html
    assert f'id="kommentar-{first.pk}"' not in html


def test_round_page_with_one_comment_speaks_singular(office_client, office_user):
    _office, round, _comments = round_with_comments(count=1, actor=office_user)

    html = finish(office_client.get(_url("round", round.pk))).decode()

    assert "0 von 1 Kommentar beantwortet" in html


def test_round_page_filters_answered_and_by_recommendation(office_client, office_user):
    _office, round, (first, second) = round_with_comments(count=2, actor=office_user)
    answers.comment_answer(
        comment=first, status="adopted", reason="Ja.", revision=0, actor=office_user
    )

    answered = finish(office_client.get(_url("round", round.pk), {"zeige": "beantwortet"}))
    everything = finish(
        office_client.get(
            _url("round", round.pk),
            {"zeige": "alle", "stelle": f"e{first.paragraph.recommendation_id}"},
        )
    )

    assert f'id="kommentar-{first.pk}"'.encode() in answered
    assert f'id="kommentar-{second.pk}"'.encode() not in answered
    assert f'id="kommentar-{second.pk}"'.encode() in everything


def test_round_page_shows_the_passage_marked_and_the_replies(office_client, office_user):
    _office, round, (first,) = round_with_comments(count=1, actor=office_user)
    first.quote, first.quote_start, first.quote_end = "Absatz 1", 0, 8
    first.suggested_wording, first.kind = "Absatz eins", "proposal"
    first.save()
    reply(to=first, text="Dem schließe ich mich an.")

    html = finish(office_client.get(_url("round", round.pk))).decode()

    assert "<mark>Absatz 1</mark> der Empfehlung 1." in html
    assert "Absatz eins" in html
    assert "Dem schließe ich mich an." in html
    assert first.author.full_name in html


def test_answer_saves_and_goes_back_to_the_list_it_came_from(office_client, office_user):
    _office, round, (first,) = round_with_comments(count=1, actor=office_user)

    response = _post_answer(office_client, first, zeige="alle", seite="1")

    assert response.status_code == 302
    assert response["Location"] == (
        f"{_url('round', round.pk)}?zeige=alle&seite=1#kommentar-{first.pk}"
    )
    first.refresh_from_db()
    assert (first.answer_status, first.answered_by) == ("adopted", office_user)


def test_answer_without_reason_shows_the_error_at_the_field(office_client, office_user):
    _office, _round, (first,) = round_with_comments(count=1, actor=office_user)

    response = _post_answer(office_client, first, reason="")

    assert response.status_code == 200
    assert "Bitte begründen Sie die Antwort." in response.content.decode()
    first.refresh_from_db()
    assert first.answer_status == ""


def test_answer_with_a_bad_revision_is_a_field_error_not_a_crash(office_client, office_user):
    _office, _round, (first,) = round_with_comments(count=1, actor=office_user)

    response = _post_answer(office_client, first, revision="abc")

    assert response.status_code == 200


def test_second_office_member_is_told_and_keeps_what_they_typed(client, office_user):
    """Two office members answer the same comment from the same page: the second sees
    the first one's answer beside their own input, and the form is ready with the new
    revision."""
    _office, _round, (first,) = round_with_comments(count=1, actor=office_user)
    colleague = office_user_factory()
    answers.comment_answer(
        comment=first,
        status=AnswerStatus.NOT_ADOPTED,
        reason="Außerhalb unserer Möglichkeiten.",
        revision=0,
        actor=colleague,
    )
    login_verified(client, office_user)

    response = _post_answer(client, first, status="partly_adopted", reason="Teils ja.")

    html = response.content.decode()
    assert response.status_code == 200
    assert f"Inzwischen hat {colleague.full_name} am " in html
    assert "Außerhalb unserer Möglichkeiten." in html
    assert "Teils ja." in html
    assert f'name="c{first.pk}-revision" value="1"' in html
    assert (
        f'value="partly_adopted" id="id_c{first.pk}-status_1" class="kern-form-check__radio" '
        'aria-required="true" checked>'
    ) in html
    assert html.count(" checked") == 1
    first.refresh_from_db()
    assert (first.answer_status, first.answer_revision) == ("not_adopted", 1)

    again = _post_answer(client, first, status="partly_adopted", reason="Teils ja.", revision=1)

    assert again.status_code == 302
    first.refresh_from_db()
    assert (first.answer_status, first.answer_reason) == ("partly_adopted", "Teils ja.")


def office_user_factory():
    return office_user()


def test_evaluate_with_open_comments_is_refused_with_a_message(office_client, office_user):
    _office, round, _comments = round_with_comments(count=2, actor=office_user)

    response = office_client.post(_url("round_evaluate", round.pk), follow=True)

    assert "Noch 2 Kommentare sind unbeantwortet." in response.content.decode()
    round.refresh_from_db()
    assert round.evaluated_at is None


def test_evaluate_then_publish_with_confirmation(office_client, office_user):
    _office, round, (first,) = round_with_comments(count=1, actor=office_user)
    _post_answer(office_client, first)

    office_client.post(_url("round_evaluate", round.pk))
    confirmation = finish(office_client.get(_url("answers_publish", round.pk))).decode()
    office_client.post(_url("answers_publish", round.pk))
    office_client.post(_url("answers_publish", round.pk))  # a second click

    round.refresh_from_db()
    assert "Ja, Antworten veröffentlichen" in confirmation
    assert round.evaluated_at is not None and round.answers_published_at is not None
    page = finish(office_client.get(_url("round", round.pk))).decode()
    assert f'action="{_url("comment_answer", first.pk)}"' not in page


def test_round_list_shows_progress(office_client, office_user):
    _office, round, _comments = round_with_comments(count=2, actor=office_user)

    html = finish(office_client.get(_url("round_list"))).decode()

    assert round.title in html
    assert "0 von 2 Kommentaren beantwortet" in html
    assert "beendet, in Auswertung" in html


def _count(django_assert_num_queries, client, url, expected, **params):
    with django_assert_num_queries(expected):
        response = client.get(url, params)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_round_page_query_count_is_constant(
    office_client, office_user, django_assert_num_queries, count
):
    _office, round, comments = round_with_comments(count=count, actor=office_user)
    for item in comments:
        reply(to=item)
    office_client.get(_url("round", round.pk))  # warm the session and the caches

    _count(django_assert_num_queries, office_client, _url("round", round.pk), 10, zeige="alle")


def test_round_page_with_500_comments_keeps_its_query_count(
    office_client, office_user, django_assert_num_queries
):
    _office, round, comments = round_with_comments(count=500, actor=office_user)
    reply(to=comments[0])
    office_client.get(_url("round", round.pk))

    _count(django_assert_num_queries, office_client, _url("round", round.pk), 10, zeige="alle")
    _count(
        django_assert_num_queries,
        office_client,
        _url("round", round.pk),
        10,
        zeige="alle",
        seite=20,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_round_list_query_count_is_constant(
    office_client, office_user, django_assert_num_queries, count
):
    version = frozen_version(actor=office_user)
    for index in range(count):
        round = ended_round(version=version, title=f"Runde {index}")
        comment(round=round, paragraph=paragraphs_of(version)[0])
    office_client.get(_url("round_list"))

    _count(django_assert_num_queries, office_client, _url("round_list"), 5)


def test_a_reply_has_no_answer_page(office_client, office_user):
    _office, _round, (first,) = round_with_comments(count=1, actor=office_user)
    answer_to = reply(to=first)

    assert office_client.get(_url("comment_answer", answer_to.pk)).status_code == 404
    assert _post_answer(office_client, answer_to).status_code == 404


def test_answer_with_an_unknown_status_says_so_at_the_field(office_client, office_user):
    _office, _round, (first,) = round_with_comments(count=1, actor=office_user)

    response = _post_answer(office_client, first, status="accepted")

    assert response.status_code == 200
    assert "Bitte wählen Sie einen Status." in response.content.decode()


def test_markup_in_a_comment_and_its_paragraph_is_shown_as_text(office_client, office_user):
    _office, round, (first,) = round_with_comments(count=1, actor=office_user)
    first.paragraph.text = "Vorher <script>alert(1)</script> nachher"
    first.paragraph.save()
    first.quote, first.quote_start, first.quote_end = "<script>", 7, 15
    first.text = "<b>fett</b>"
    first.save()

    html = finish(office_client.get(_url("round", round.pk))).decode()

    assert "<script>alert(1)" not in html
    assert "Vorher <mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt; nachher" in html
    assert "&lt;b&gt;fett&lt;/b&gt;" in html
