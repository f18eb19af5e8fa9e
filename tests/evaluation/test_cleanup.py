"""The daily cleanup of closed surveys: used nonces and invitation addresses."""

import pytest
from django.core.management import call_command

from evaluation import answering, services
from evaluation.models import Response, SurveyInvitation, UsedNonce
from tests.evaluation import helpers

pytestmark = pytest.mark.django_db


def answered(survey, nonce):
    return answering.response_submit(survey=survey, values={}, nonce=nonce)


def test_answer_stores_its_nonce_with_the_survey(version):
    survey = helpers.survey(version)
    answered(survey, "n-1")
    assert UsedNonce.objects.get().survey_id == survey.pk


def test_cleanup_deletes_nonces_and_invitations_of_closed_surveys_only(version, office):
    running, ending = helpers.survey(version), helpers.survey(version)
    for survey, nonce in ((running, "n-1"), (ending, "n-2")):
        answered(survey, nonce)
        services.survey_invite(survey=survey, emails=["a@example.org"], actor=office)
    helpers.close(ending)
    cleaned = services.evaluation_cleanup()
    assert (cleaned.nonces, cleaned.invitations) == (1, 1)
    assert list(UsedNonce.objects.values_list("survey_id", flat=True)) == [running.pk]
    assert list(SurveyInvitation.objects.values_list("survey_id", flat=True)) == [running.pk]


def test_cleanup_keeps_the_responses(version):
    survey = helpers.survey(version)
    answered(survey, "n-1")
    helpers.close(survey)
    services.evaluation_cleanup()
    assert Response.objects.filter(survey=survey).count() == 1


def test_cleanup_command_reports_what_it_deleted(version, office, capsys):
    survey = helpers.survey(version)
    answered(survey, "n-1")
    services.survey_invite(survey=survey, emails=["a@example.org", "b@example.org"], actor=office)
    helpers.close(survey)
    call_command("evaluation_cleanup")
    assert capsys.readouterr().out == "1 nonces, 2 invitations, 0 sessions deleted\n"
    assert not SurveyInvitation.objects.exists()
