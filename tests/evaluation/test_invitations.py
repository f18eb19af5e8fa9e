"""Mailing a survey's shared link to a list of addresses, kept apart from the answers."""

import pytest
from django.core import mail

from accounts.models import Role
from evaluation import services
from evaluation.models import Response, SurveyInvitation
from tests import factories
from tests.evaluation import helpers

BASE = "/evaluation/geschaeftsstelle/befragungen"

pytestmark = pytest.mark.django_db


def invite(client, survey, emails, capture):
    with capture(execute=True):
        return client.post(f"{BASE}/{survey.pk}/einladen/", {"emails": emails})


def test_invitation_has_no_relation_to_responses():
    related = {
        field.related_model
        for field in SurveyInvitation._meta.get_fields()
        if field.is_relation and field.related_model is not None
    }
    assert related == {SurveyInvitation._meta.get_field("survey").related_model}
    assert not [
        field for field in Response._meta.get_fields() if field.related_model is SurveyInvitation
    ]


def test_invitation_keeps_the_day_only():
    field = SurveyInvitation._meta.get_field("sent_on")
    assert field.get_internal_type() == "DateField"


def test_office_mails_the_shared_link_to_each_address(
    login, office, version, muni_a, django_capture_on_commit_callbacks
):
    survey = helpers.survey(version, municipality=muni_a)
    response = invite(
        login(office),
        survey,
        "eins@example.org\n\n Zwei@Example.org \n",
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["eins@example.org", "zwei@example.org"]
    link = f"/evaluation/befragung/{survey.token}/"
    assert all(link in m.body for m in mail.outbox)
    assert set(SurveyInvitation.objects.values_list("email", flat=True)) == {
        "eins@example.org",
        "zwei@example.org",
    }


def test_address_already_invited_is_not_mailed_again(
    login, office, version, muni_a, django_capture_on_commit_callbacks
):
    survey = helpers.survey(version, municipality=muni_a)
    client = login(office)
    invite(client, survey, "eins@example.org", django_capture_on_commit_callbacks)
    mail.outbox.clear()
    response = invite(
        client, survey, "eins@example.org\ndrei@example.org", django_capture_on_commit_callbacks
    )
    assert [m.to for m in mail.outbox] == [["drei@example.org"]]
    page = client.get(response["Location"]).content.decode()
    assert "bereits eingeladen: eins@example.org" in page
    assert SurveyInvitation.objects.filter(survey=survey).count() == 2


def test_the_same_address_may_be_invited_to_another_survey(version, muni_a, office):
    first = helpers.survey(version, municipality=muni_a)
    second = helpers.survey(version, municipality=muni_a)
    services.survey_invite(survey=first, emails=["eins@example.org"], actor=office)
    invited = services.survey_invite(survey=second, emails=["eins@example.org"], actor=office)
    assert (invited.sent, invited.already) == (["eins@example.org"], [])


def test_database_refuses_a_second_invitation_of_an_address():
    from django.db import IntegrityError, transaction

    survey = helpers.survey(helpers.instrument())
    SurveyInvitation.objects.create(survey=survey, email="a@example.org", sent_on="2026-01-01")
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyInvitation.objects.create(survey=survey, email="a@example.org", sent_on="2026-01-02")


def test_invalid_addresses_get_a_german_error_at_the_field(login, office, version, muni_a):
    survey = helpers.survey(version, municipality=muni_a)
    response = login(office).post(
        f"{BASE}/{survey.pk}/einladen/", {"emails": "gut@example.org\nkein-at\nauch falsch@x"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Keine gültigen E-Mail-Adressen: kein-at, auch falsch@x" in page
    assert not SurveyInvitation.objects.exists()


def test_address_too_long_for_the_column_gets_a_german_error(login, office, version, muni_a):
    survey = helpers.survey(version, municipality=muni_a)
    # Valid, 259 characters: the form field would take up to 320.
    overlong = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".de"
    response = login(office).post(f"{BASE}/{survey.pk}/einladen/", {"emails": overlong})
    assert response.status_code == 200
    assert f"Keine gültigen E-Mail-Adressen: {overlong}" in response.content.decode()
    assert not SurveyInvitation.objects.exists()


def test_empty_list_gets_a_german_error(login, office, version, muni_a):
    survey = helpers.survey(version, municipality=muni_a)
    response = login(office).post(f"{BASE}/{survey.pk}/einladen/", {"emails": " \n "})
    assert "Geben Sie mindestens eine E-Mail-Adresse an." in response.content.decode()
    assert not SurveyInvitation.objects.exists()


def test_closed_survey_refuses_invitations(login, office, version, muni_a):
    survey = helpers.closed_survey(version, municipality=muni_a)
    response = login(office).post(f"{BASE}/{survey.pk}/einladen/", {"emails": "a@example.org"})
    assert "Einladungen sind nicht mehr möglich" in response.content.decode()
    assert not SurveyInvitation.objects.exists()


def test_mail_is_not_sent_once_the_invitation_was_deleted(
    version, muni_a, office, django_capture_on_commit_callbacks
):
    survey = helpers.survey(version, municipality=muni_a)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.survey_invite(survey=survey, emails=["a@example.org"], actor=office)
    SurveyInvitation.objects.all().delete()
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_coordinator_may_not_invite(login, coordinator_a, version, muni_a):
    survey = helpers.survey(version, municipality=muni_a)
    response = login(coordinator_a).post(
        f"{BASE}/{survey.pk}/einladen/", {"emails": "a@example.org"}
    )
    assert response.status_code == 403
    assert not SurveyInvitation.objects.exists()


def test_unknown_survey_answers_404(login, office):
    response = login(office).post(f"{BASE}/999999/einladen/", {"emails": "a@example.org"})
    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.TRAINER, Role.TEAM_MEMBER])
def test_other_roles_may_not_invite(client, version, muni_a, role):
    from tests.helpers import login_verified

    survey = helpers.survey(version, municipality=muni_a)
    login_verified(client, factories.UserFactory(role=role))
    response = client.post(f"{BASE}/{survey.pk}/einladen/", {"emails": "a@example.org"})
    assert response.status_code == 403
    assert not SurveyInvitation.objects.exists()


def test_anonymous_visitor_may_not_invite(client, version, muni_a):
    survey = helpers.survey(version, municipality=muni_a)
    response = client.post(f"{BASE}/{survey.pk}/einladen/", {"emails": "a@example.org"})
    assert response.status_code == 302
    assert not SurveyInvitation.objects.exists()


def test_survey_page_shows_the_invitation_form_and_count(login, office, version, muni_a):
    survey = helpers.survey(version, municipality=muni_a)
    services.survey_invite(survey=survey, emails=["a@example.org"], actor=office)
    page = login(office).get(f"{BASE}/{survey.pk}/").content.decode()
    assert "Bisher 1 Adresse eingeladen." in page
    assert f'action="{BASE}/{survey.pk}/einladen/"' in page
