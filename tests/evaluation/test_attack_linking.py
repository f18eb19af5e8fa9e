"""Someone holding a copy of the database tries to link a session to a response: by the
page nonce in the session, its digest among the used nonces, the order of rows, the
session's expiry or its transaction id. Nothing may link."""

import hashlib

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from accounts.models import Role
from evaluation.models import Response, UsedNonce
from tests import factories
from tests.evaluation import helpers
from tests.helpers import login_verified


def answer_by_link(client, survey, version):
    page = client.get(f"/evaluation/befragung/{survey.token}/")
    nonce = page.context["nonce"]
    klar = f"item_{helpers.item(version, 'klar').pk}"
    response = client.post(f"/evaluation/befragung/{survey.token}/", {"nonce": nonce, klar: "2"})
    assert response.status_code == 302
    return nonce


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)
    elif value is not None:
        yield str(value)


def candidate_digests(text):
    """What an attacker would try: the text and plain hashes of it."""
    yield text
    for prefix in ("", "evaluation-nonce|"):
        yield hashlib.sha256(f"{prefix}{text}".encode()).hexdigest()


def links_in_a_database_copy(survey):
    """Every (session, used nonce) pair the copy gives away, and every session that names
    the survey or keeps anything of the evaluation."""
    used = set(UsedNonce.objects.values_list("pk", flat=True))
    links = []
    for session in Session.objects.all():
        for text in strings_in(session.get_decoded()):
            if text == survey.token or "evaluation" in text:
                links.append((session.session_key, text))
            for digest in candidate_digests(text):
                if digest in used:
                    links.append((session.session_key, digest))
    return links


def test_database_copy_links_no_session_to_a_response(client, version):
    survey = helpers.survey(version)
    for person in range(3):
        client.cookies.clear()
        if person:
            login_verified(client, factories.UserFactory(role=Role.TEAM_MEMBER))
        answer_by_link(client, survey, version)
    assert Response.objects.count() == 3
    assert links_in_a_database_copy(survey) == []


def test_logged_in_respondent_session_holds_nothing_after_answering(client, version):
    survey = helpers.survey(version)
    login_verified(client, factories.UserFactory(role=Role.TEAM_MEMBER))
    before = dict(client.session.items())
    expiry = Session.objects.get().expire_date
    nonce = answer_by_link(client, survey, version)
    session = Session.objects.get()
    assert session.get_decoded() == before
    assert session.expire_date == expiry
    assert nonce not in session.session_data


def test_used_nonce_keeps_no_order_and_no_plain_digest(version):
    from evaluation import answering

    survey = helpers.survey(version)
    answering.response_submit(survey=survey, values={}, nonce=answering.nonce_issue(survey=survey))
    assert UsedNonce._meta.pk.name == "digest"
    assert {field.name for field in UsedNonce._meta.get_fields()} == {"digest", "survey"}


def test_used_nonce_is_keyed_with_a_server_secret(version):
    from evaluation import answering

    survey = helpers.survey(version)
    nonce = answering.nonce_issue(survey=survey)
    answering.response_submit(survey=survey, values={}, nonce=nonce)
    digest = UsedNonce.objects.get().pk
    assert digest not in set(candidate_digests(nonce))


def test_response_keeps_no_day_or_time():
    fields = {field.name for field in Response._meta.get_fields()}
    assert fields == {"id", "survey", "pair_hash", "answers"}
    assert Response._meta.pk.get_internal_type() == "UUIDField"


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_answering_leaves_the_session_row_untouched_on_postgresql(client, version):
    """A session row rewritten while answering would carry a transaction id next to the
    response's, linking the two."""
    survey = helpers.survey(version)
    login_verified(client, factories.UserFactory(role=Role.TEAM_MEMBER))

    def xmin():
        with connection.cursor() as cursor:
            cursor.execute("SELECT xmin::text FROM django_session")
            return cursor.fetchall()

    before = xmin()
    answer_by_link(client, survey, version)
    assert xmin() == before


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_closing_leaves_no_transaction_order_among_the_answers(version):
    """Each answer stored in its own transaction carries its own xmin, which orders the
    answers and places each among whatever else was written then. Closing rewrites them
    all in one transaction."""
    from evaluation import answering

    survey = helpers.survey(version)
    klar = helpers.item(version, "klar").pk
    for value in (1, 2, 3, 4, 5, 1):
        answering.response_submit(survey=survey, values={klar: value})

    def xmins(table, column):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT xmin::text FROM {table} WHERE {column} IN "  # noqa: S608
                "(SELECT id FROM evaluation_response WHERE survey_id = %s)",
                [survey.pk],
            )
            return cursor.fetchall()

    answering.survey_close(survey=survey, actor=None)
    assert len(xmins("evaluation_response", "id")) == 1
    assert len(xmins("evaluation_answer", "response_id")) == 1
