"""The Synopse tells where each paragraph went in the next version. The office's next
version stays its own until it is published: participants read the trace only into a
published version, the office into the next version whatever its state."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from recommendations import answers, services, synopsis
from recommendations.models import Licence
from tests import factories
from tests.helpers import finish, login_verified
from tests.recommendations.answer_helpers import paragraphs_of, round_with_comments

pytestmark = pytest.mark.django_db

SECRET = "Geheimer Wortlaut aus dem Büro"


def _url(name, round):
    return reverse(f"synopsis:{name}", args=[round.pk])


def _published_round(office):
    _office, round, comments = round_with_comments(count=2, actor=office, for_public=True)
    for item in comments:
        answers.comment_answer(
            comment=item, status="adopted", reason="Gut.", revision=0, actor=office
        )
    answers.round_evaluate(round=round, actor=office)
    answers.answers_publish(round=round, actor=office)
    return round


def _next_version(office, round, *, state):
    """The office's next version with the first paragraph reworded: a draft, frozen or
    published."""
    draft = services.version_draft_create(document=round.version.document, actor=office)
    first = paragraphs_of(draft)[0]
    services.paragraph_edit(paragraph=first, text=SECRET, actor=office)
    if state == "draft":
        return draft
    frozen = services.version_freeze(version=draft, label="2.0", actor=office)
    if state == "frozen":
        return frozen
    return services.version_publish(version=frozen, licence=Licence.CC_BY, actor=office)


def _xlsx_text(response) -> str:
    sheet = load_workbook(io.BytesIO(finish(response))).active
    return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


@pytest.mark.parametrize("state", ["draft", "frozen"])
def test_participants_do_not_read_the_offices_unpublished_next_version(
    office_client, office_user, state
):
    round = _published_round(office_user)
    following = _next_version(office_user, round, state=state)
    client = Client()
    login_verified(client, factories.UserFactory(role=Role.TRAINER))

    page = finish(client.get(_url("page", round))).decode()
    sheet = _xlsx_text(client.get(_url("xlsx", round)))
    rows = synopsis.synopsis_context(round=round, office=False)["rows"]

    for text in (page, sheet):
        assert SECRET not in text
        assert following.label not in text
    assert [row.trace for row in rows] == [None, None]
    office_page = finish(office_client.get(_url("page", round))).decode()
    office_sheet = _xlsx_text(office_client.get(_url("xlsx", round)))
    for text in (office_page, office_sheet):
        assert following.label in text
    assert "Geheimer" in office_page
    assert "gestrichen" not in office_sheet
    assert "geändert" in office_sheet


def test_participants_read_where_the_paragraph_went_once_the_version_is_published(
    client, office_user
):
    round = _published_round(office_user)
    following = _next_version(office_user, round, state="published")
    login_verified(client, factories.UserFactory(role=Role.TRAINER))

    page = finish(client.get(_url("page", round))).decode()
    sheet = _xlsx_text(client.get(_url("xlsx", round)))

    assert "Geheimer" in page
    assert f"{following.label}: geändert, jetzt 1.1, Absatz 1" in sheet
