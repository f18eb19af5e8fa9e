"""Evaluation 0004 keeps the existing rows: ended surveys count as closed at their end,
used nonces stay (under a key no nonce can be matched to), responses stay, and the page
nonces leave the sessions that kept them."""

import datetime as dt
import hashlib

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("evaluation", "0003_invitations_and_nonce_survey")]
AFTER = [("evaluation", "0004_close_settle_and_unlinkable_nonces")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def old_apps(transactional_db):
    apps = _migrate(BEFORE)
    yield apps
    _migrate(AFTER)


def _survey(apps, *, ended: bool):
    Instrument = apps.get_model("evaluation", "Instrument")
    InstrumentVersion = apps.get_model("evaluation", "InstrumentVersion")
    Survey = apps.get_model("evaluation", "Survey")
    instrument, _created = Instrument.objects.get_or_create(code="alt", title="Alt")
    version, _created = InstrumentVersion.objects.get_or_create(
        instrument=instrument, number=1, defaults={"published_at": timezone.now()}
    )
    now = timezone.now()
    closes_at = now - dt.timedelta(days=1) if ended else now + dt.timedelta(days=1)
    return Survey.objects.create(
        version=version,
        title="Ende" if ended else "Offen",
        phase="single",
        target_kind="municipality",
        opens_at=now - dt.timedelta(days=10),
        closes_at=closes_at,
        token=f"token-{ended}",
        pair_salt="0" * 32,
    )


def test_ended_surveys_are_closed_at_their_end_and_open_ones_stay_open(old_apps):
    ended, running = _survey(old_apps, ended=True), _survey(old_apps, ended=False)
    new_apps = _migrate(AFTER)
    Survey = new_apps.get_model("evaluation", "Survey")
    assert Survey.objects.get(pk=ended.pk).closed_at == ended.closes_at
    assert Survey.objects.get(pk=running.pk).closed_at is None


def test_used_nonces_and_responses_are_kept_under_new_keys(old_apps):
    survey = _survey(old_apps, ended=False)
    UsedNonce = old_apps.get_model("evaluation", "UsedNonce")
    Response = old_apps.get_model("evaluation", "Response")
    digests = [hashlib.sha256(f"evaluation-nonce|n{i}".encode()).hexdigest() for i in range(3)]
    for digest in digests:
        UsedNonce.objects.create(digest=digest, survey_id=survey.pk)
    response = Response.objects.create(survey_id=survey.pk, submitted_on=timezone.localdate())
    new_apps = _migrate(AFTER)
    kept = new_apps.get_model("evaluation", "UsedNonce").objects.all()
    assert sorted(nonce.survey_id for nonce in kept) == [survey.pk] * 3
    assert {nonce.pk for nonce in kept} & set(digests) == set()
    assert len({nonce.pk for nonce in kept}) == 3
    responses = new_apps.get_model("evaluation", "Response").objects.all()
    assert [(row.pk, row.survey_id) for row in responses] == [(response.pk, survey.pk)]


def test_page_nonces_leave_the_sessions(old_apps):
    store = SessionStore()
    data = store.encode(
        {"_auth_user_id": "7", "evaluation_nonces": ["a"], "evaluation_nonces_used": ["b"]}
    )
    Session.objects.create(
        session_key="mit-nonces",
        session_data=data,
        expire_date=timezone.now() + dt.timedelta(hours=1),
    )
    _migrate(AFTER)
    assert Session.objects.get(pk="mit-nonces").get_decoded() == {"_auth_user_id": "7"}
