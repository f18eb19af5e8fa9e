"""Demo data and the selector for the programme area."""

from evaluation.demo import ensure_demo_instruments, ensure_demo_surveys
from evaluation.models import Instrument, Response, Survey
from evaluation.selectors import response_share, session_responses
from evaluation.views.results import survey_results_data
from tests.evaluation import helpers
from tests.programme_helpers import berlin, session


def test_demo_is_idempotent(call, muni_a, muni_b):
    ensure_demo_surveys(call=call, municipalities=[muni_a, muni_b])
    counts = (Instrument.objects.count(), Survey.objects.count(), Response.objects.count())
    ensure_demo_instruments()
    ensure_demo_surveys(call=call, municipalities=[muni_a, muni_b])
    assert counts == (Instrument.objects.count(), Survey.objects.count(), Response.objects.count())
    assert counts[0] == 4


def test_demo_shows_results_and_a_suppressed_group(call, muni_a, muni_b, office):
    surveys = ensure_demo_surveys(call=call, municipalities=[muni_a, muni_b])
    shown = survey_results_data(survey=surveys[0], with_texts=True, user=office)
    hidden = survey_results_data(survey=surveys[1], with_texts=True, user=office)
    assert (shown.n, hidden.n) == (12, 0)
    assert hidden.suppressed_note == "weniger als 5 Antworten – nicht ausgewiesen"


def test_demo_pre_post_pairs_are_linked(call, muni_a, muni_b, office):
    surveys = ensure_demo_surveys(call=call, municipalities=[muni_a, muni_b])
    post = next(s for s in surveys if s.phase == "post")
    comparison = survey_results_data(survey=post, with_texts=False, user=office).comparison
    assert {row.pairs for row in comparison} == {6}


def _session_survey(version, session_id, responses, **fields):
    survey = helpers.survey(version, **{"closed": True, **fields})
    survey.target_kind, survey.target_id = "session", session_id
    survey.save()
    helpers.answer(survey, responses)
    return survey


def _responses_per_session(call, muni_a):
    from trainings.models import TrainingSession

    rows = TrainingSession.objects.filter(call=call, municipality=muni_a).annotate(
        n=session_responses()
    )
    return {row.pk: row.n for row in rows}


def test_session_responses_takes_the_best_answered_survey_of_a_session(version, call, muni_a):
    answered = session(call, muni_a, berlin(2026, 3, 2, 9, 0))
    pre = _session_survey(version, answered.pk, 4, phase="pre")
    _session_survey(version, answered.pk, 3, phase="post", pair_with=pre)
    assert _responses_per_session(call, muni_a) == {answered.pk: 4}


def test_session_responses_is_zero_with_a_survey_and_none_without(version, call, muni_a):
    silent = session(call, muni_a, berlin(2026, 3, 2, 9, 0))
    without = session(call, muni_a, berlin(2026, 3, 3, 9, 0))
    _session_survey(version, silent.pk, 0)
    assert _responses_per_session(call, muni_a) == {silent.pk: 0, without.pk: None}


def test_session_responses_leaves_out_surveys_still_open(version, call, muni_a):
    training = session(call, muni_a, berlin(2026, 3, 2, 9, 0))
    _session_survey(version, training.pk, 4, closed=False)
    assert _responses_per_session(call, muni_a) == {training.pk: None}


def test_session_responses_of_a_closed_survey_beside_an_open_one(version, call, muni_a):
    training = session(call, muni_a, berlin(2026, 3, 2, 9, 0))
    pre = _session_survey(version, training.pk, 2, phase="pre")
    _session_survey(version, training.pk, 5, phase="post", pair_with=pre, closed=False)
    assert _responses_per_session(call, muni_a) == {training.pk: 2}


def test_response_share_percent_rounds_half_up():
    share = response_share(sessions=[(8, 1)])
    assert share.percent == 13


def test_response_share_leaves_out_sessions_without_survey_or_participants():
    share = response_share(sessions=[(10, 4), (8, None), (None, 3), (6, 2)])
    assert (share.answered, share.participants, share.percent) == (6, 16, 38)


def test_response_share_never_counts_more_answers_than_participants():
    share = response_share(sessions=[(5, 9), (5, 5)])
    assert (share.answered, share.participants, share.percent) == (10, 10, 100)


def test_response_share_is_none_without_any_surveyed_session():
    assert response_share(sessions=[(12, None)]) is None


def test_demo_surveys_with_answers_are_closed(call, muni_a, muni_b):
    surveys = ensure_demo_surveys(call=call, municipalities=[muni_a, muni_b])
    answered = {s.pk for s in surveys if s.responses.exists()}
    assert answered
    assert all(s.results_available for s in surveys if s.pk in answered)
