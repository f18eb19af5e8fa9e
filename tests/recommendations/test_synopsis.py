"""The Synopse of a round: who may read it, what it shows, and its PDF and XLSX files."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Role
from recommendations import answers
from recommendations.models import CommentSource, CommentVisibility
from tests import factories
from tests.helpers import finish, login_verified
from tests.recommendations.answer_helpers import comment, paragraphs_of, round_with_comments

pytestmark = pytest.mark.django_db


def _url(name, round):
    return reverse(f"synopsis:{name}", args=[round.pk])


def _published(round, office, comments):
    for item in comments:
        answers.comment_answer(
            comment=item,
            status="adopted",
            reason=f"Antwort auf {item.text}",
            revision=0,
            actor=office,
        )
    answers.round_evaluate(round=round, actor=office)
    return answers.answers_publish(round=round, actor=office)


def _participant():
    return factories.UserFactory(role=Role.TRAINER)


def test_office_sees_the_preview_marked_as_draft(office_client, office_user):
    _office, round, _comments = round_with_comments(count=1, actor=office_user, for_public=True)

    html = finish(office_client.get(_url("page", round))).decode()

    assert "Entwurf – noch nicht veröffentlicht" in html
    assert "Kommentar 1" in html


def test_participant_gets_404_before_the_answers_are_published(client):
    _office, round, _comments = round_with_comments(count=1, for_public=True)
    login_verified(client, _participant())

    for name in ("page", "pdf", "xlsx"):
        assert client.get(_url(name, round)).status_code == 404


def test_participant_reads_it_once_published_without_office_only_comments(client):
    office, round, comments = round_with_comments(count=2, for_public=True)
    comments[1].visibility = CommentVisibility.OFFICE
    comments[1].save()
    _published(round, office, comments)
    login_verified(client, _participant())

    html = finish(client.get(_url("page", round))).decode()

    assert "Antwort auf Kommentar 1" in html
    assert "Kommentar 2" not in html
    assert "Entwurf – noch nicht veröffentlicht" not in html


def test_office_view_marks_office_only_comments(office_client, office_user):
    _office, round, (first,) = round_with_comments(count=1, actor=office_user, for_public=True)
    first.visibility = CommentVisibility.OFFICE
    first.save()

    html = finish(office_client.get(_url("page", round))).decode()

    assert "Kommentar 1" in html
    assert "(nur für das Programmbüro)" in html


def test_someone_outside_the_audience_gets_404_even_when_published(client):
    office, round, comments = round_with_comments(count=1, for_trainers=True)
    _published(round, office, comments)
    login_verified(client, factories.UserFactory(role=Role.REVIEWER))

    assert client.get(_url("page", round)).status_code == 404


def test_authors_are_shown_as_chosen(office_client, office_user):
    _office, round, (personal, on_behalf, tested) = round_with_comments(
        count=3, actor=office_user, for_public=True
    )
    on_behalf.municipality = factories.MunicipalityFactory(name="Beispielstadt")
    on_behalf.save()
    tested.source = CommentSource.FIELD_TEST
    tested.save()

    html = finish(office_client.get(_url("page", round))).decode()

    assert html.count(personal.author.full_name) == 2
    assert "Beispielstadt" in html
    assert "(aus dem Praxistest)" in html


def test_names_stay_hidden_where_the_round_includes_the_network(office_client, office_user):
    _office, round, (personal,) = round_with_comments(count=1, actor=office_user, for_network=True)

    html = finish(office_client.get(_url("page", round))).decode()

    assert personal.author.full_name not in html
    assert "persönlicher Beitrag" in html


def test_xlsx_has_one_row_per_comment_with_its_answer(client):
    office, round, comments = round_with_comments(count=2, for_public=True)
    comments[0].text = "=HYPERLINK(1)"
    comments[0].save()
    _published(round, office, comments)
    login_verified(client, _participant())

    response = client.get(_url("xlsx", round))

    sheet = load_workbook(io.BytesIO(finish(response))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == round.title
    assert rows[1][:9] == [
        "Absatz",
        "Text des Absatzes",
        "Markierte Stelle",
        "Art",
        "Kommentar",
        "Vorgeschlagene Formulierung",
        "Von",
        "Status",
        "Begründung",
    ]
    assert [(row[0], row[4], row[7], row[8]) for row in rows[2:]] == [
        ("1.1, Absatz 1", "=HYPERLINK(1)", "übernommen", "Antwort auf =HYPERLINK(1)"),
        ("1.1, Absatz 2", "Kommentar 2", "übernommen", "Antwort auf Kommentar 2"),
    ]
    assert sheet.cell(row=3, column=5).data_type == "s"


def test_pdf_is_tagged_landscape_and_german(office_client, office_user):
    _office, round, _comments = round_with_comments(count=2, actor=office_user)

    response = office_client.get(_url("pdf", round))

    content = finish(response)
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(content))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Entwurf – noch nicht veröffentlicht" in text
    assert "Kommentar 2" in text


def _count(django_assert_num_queries, client, url, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    finish(response)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(("name", "expected"), [("page", 6), ("xlsx", 6), ("pdf", 6)])
def test_synopsis_query_count_is_constant(
    office_client, office_user, django_assert_num_queries, count, name, expected
):
    _office, round, comments = round_with_comments(count=count, actor=office_user)
    comment(
        round=round,
        paragraph=paragraphs_of(round.version)[0],
        municipality=factories.MunicipalityFactory(),
    )
    finish(office_client.get(_url(name, round)))

    _count(django_assert_num_queries, office_client, _url(name, round), expected)


def test_pdf_is_rendered_anew_when_an_answer_changes(office_client, office_user):
    _office, round, (first,) = round_with_comments(count=1, actor=office_user)
    finish(office_client.get(_url("pdf", round)))
    answers.comment_answer(
        comment=first, status="adopted", reason="Neu begründet.", revision=0, actor=office_user
    )

    content = finish(office_client.get(_url("pdf", round)))

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Neu begründet." in text


def test_page_shows_the_synopsis_in_parts_of_a_hundred(office_client, office_user):
    _office, round, _comments = round_with_comments(count=101, actor=office_user)

    first = finish(office_client.get(_url("page", round))).decode()
    second = finish(office_client.get(_url("page", round), {"seite": 2})).decode()

    assert first.count('<tr class="kern-table__row">') == 101  # the header and 100 rows
    assert "Seite 1 von 2" in first
    assert second.count('<tr class="kern-table__row">') == 2


def test_pdf_is_made_in_the_background_once_and_then_served(
    office_client, office_user, monkeypatch
):
    """Rendering a large Synopse takes longer than a request may: the first request starts
    the render and says so, a second one before it is done starts nothing, and once the
    worker has kept the file every request gets it."""
    from recommendations import synopsis

    _office, round, _comments = round_with_comments(count=2, actor=office_user)
    started = []

    class NoWorkerYet:
        def enqueue(self, **kwargs):
            started.append(kwargs)

    monkeypatch.setattr("recommendations.views.synopsis.synopsis_pdf_render", NoWorkerYet())

    first = office_client.get(_url("pdf", round))
    second = office_client.get(_url("pdf", round))

    assert first.status_code == second.status_code == 200
    assert "Das PDF der Synopse wird erstellt" in first.text
    assert started == [{"round_id": round.pk, "office": True}]
    synopsis.synopsis_pdf_store(round_id=round.pk, office=True)
    ready = office_client.get(_url("pdf", round))
    assert ready["Content-Type"] == "application/pdf"
    assert finish(ready).startswith(b"%PDF")


def test_participants_pdf_is_another_file_than_the_offices(client, office_user):
    """The office's PDF holds office-only comments; a participant never gets that file."""
    office, round, comments = round_with_comments(count=2, actor=office_user, for_public=True)
    comments[1].visibility = CommentVisibility.OFFICE
    comments[1].text = "Nur für das Büro bestimmt"
    comments[1].save()
    _published(round, office, comments)
    participant = _participant()
    login_verified(client, participant)
    from recommendations import synopsis

    assert synopsis.synopsis_pdf_name(round=round, office=True) != synopsis.synopsis_pdf_name(
        round=round, office=False
    )
    content = finish(client.get(_url("pdf", round)))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Kommentar 1" in text
    assert "Nur für das Büro bestimmt" not in text


def test_a_new_pdf_removes_the_older_one_of_the_same_reader_only(office_user):
    """Once the Synopse reads differently, no page links to its earlier PDF any more; the
    participants' file is another reader's and stays until their Synopse changes."""
    from django.core.files.storage import default_storage

    from recommendations import synopsis

    office, round, comments = round_with_comments(count=2, actor=office_user, for_public=True)
    _published(round, office, comments)
    participants = synopsis.synopsis_pdf_store(round_id=round.pk, office=False)
    old = synopsis.synopsis_pdf_store(round_id=round.pk, office=True)
    comments[1].visibility = CommentVisibility.OFFICE
    comments[1].save()

    new = synopsis.synopsis_pdf_store(round_id=round.pk, office=True)

    assert new != old
    assert not default_storage.exists(old)
    assert default_storage.exists(new)
    assert default_storage.exists(participants)
    assert participants.rsplit("/", 1)[1].startswith("beteiligte-")
    assert new.rsplit("/", 1)[1].startswith("buero-")
