"""Demo data and the selector for the programme area."""

from evaluation.demo import ensure_demo_instruments, ensure_demo_surveys
from evaluation.models import Instrument, Response, Survey
from evaluation.selectors import answered_participants
from evaluation.views.results import survey_results_data
from tests.evaluation import helpers


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


def test_answered_participants_counts_per_session(version):
    first = helpers.survey(version)
    first.target_kind, first.target_id = "session", 41
    first.save()
    helpers.answer(first, 3)
    other = helpers.survey(version)
    helpers.answer(other, 2)
    assert answered_participants(session_ids=[41, 42]) == {41: 3}


def test_demo_surveys_with_answers_are_closed(call, muni_a, muni_b):
    surveys = ensure_demo_surveys(call=call, municipalities=[muni_a, muni_b])
    answered = {s.pk for s in surveys if s.responses.exists()}
    assert answered
    assert all(s.results_available for s in surveys if s.pk in answered)
