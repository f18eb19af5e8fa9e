import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.choices import ActivityStatus
from tests import factories
from tests.helpers import login_verified, minimal_pdf
from tests.trainings.conftest import make_session, municipal_user
from trainings.models import FeedbackSource, SessionFeedback, TrainingSession

pytestmark = pytest.mark.django_db


def local_input(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


# --- list --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 6])
def test_session_list_query_count_is_constant(
    client, call, coordinator, version, trainer, django_assert_num_queries, count
):
    for n in range(count):
        make_session(
            call=call,
            municipality=coordinator.municipality,
            version=version,
            days=-n - 1,
            trainer=trainer,
        )
    login_verified(client, coordinator)
    # session, user, programme call, programme years, sessions, the municipality's name,
    # main menu
    with django_assert_num_queries(7):
        response = client.get(reverse("trainings:session_list"))
    assert sum(len(g.sessions) for g in response.context["groups"]) == count


def test_session_list_shows_only_the_own_municipality(
    client, call, coordinator, other_coordinator, version
):
    own = make_session(call=call, municipality=coordinator.municipality, version=version)
    make_session(call=call, municipality=other_coordinator.municipality, version=version)
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:session_list"))
    assert [s.pk for g in response.context["groups"] for s in g.sessions] == [own.pk]


@pytest.mark.parametrize("role", [Role.TEAM_MEMBER, Role.ADVISORY, Role.HR])
def test_session_list_is_readable_by_the_municipality(client, call, municipality, role):
    login_verified(client, municipal_user(municipality, role))
    response = client.get(reverse("trainings:session_list"))
    assert response.status_code == 200
    assert response.context["can_write"] is False


def test_session_list_answers_404_outside_a_model_municipality(client):
    login_verified(client, factories.CoordinatorFactory())
    assert client.get(reverse("trainings:session_list")).status_code == 404


def test_session_list_refuses_a_trainer(client, trainer):
    login_verified(client, trainer)
    assert client.get(reverse("trainings:session_list")).status_code == 403


# --- plan and edit -----------------------------------------------------------------------


def test_session_plan_creates_a_session_of_the_programme_call(
    client, call, coordinator, version, trainer
):
    login_verified(client, coordinator)
    starts_at = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=10)
    response = client.post(
        reverse("trainings:session_plan"),
        {
            "module_version": version.pk,
            "starts_at": local_input(starts_at),
            "location": "Rathaus, Saal 2",
            "trainer": trainer.pk,
        },
    )
    session = TrainingSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:session_detail", args=[session.pk])
    assert (session.call, session.municipality, session.starts_at, session.trainer) == (
        call,
        coordinator.municipality,
        starts_at,
        trainer,
    )


def test_session_plan_without_place_shows_the_error_at_the_field(
    client, call, coordinator, version
):
    login_verified(client, coordinator)
    response = client.post(
        reverse("trainings:session_plan"),
        {"module_version": version.pk, "starts_at": "2026-12-01T10:00", "location": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "location": ["Bitte geben Sie den Ort an oder wählen Sie „online“."]
    }
    assert TrainingSession.objects.count() == 0


def test_session_plan_with_garbage_answers_200_with_german_errors(client, call, coordinator):
    login_verified(client, coordinator)
    response = client.post(
        reverse("trainings:session_plan"),
        {"module_version": "999999", "starts_at": "morgen", "trainer": "x"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["module_version"] == ["Bitte wählen Sie ein veröffentlichtes Modul."]
    assert errors["starts_at"] == ["Bitte ein gültiges Datum und Uhrzeit eingeben."]
    assert "kern-error" in response.text


def test_session_plan_refuses_a_team_member(client, call, municipality):
    login_verified(client, municipal_user(municipality, Role.TEAM_MEMBER))
    assert client.get(reverse("trainings:session_plan")).status_code == 403


def test_session_edit_of_another_municipality_answers_404(
    client, call, coordinator, other_coordinator, version
):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    login_verified(client, other_coordinator)
    response = client.get(reverse("trainings:session_edit", args=[session.pk]))
    assert response.status_code == 404


def test_session_edit_changes_the_place(client, call, coordinator, version):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    login_verified(client, coordinator)
    response = client.post(
        reverse("trainings:session_edit", args=[session.pk]),
        {
            "module_version": version.pk,
            "starts_at": local_input(session.starts_at),
            "online": "on",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.online, session.location) == (True, "")


# --- detail ------------------------------------------------------------------------------


def test_session_detail_of_another_municipality_answers_404(client, other_coordinator, held):
    login_verified(client, other_coordinator)
    response = client.get(reverse("trainings:session_detail", args=[held.pk]))
    assert response.status_code == 404


def test_session_detail_answers_404_to_a_trainer_of_another_session(client, held):
    login_verified(client, factories.UserFactory(role=Role.TRAINER))
    response = client.get(reverse("trainings:session_detail", args=[held.pk]))
    assert response.status_code == 404


def test_session_detail_is_open_to_its_trainer(client, trainer, held):
    login_verified(client, trainer)
    assert client.get(reverse("trainings:session_detail", args=[held.pk])).status_code == 200


# --- record as held ----------------------------------------------------------------------


def test_session_record_of_a_future_session_sends_back(client, call, coordinator, version):
    session = make_session(
        call=call, municipality=coordinator.municipality, version=version, days=5
    )
    login_verified(client, coordinator)
    response = client.post(
        reverse("trainings:session_record", args=[session.pk]),
        {"participants": "12", "departments": "Bürgeramt"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == ActivityStatus.PLANNED


def test_session_record_with_zero_participants_shows_the_error(client, call, coordinator, version):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    login_verified(client, coordinator)
    response = client.post(
        reverse("trainings:session_record", args=[session.pk]),
        {"participants": "0", "departments": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "participants": ["Bitte geben Sie mindestens eine teilnehmende Person an."],
        "departments": ["Dieses Feld ist zwingend erforderlich."],
    }


def test_session_record_refuses_an_attendance_list_that_is_not_a_pdf(
    client, call, coordinator, version
):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    login_verified(client, coordinator)
    response = client.post(
        reverse("trainings:session_record", args=[session.pk]),
        {
            "participants": "12",
            "departments": "Bürgeramt",
            "attendance": SimpleUploadedFile("liste.pdf", b"<html>keine PDF</html>"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "attendance": ["Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist kein PDF."]
    }
    session.refresh_from_db()
    assert session.status == ActivityStatus.PLANNED


def test_session_record_stores_the_attendance_list(client, call, coordinator, version):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    login_verified(client, coordinator)
    response = client.post(
        reverse("trainings:session_record", args=[session.pk]),
        {
            "participants": "12",
            "departments": "Bürgeramt",
            "attendance": SimpleUploadedFile("Liste.pdf", minimal_pdf()),
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.participants, session.attendance_name) == (
        ActivityStatus.HELD,
        12,
        "Liste.pdf",
    )


# --- cancel ------------------------------------------------------------------------------


def test_session_cancel_asks_first(client, coordinator, held):
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:session_cancel", args=[held.pk]))
    assert response.status_code == 200
    held.refresh_from_db()
    assert held.status == ActivityStatus.HELD


def test_session_cancel_of_a_held_session(client, coordinator, held):
    login_verified(client, coordinator)
    response = client.post(reverse("trainings:session_cancel", args=[held.pk]))
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == ActivityStatus.CANCELLED


def test_session_cancel_of_another_municipality_answers_404(client, other_coordinator, held):
    login_verified(client, other_coordinator)
    response = client.post(reverse("trainings:session_cancel", args=[held.pk]))
    assert response.status_code == 404
    held.refresh_from_db()
    assert held.status == ActivityStatus.HELD


# --- feedback ----------------------------------------------------------------------------

FEEDBACK = {
    "what_worked": "Die Fallbeispiele aus dem Bürgeramt.",
    "what_to_change": "Mehr Zeit für Übungen.",
    "suitability": "after_changes",
}


def test_session_feedback_by_the_coordinator_is_the_municipality_s(client, coordinator, held):
    login_verified(client, coordinator)
    response = client.post(reverse("trainings:session_feedback", args=[held.pk]), FEEDBACK)
    assert response.status_code == 302
    feedback = SessionFeedback.objects.get()
    assert (feedback.source, feedback.author) == (FeedbackSource.MUNICIPALITY, coordinator)


def test_session_feedback_by_the_trainer_twice_keeps_one_row(client, trainer, held):
    login_verified(client, trainer)
    url = reverse("trainings:session_feedback", args=[held.pk])
    client.post(url, FEEDBACK)
    client.post(url, {**FEEDBACK, "suitability": "ready"})
    feedback = SessionFeedback.objects.get()
    assert (feedback.source, feedback.suitability) == (FeedbackSource.TRAINER, "ready")


def test_session_feedback_without_answers_shows_errors(client, trainer, held):
    login_verified(client, trainer)
    response = client.post(
        reverse("trainings:session_feedback", args=[held.pk]), {"suitability": "egal"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "what_worked": ["Dieses Feld ist zwingend erforderlich."],
        "what_to_change": ["Dieses Feld ist zwingend erforderlich."],
        "suitability": ["Bitte eine gültige Auswahl treffen. egal ist keine gültige Auswahl."],
    }


def test_session_feedback_on_a_planned_session_sends_back(client, call, coordinator, version):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    login_verified(client, coordinator)
    response = client.post(reverse("trainings:session_feedback", args=[session.pk]), FEEDBACK)
    assert response.status_code == 302
    assert SessionFeedback.objects.count() == 0


def test_session_feedback_refuses_a_team_member(client, municipality, held):
    login_verified(client, municipal_user(municipality, Role.TEAM_MEMBER))
    response = client.get(reverse("trainings:session_feedback", args=[held.pk]))
    assert response.status_code == 403


# --- trainer -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 6])
def test_trainer_sessions_query_count_is_constant(
    client, call, coordinator, version, trainer, django_assert_num_queries, count
):
    for n in range(count):
        make_session(
            call=call,
            municipality=coordinator.municipality,
            version=version,
            days=-n - 1,
            trainer=trainer,
            status=ActivityStatus.HELD,
        )
    make_session(call=call, municipality=coordinator.municipality, version=version)
    login_verified(client, trainer)
    # session, user, sessions, main menu
    with django_assert_num_queries(4):
        response = client.get(reverse("trainings:trainer_sessions"))
    assert len(response.context["sessions"]) == count


def test_session_plan_offers_only_trainers_named_for_a_published_module(
    client, call, coordinator, version, trainer
):
    factories.UserFactory(role=Role.TRAINER, full_name="Nicht benannt")
    login_verified(client, coordinator)
    response = client.get(reverse("trainings:session_plan"))
    assert list(response.context["form"].fields["trainer"].queryset) == [trainer]
