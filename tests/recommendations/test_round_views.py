"""The pages of consultation rounds: the office's and the participants'. Who gets in,
who sees which comment under which name, errors at the field, double submits, the
round after its end, and query counts that do not grow with the data."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.models import Membership
from recommendations import consultation
from recommendations.models import Comment, ConsultationRound, Version, VersionState
from tests import factories
from tests.helpers import login_verified
from tests.recommendations.helpers import document_with_draft
from tests.recommendations.round_helpers import (
    first_paragraph,
    frozen_version,
    model_coordinator,
    running_round,
    team_member,
)

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def _office(name, **kwargs):
    return reverse(f"recommendation_rounds:{name}", kwargs=kwargs)


def _part(name, **kwargs):
    return reverse(f"participation:{name}", kwargs=kwargs)


@pytest.fixture
def round(office_user):
    return running_round(actor=office_user)


@pytest.fixture
def coordinator():
    return model_coordinator(full_name="Kim Koordination")


@pytest.fixture
def coordinator_client(client, coordinator):
    login_verified(client, coordinator)
    return client


def _comment(round, author, **overrides):
    return consultation.comment_create(
        round=round,
        paragraph=overrides.pop("paragraph", None) or first_paragraph(round),
        kind=overrides.pop("kind", "concern"),
        text=overrides.pop("text", "Das ist zu vage."),
        author=author,
        **overrides,
    )


def _recommendation_url(round):
    paragraph = first_paragraph(round)
    return _part("recommendation", round_pk=round.pk, recommendation_pk=paragraph.recommendation_id)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


# --- the office --------------------------------------------------------------------------


def test_office_pages_refuse_a_coordinator(coordinator_client, round):
    assert coordinator_client.get(_office("round_list")).status_code == 403
    assert coordinator_client.get(_office("round_detail", round_pk=round.pk)).status_code == 403


def test_round_create_takes_berlin_time_and_freezes_the_draft(office_client, office_user):
    draft = document_with_draft(actor=office_user)
    response = office_client.post(
        _office("round_create", version_pk=draft.pk),
        {
            "title": "Frühjahrsrunde",
            "starts_at": "2030-03-01T09:00",
            "ends_at": "2030-03-31T18:00",
            "audience": ["for_municipal_teams", "for_trainers"],
            "question_guide": "Was fehlt?",
            "label": "1.0",
        },
    )
    round = ConsultationRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _office("round_detail", round_pk=round.pk)
    assert round.starts_at == dt.datetime(2030, 3, 1, 9, 0, tzinfo=BERLIN)
    assert round.ends_at == dt.datetime(2030, 3, 31, 18, 0, tzinfo=BERLIN)
    assert (round.for_municipal_teams, round.for_trainers, round.for_public) == (True, True, False)
    assert Version.objects.get(pk=draft.pk).state == VersionState.FROZEN


def test_round_create_shows_errors_at_the_fields(office_client, office_user):
    version = frozen_version(actor=office_user)
    response = office_client.post(
        _office("round_create", version_pk=version.pk),
        {"title": "R", "starts_at": "2030-03-10T09:00", "ends_at": "2030-03-01T09:00"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "ends_at": ["Das Ende muss nach dem Beginn liegen."],
        "audience": ["Bitte wählen Sie mindestens eine Gruppe, die teilnimmt."],
    }
    assert ConsultationRound.objects.count() == 0


def test_round_create_with_a_broken_date_says_so(office_client, office_user):
    version = frozen_version(actor=office_user)
    response = office_client.post(
        _office("round_create", version_pk=version.pk),
        {"title": "R", "starts_at": "morgen", "ends_at": "", "audience": ["for_public"]},
    )
    assert response.context["form"].errors == {
        "starts_at": ["Bitte geben Sie Datum und Uhrzeit an, z. B. 01.03.2027 09:00."],
        "ends_at": ["Bitte geben Sie Datum und Uhrzeit an."],
    }


def test_version_page_links_to_round_create(office_client, office_user):
    version = frozen_version(actor=office_user)
    response = office_client.get(
        reverse("recommendations_office:version_detail", kwargs={"version_pk": version.pk})
    )
    assert _office("round_create", version_pk=version.pk) in response.content.decode()


def test_round_edit_while_running_moves_the_end_and_keeps_the_rest(office_client, round):
    response = office_client.post(
        _office("round_edit", round_pk=round.pk),
        {
            "title": "Umbenannt",
            "starts_at": "2020-01-01T09:00",
            "ends_at": "2099-06-30T18:00",
            "audience": ["for_public"],
            "question_guide": "Anders?",
        },
    )
    assert response.status_code == 302
    changed = ConsultationRound.objects.get(pk=round.pk)
    assert changed.ends_at == dt.datetime(2099, 6, 30, 18, 0, tzinfo=BERLIN)
    assert (changed.title, changed.starts_at, changed.for_public, changed.question_guide) == (
        round.title,
        round.starts_at,
        False,
        round.question_guide,
    )


def test_round_edit_while_running_refuses_an_end_in_the_past(office_client, round):
    past = (timezone.now() - dt.timedelta(minutes=5)).astimezone(BERLIN)
    response = office_client.post(
        _office("round_edit", round_pk=round.pk), {"ends_at": past.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.context["form"].errors == {"ends_at": ["Das Ende muss in der Zukunft liegen."]}


def test_round_edit_before_the_start_changes_the_title(office_client, office_user):
    version = frozen_version(actor=office_user)
    round = consultation.round_create(
        version=version,
        title="Alt",
        starts_at=dt.datetime(2099, 3, 1, 9, 0, tzinfo=BERLIN),
        ends_at=dt.datetime(2099, 3, 31, 18, 0, tzinfo=BERLIN),
        actor=office_user,
    )
    response = office_client.post(
        _office("round_edit", round_pk=round.pk),
        {
            "title": "Neu",
            "starts_at": "2099-03-01T09:00",
            "ends_at": "2099-03-31T18:00",
            "audience": ["for_municipal_teams"],
        },
    )
    assert response.status_code == 302
    assert ConsultationRound.objects.get(pk=round.pk).title == "Neu"


@pytest.mark.parametrize("recommendations", [1, 3])
def test_office_round_detail_query_count_is_constant(
    office_client, office_user, coordinator, recommendations, django_assert_num_queries
):
    version = frozen_version(actor=office_user, recommendations=recommendations)
    round = running_round(actor=office_user, version=version)
    for paragraph in version.recommendations.first().paragraphs.all():
        _comment(round, coordinator, paragraph=paragraph)
    url = _office("round_detail", round_pk=round.pk)
    # session, user, OTP device, round, chapters, comment counts, recommendations
    with django_assert_num_queries(7):
        assert office_client.get(url).status_code == 200


@pytest.mark.parametrize("rounds", [1, 3])
def test_round_list_query_count_is_constant(
    office_client, office_user, rounds, django_assert_num_queries
):
    version = frozen_version(actor=office_user)
    for number in range(rounds):
        running_round(actor=office_user, version=version).__class__.objects.filter(
            title="Erste Beteiligung"
        ).update(title=f"Runde {number}")
    # session, user, OTP device, count, page of rounds
    with django_assert_num_queries(5):
        assert office_client.get(_office("round_list")).status_code == 200


def test_office_sees_names_in_a_round_that_hides_them(office_client, office_user):
    round = running_round(actor=office_user, for_network=True)
    member = _network_member()
    _comment(round, member)
    response = office_client.get(
        _office(
            "round_recommendation",
            round_pk=round.pk,
            recommendation_pk=first_paragraph(round).recommendation_id,
        )
    )
    assert "Nadia Netzwerk" in response.content.decode()


# --- who gets in -------------------------------------------------------------------------


def test_round_of_another_audience_is_404(client, round):
    trainer = factories.UserFactory(role="trainer")
    login_verified(client, trainer)
    assert client.get(_part("round", round_pk=round.pk)).status_code == 404
    assert client.get(_recommendation_url(round)).status_code == 404
    paragraph = first_paragraph(round)
    response = client.post(
        _part("comment_create", round_pk=round.pk, paragraph_pk=paragraph.pk),
        {"kind": "concern", "text": "Von außen", "visibility": "participants"},
    )
    assert response.status_code == 404
    assert Comment.objects.count() == 0


def test_suspended_coordinator_gets_404(client, round, coordinator):
    coordinator.municipality_suspended_at = timezone.now()
    coordinator.save(update_fields=["municipality_suspended_at"])
    login_verified(client, coordinator)
    assert client.get(_part("round", round_pk=round.pk)).status_code == 404


def test_the_office_is_refused_the_participant_pages(office_client, round):
    assert office_client.get(_part("round", round_pk=round.pk)).status_code == 403


def test_my_rounds_lists_running_coming_and_ended(coordinator_client, office_user, round):
    version = frozen_version(actor=office_user, slug="zweite")
    now = timezone.now()
    coming = consultation.round_create(
        version=version,
        title="Kommende",
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=9),
        actor=office_user,
    )
    response = coordinator_client.get(_part("my_rounds"))
    rounds = response.context["rounds"]
    assert (rounds.running, rounds.coming, rounds.ended) == ([round], [coming], [])


# --- who sees what -----------------------------------------------------------------------


def test_office_only_comment_is_hidden_from_other_participants(client, round, coordinator):
    _comment(round, coordinator, text="Nur fürs Büro gedacht.", visibility="office")
    colleague = team_member(coordinator.municipality)
    login_verified(client, colleague)
    page = client.get(_recommendation_url(round)).content.decode()
    assert "Nur fürs Büro gedacht." not in page
    comment = Comment.objects.get()
    answer = client.get(_part("reply_create", round_pk=round.pk, comment_pk=comment.pk))
    assert answer.status_code == 404


def test_office_only_comment_is_shown_to_its_author_without_a_reply_form(
    coordinator_client, round, coordinator
):
    comment = _comment(round, coordinator, text="Nur fürs Büro gedacht.", visibility="office")
    page = coordinator_client.get(_recommendation_url(round)).content.decode()
    assert "Nur fürs Büro gedacht." in page
    assert "nur für das Programmbüro" in page
    assert _part("reply_create", round_pk=round.pk, comment_pk=comment.pk) not in page


def test_comment_on_behalf_shows_the_municipality(client, round, coordinator):
    _comment(round, coordinator, on_behalf=True)
    login_verified(client, team_member(coordinator.municipality))
    page = client.get(_recommendation_url(round)).content.decode()
    assert coordinator.municipality.name in page
    assert "Kim Koordination" not in page


def _network_member():
    member = model_coordinator(full_name="Nadia Netzwerk")
    Membership.objects.create(
        user=member,
        municipality=member.municipality,
        full_name=member.full_name,
        email=member.email,
        consent_version="1",
        consented_at=timezone.now(),
    )
    return member


def test_names_hidden_attack_personal_names_never_reach_other_participants(client, office_user):
    """In a round open to network members, a personal comment and a personal reply show
    "persönlicher Beitrag" to everyone else; the name is nowhere in the page's HTML."""
    round = running_round(actor=office_user, for_network=True)
    member = _network_member()
    comment = _comment(round, member, text="Aus eigener Erfahrung.")
    consultation.reply_create(parent=comment, text="Meine Antwort.", author=member)
    reader = model_coordinator(full_name="Lea Leserin")
    login_verified(client, reader)
    pages = [
        client.get(_recommendation_url(round)).content.decode(),
        client.get(_part("round", round_pk=round.pk)).content.decode(),
        client.get(
            _part("reply_create", round_pk=round.pk, comment_pk=comment.pk)
        ).content.decode(),
    ]
    assert all("Nadia" not in page and "Netzwerk</strong>" not in page for page in pages)
    assert pages[0].count("<strong>persönlicher Beitrag</strong>") == 2


def test_names_hidden_the_author_still_sees_their_own_name(client, office_user):
    round = running_round(actor=office_user, for_network=True)
    member = _network_member()
    _comment(round, member)
    login_verified(client, member)
    assert "Nadia Netzwerk" in client.get(_recommendation_url(round)).content.decode()


@pytest.mark.parametrize("recommendations", [1, 3])
def test_participant_round_page_query_count_is_constant(
    coordinator_client, office_user, coordinator, recommendations
):
    version = frozen_version(actor=office_user, recommendations=recommendations)
    round = running_round(actor=office_user, version=version)
    for paragraph in [p for r in version.recommendations.all() for p in r.paragraphs.all()]:
        _comment(round, coordinator, paragraph=paragraph)
    counts = {_queries(coordinator_client, _part("round", round_pk=round.pk))}
    _comment(round, coordinator, text="Noch einer.")
    counts.add(_queries(coordinator_client, _part("round", round_pk=round.pk)))
    assert len(counts) == 1


def test_recommendation_page_query_count_does_not_grow_with_comments(
    client, office_user, coordinator
):
    round = running_round(actor=office_user)
    colleague = team_member(coordinator.municipality)
    _comment(round, coordinator)
    login_verified(client, colleague)
    url = _recommendation_url(round)
    one = _queries(client, url)
    paragraph = first_paragraph(round)
    for number in range(60):
        comment = Comment.objects.create(
            round=round,
            paragraph=paragraph,
            kind="agreement",
            text=f"Kommentar {number}",
            author=factories.UserFactory(),
        )
        Comment.objects.create(
            round=round, paragraph=paragraph, parent=comment, text="Ja.", author=coordinator
        )
    assert _queries(client, url) == one


# --- commenting --------------------------------------------------------------------------


def _comment_url(round):
    return _part("comment_create", round_pk=round.pk, paragraph_pk=first_paragraph(round).pk)


def test_comment_by_form_on_behalf_of_the_municipality(coordinator_client, round, coordinator):
    response = coordinator_client.post(
        _comment_url(round),
        {
            "kind": "proposal",
            "text": "Klarer fassen.",
            "suggested_wording": "Absatz eins",
            "quote": "der Empfehlung",
            "visibility": "participants",
            "on_behalf": "1",
        },
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_recommendation_url(round)}#kommentar-{comment.pk}"
    assert (comment.municipality_id, comment.quote, comment.quote_start) == (
        coordinator.municipality_id,
        "der Empfehlung",
        9,
    )


def test_comment_form_offers_on_behalf_only_where_allowed(client, office_user, coordinator):
    round = running_round(actor=office_user, for_trainers=True)
    login_verified(client, coordinator)
    assert "on_behalf" in client.get(_comment_url(round)).context["form"].fields
    login_verified(client, factories.UserFactory(role="trainer"))
    assert "on_behalf" not in client.get(_comment_url(round)).context["form"].fields


def test_comment_errors_are_shown_at_the_fields(coordinator_client, round):
    response = coordinator_client.post(
        _comment_url(round),
        {"kind": "proposal", "text": "Klarer.", "quote": "gibt es nicht", "visibility": "office"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert sorted(errors) == ["quote", "suggested_wording"]
    assert Comment.objects.count() == 0


def test_an_empty_comment_form_says_what_is_missing(coordinator_client, round):
    response = coordinator_client.post(_comment_url(round), {})
    assert response.context["form"].errors == {
        "kind": ["Bitte wählen Sie die Art Ihres Kommentars."],
        "text": ["Bitte schreiben Sie Ihren Kommentar."],
        "visibility": ["Bitte wählen Sie, wer Ihren Kommentar sehen darf."],
    }


def test_double_submit_stores_one_comment(coordinator_client, round):
    data = {"kind": "agreement", "text": "Gut so.", "visibility": "participants"}
    first = coordinator_client.post(_comment_url(round), data)
    second = coordinator_client.post(_comment_url(round), data)
    assert Comment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_reply_by_form_and_double_submit(client, round, coordinator):
    comment = _comment(round, coordinator)
    login_verified(client, team_member(coordinator.municipality))
    url = _part("reply_create", round_pk=round.pk, comment_pk=comment.pk)
    client.post(url, {"text": "Stimmt."})
    client.post(url, {"text": "Stimmt."})
    assert list(comment.replies.values_list("text", flat=True)) == ["Stimmt."]


def test_empty_reply_is_shown_with_its_error(client, round, coordinator):
    comment = _comment(round, coordinator)
    login_verified(client, team_member(coordinator.municipality))
    response = client.post(_part("reply_create", round_pk=round.pk, comment_pk=comment.pk), {})
    assert response.context["form"].errors == {"text": ["Bitte schreiben Sie Ihre Antwort."]}


def test_edit_someone_elses_comment_changes_nothing(client, round, coordinator):
    comment = _comment(round, coordinator)
    login_verified(client, team_member(coordinator.municipality))
    client.post(
        _part("comment_edit", round_pk=round.pk, comment_pk=comment.pk),
        {"kind": "agreement", "text": "Übernommen!", "visibility": "participants"},
    )
    assert Comment.objects.get().text == "Das ist zu vage."


def test_withdraw_by_form(coordinator_client, round, coordinator):
    comment = _comment(round, coordinator)
    url = _part("comment_withdraw", round_pk=round.pk, comment_pk=comment.pk)
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert Comment.objects.count() == 0


# --- after the end -----------------------------------------------------------------------


def test_after_the_end_the_pages_are_read_only(coordinator_client, round, coordinator):
    comment = _comment(round, coordinator)
    # An end within the session's lifetime, so the person stays logged in.
    round.ends_at = timezone.now() + dt.timedelta(minutes=30)
    ConsultationRound.objects.filter(pk=round.pk).update(ends_at=round.ends_at)
    with time_machine.travel(round.ends_at + dt.timedelta(minutes=1)):
        page = coordinator_client.get(_recommendation_url(round)).content.decode()
        refused = coordinator_client.post(
            _comment_url(round),
            {"kind": "agreement", "text": "Zu spät.", "visibility": "participants"},
        )
        edit = coordinator_client.post(
            _part("comment_edit", round_pk=round.pk, comment_pk=comment.pk),
            {"kind": "agreement", "text": "Geändert.", "visibility": "participants"},
        )
    assert "ist am" in page and "zu Ende gegangen" in page
    assert _part("reply_create", round_pk=round.pk, comment_pk=comment.pk) not in page
    assert _comment_url(round) not in page
    assert _part("comment_edit", round_pk=round.pk, comment_pk=comment.pk) not in page
    assert (refused.status_code, edit.status_code) == (302, 302)
    assert list(Comment.objects.values_list("text", flat=True)) == ["Das ist zu vage."]


def test_office_recommendation_page_query_count_does_not_grow_with_comments(
    office_client, office_user, coordinator
):
    round = running_round(actor=office_user)
    _comment(round, coordinator)
    url = _office(
        "round_recommendation",
        round_pk=round.pk,
        recommendation_pk=first_paragraph(round).recommendation_id,
    )
    one = _queries(office_client, url)
    for number in range(5):
        comment = _comment(round, model_coordinator(), text=f"Kommentar {number}", on_behalf=True)
        consultation.reply_create(parent=comment, text="Ja.", author=coordinator)
    assert _queries(office_client, url) == one
