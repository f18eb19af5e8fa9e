"""The office moves the end of a running survey, previews its questionnaire and closes it
early with a confirmation: the end moves under the lock that accepts answers, nothing
ended is opened again, and the preview stores nothing."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from core.models import AuditEntry
from evaluation import answering
from evaluation.models import Response, Survey, UsedNonce
from tests.evaluation import helpers

BERLIN_FORMAT = "%Y-%m-%dT%H:%M"


def period_url(survey):
    return f"/evaluation/geschaeftsstelle/befragungen/{survey.pk}/zeitraum/"


def preview_url(survey):
    return f"/evaluation/geschaeftsstelle/befragungen/{survey.pk}/vorschau/"


def in_days(days):
    return timezone.now() + dt.timedelta(days=days)


def berlin(moment):
    return timezone.localtime(moment, ZoneInfo("Europe/Berlin")).strftime(BERLIN_FORMAT)


def test_extending_moves_the_end_and_is_audited(version, office):
    survey = helpers.survey(version)
    old = survey.closes_at
    new = old + dt.timedelta(days=7)
    answering.survey_reschedule(survey=survey, closes_at=new, actor=office)
    survey.refresh_from_db()
    assert survey.closes_at == new
    entry = AuditEntry.objects.get(action="evaluation.survey_reschedule")
    assert entry.actor == office
    assert entry.changes == {"closes_at": [old.isoformat(), new.isoformat()]}


def test_shortening_keeps_the_survey_open_until_the_new_end(version, office):
    survey = helpers.survey(version)
    answering.survey_reschedule(survey=survey, closes_at=in_days(1), actor=office)
    survey.refresh_from_db()
    assert answering.survey_is_open(survey)
    assert answering.response_submit(survey=survey, values={helpers.item(version, "klar").pk: 3})


def test_the_end_cannot_move_into_the_past(version, office):
    survey = helpers.survey(version)
    before = survey.closes_at
    with pytest.raises(ValidationError) as error:
        answering.survey_reschedule(
            survey=survey, closes_at=timezone.now() - dt.timedelta(minutes=1), actor=office
        )
    assert "in der Zukunft" in error.value.message_dict["closes_at"][0]
    survey.refresh_from_db()
    assert survey.closes_at == before
    assert not AuditEntry.objects.filter(action="evaluation.survey_reschedule").exists()


def test_extending_reopens_no_survey_closed_early(version, office):
    survey = helpers.survey(version)
    answering.survey_close(survey=survey, actor=office)
    with pytest.raises(ValidationError, match="beendet"):
        answering.survey_reschedule(survey=survey, closes_at=in_days(10), actor=office)
    survey.refresh_from_db()
    assert survey.closed_at is not None
    assert survey.closes_at <= timezone.now()
    with pytest.raises(ValidationError, match="nicht geöffnet"):
        answering.response_submit(survey=survey, values={helpers.item(version, "klar").pk: 3})
    assert Response.objects.count() == 0


def test_extending_reopens_no_survey_past_its_end(version, office):
    survey = helpers.survey(version)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - dt.timedelta(hours=1))
    survey.refresh_from_db()
    with pytest.raises(ValidationError, match="beendet"):
        answering.survey_reschedule(survey=survey, closes_at=in_days(10), actor=office)
    survey.refresh_from_db()
    assert survey.closes_at < timezone.now()


def test_reschedule_reads_the_row_under_the_lock(version, office):
    """A close that happened after the caller loaded the survey is seen: the service
    judges the locked row, not the caller's copy."""
    survey = helpers.survey(version)
    stale_copy = Survey.objects.get(pk=survey.pk)
    answering.survey_close(survey=survey, actor=office)
    with pytest.raises(ValidationError, match="beendet"):
        answering.survey_reschedule(survey=stale_copy, closes_at=in_days(10), actor=office)
    assert Survey.objects.get(pk=survey.pk).closed_at is not None


def test_office_extends_from_the_survey_page(login, office, version):
    survey = helpers.survey(version)
    new = (survey.closes_at + dt.timedelta(days=5)).replace(second=0, microsecond=0)
    response = login(office).post(period_url(survey), {"closes_at": berlin(new)})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.closes_at == new


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Geben Sie das neue Ende an."),
        ("kein Datum", "gültiges Datum"),
        ("2001-01-01T10:00", "Das neue Ende muss in der Zukunft liegen."),
    ],
)
def test_a_bad_end_gets_a_german_message_at_the_field(login, office, version, value, message):
    survey = helpers.survey(version)
    before = survey.closes_at
    response = login(office).post(period_url(survey), {"closes_at": value})
    assert response.status_code == 200
    errors = response.context["period_form"].errors["closes_at"]
    assert any(message in error for error in errors), errors
    survey.refresh_from_db()
    assert survey.closes_at == before


def test_a_closed_survey_offers_no_period_form(login, office, version):
    survey = helpers.survey(version)
    client = login(office)
    assert client.get(f"/evaluation/geschaeftsstelle/befragungen/{survey.pk}/").context[
        "period_form"
    ]
    answering.survey_close(survey=survey, actor=office)
    page = client.get(f"/evaluation/geschaeftsstelle/befragungen/{survey.pk}/")
    assert page.context["period_form"] is None
    response = client.post(period_url(survey), {"closes_at": berlin(in_days(10))}, follow=True)
    assert "ihr Zeitraum lässt sich nicht mehr ändern" in response.content.decode()
    survey.refresh_from_db()
    assert survey.closes_at <= timezone.now()


def test_another_municipalitys_survey_is_not_found_for_a_coordinator(
    login, version, coordinator_a, muni_b
):
    survey = helpers.survey(version, municipality=muni_b)
    assert login(coordinator_a).post(period_url(survey), {}).status_code in (403, 404)
    assert login(coordinator_a).get(preview_url(survey)).status_code in (403, 404)


def test_preview_shows_the_questionnaire_and_writes_nothing(login, office, version):
    survey = helpers.survey(version)
    client = login(office)
    entries = AuditEntry.objects.count()
    response = client.get(preview_url(survey))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vorschau" in html
    assert helpers.item(version, "klar").text in html
    assert 'name="nonce"' not in html
    assert "Antworten absenden" not in html
    assert 'method="post"' not in html.split("<main", 1)[-1].split("</main>")[0]
    answer = {f"item_{helpers.item(version, 'klar').pk}": "3", "nonce": "x"}
    assert client.post(preview_url(survey), answer).status_code == 405
    assert client.get(preview_url(survey), answer).status_code == 200
    assert Response.objects.count() == 0
    assert UsedNonce.objects.count() == 0
    assert AuditEntry.objects.count() == entries


def test_preview_works_before_the_survey_opens_and_after_it_ends(login, office, version):
    later = helpers.survey(version, opens_at=in_days(3))
    ended = helpers.closed_survey(version)
    client = login(office)
    assert client.get(preview_url(later)).status_code == 200
    assert client.get(preview_url(ended)).status_code == 200


def test_closing_early_asks_for_confirmation(login, office, version):
    survey = helpers.survey(version)
    html = login(office).get(f"/evaluation/geschaeftsstelle/befragungen/{survey.pk}/")
    close_form = html.content.decode().split('action="/evaluation/geschaeftsstelle/befragungen/')
    beenden = [part for part in close_form if part.startswith(f"{survey.pk}/beenden/")]
    assert beenden and "data-confirm=" in beenden[0].split(">", 1)[0]


def test_an_answer_after_the_early_close_from_the_page_is_refused(login, office, version, client):
    survey = helpers.survey(version)
    login(office).post(f"/evaluation/geschaeftsstelle/befragungen/{survey.pk}/beenden/")
    client.logout()
    nonce = answering.nonce_issue(survey=survey)
    item = helpers.item(version, "klar")
    response = client.post(
        f"/evaluation/befragung/{survey.token}/", {f"item_{item.pk}": "3", "nonce": nonce}
    )
    assert response.status_code == 404
    assert Response.objects.count() == 0


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
class TestMovingTheEndWaitsForAnAnswerInFlight:
    """An answer is being stored while the office moves the end. With the lock the move
    waits until the answer is committed, so each answer is judged by one end only."""

    def race(self, monkeypatch, version):
        survey = helpers.survey(version)
        inside = threading.Event()
        moved = threading.Event()
        order: list[str] = []
        errors: list[BaseException] = []

        def pause():
            inside.set()
            moved.wait(timeout=1.5)

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

        def move():
            try:
                inside.wait(timeout=5)
                answering.survey_reschedule(survey=survey, closes_at=in_days(1), actor=None)
                order.append("move")
                moved.set()
            except BaseException as exc:  # reported by the assert below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=answer), threading.Thread(target=move)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
        assert errors == []
        return order

    def test_moving_the_end_waits_for_the_answer_being_stored(self, monkeypatch, version):
        assert self.race(monkeypatch, version) == ["answer", "move"]

    def test_without_the_lock_the_end_moves_while_the_answer_is_stored(self, monkeypatch, version):
        monkeypatch.setattr(answering, "LOCK_SURVEY_ROW", False)
        assert self.race(monkeypatch, version) == ["move", "answer"]
