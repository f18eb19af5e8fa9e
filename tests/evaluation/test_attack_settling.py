"""Results open only once a survey is closed under the lock that accepts answers, and a
settling time has passed: an answer accepted just before the end cannot change figures
someone has already seen."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from evaluation import answering
from evaluation.models import Response, Survey
from evaluation.results import compute, load
from tests.evaluation import helpers


def answered_and_just_ended(version, *, seconds_ago=3):
    survey = helpers.survey(version)
    helpers.answer(survey, 6, klar=4)
    Survey.objects.filter(pk=survey.pk).update(
        closes_at=timezone.now() - dt.timedelta(seconds=seconds_ago)
    )
    survey.refresh_from_db()
    return survey


def test_results_stay_closed_right_after_the_end(version):
    survey = answered_and_just_ended(version)
    assert survey.results_available is False
    results = compute(
        items=list(version.items.all()),
        surveys=[survey],
        loaded=load(surveys=[survey]),
        threshold=5,
        with_texts=False,
    )
    assert results.n == 0


def test_results_stay_closed_until_the_settling_time_after_closing(version):
    survey = answered_and_just_ended(version)
    answering.surveys_close_due()
    survey.refresh_from_db()
    assert survey.closed_at is not None
    assert survey.results_available is False
    with override_settings(EVALUATION_SETTLING_MINUTES=0):
        assert survey.results_available is True


def test_results_open_once_closed_and_settled(version):
    survey = answered_and_just_ended(version)
    answering.surveys_close_due()
    # As if the settling time had passed since.
    Survey.objects.filter(pk=survey.pk).update(closed_at=timezone.now() - dt.timedelta(minutes=16))
    survey.refresh_from_db()
    assert survey.results_available is True


def test_a_survey_past_its_end_is_not_settled_before_it_is_closed(version):
    survey = answered_and_just_ended(version, seconds_ago=3600)
    assert survey.closed_at is None
    assert survey.results_available is False


def test_closed_survey_accepts_no_answer_even_before_its_end(version, office):
    survey = helpers.survey(version)
    answering.survey_close(survey=survey, actor=office)
    with pytest.raises(ValidationError, match="Diese Befragung ist nicht geöffnet"):
        answering.response_submit(survey=survey, values={helpers.item(version, "klar").pk: 3})
    assert Response.objects.count() == 0


def test_survey_close_is_idempotent(version, office):
    survey = helpers.survey(version)
    first = answering.survey_close(survey=survey, actor=office).closed_at
    second = answering.survey_close(survey=survey, actor=office).closed_at
    assert first == second


def test_office_closes_a_survey_early(login, office, version):
    survey = helpers.survey(version)
    response = login(office).post(f"/evaluation/geschaeftsstelle/befragungen/{survey.pk}/beenden/")
    survey.refresh_from_db()
    assert response.status_code == 302
    assert survey.closed_at is not None
    assert survey.closes_at <= timezone.now()


def test_close_command_closes_what_has_ended(version, capsys):
    from django.core.management import call_command

    ended = answered_and_just_ended(version)
    running = helpers.survey(version)
    call_command("evaluation_close")
    ended.refresh_from_db()
    running.refresh_from_db()
    assert (ended.closed_at is not None, running.closed_at) == (True, None)
    assert capsys.readouterr().out == "1 surveys closed\n"


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
class TestCloseWaitsForAnAnswerInFlight:
    """An answer is being stored when the survey closes. With the lock the close waits
    until the answer is committed; without it the answer commits after the close, so
    results seen in between would differ from results seen later by that one answer."""

    def race(self, monkeypatch, version):
        survey = helpers.survey(version)
        inside = threading.Event()
        order: list[str] = []
        errors: list[BaseException] = []

        closed = threading.Event()

        def pause():
            inside.set()
            # With the lock the close cannot finish meanwhile; carry on after a moment.
            closed.wait(timeout=1.5)

        monkeypatch.setattr(answering, "pause_before_storing_an_answer", pause)

        def answer():
            try:
                answering.response_submit(
                    survey=survey, values={helpers.item(version, "klar").pk: 3}
                )
                order.append("answer")
            except BaseException as exc:  # reported by the assert below
                errors.append(exc)
            finally:
                connection.close()

        def close():
            try:
                inside.wait(timeout=5)
                answering.survey_close(survey=survey, actor=None)
                order.append("close")
                closed.set()
            except BaseException as exc:  # reported by the assert below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=answer), threading.Thread(target=close)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
        assert errors == []
        return order

    def test_close_waits_for_the_answer_being_stored(self, monkeypatch, version):
        assert self.race(monkeypatch, version) == ["answer", "close"]

    def test_without_the_lock_the_answer_commits_after_the_close(self, monkeypatch, version):
        monkeypatch.setattr(answering, "LOCK_SURVEY_ROW", False)
        assert self.race(monkeypatch, version) == ["close", "answer"]


def test_results_page_names_when_the_results_open(login, office, version, muni_a):
    survey = helpers.survey(version, municipality=muni_a)
    helpers.answer(survey, 6, klar=4)
    survey = answering.survey_close(survey=survey, actor=office)
    body = login(office).get(f"/evaluation/ergebnisse/{survey.pk}/").content.decode()
    assert "Sie ist beendet; die Ergebnisse erscheinen ab " in body
    assert "6 Antworten" not in body
