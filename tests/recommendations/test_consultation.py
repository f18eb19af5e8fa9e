"""The services of consultation rounds: creating and changing rounds, commenting,
replying, editing and withdrawing, with their rules."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import AuditEntry
from recommendations import consultation
from recommendations.models import (
    Comment,
    ConsultationRound,
    Paragraph,
    Version,
    VersionState,
)
from tests import factories
from tests.recommendations.helpers import document_with_draft, office_user
from tests.recommendations.round_helpers import (
    first_paragraph,
    frozen_version,
    model_coordinator,
    running_round,
    team_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return office_user()


@pytest.fixture
def round(office):
    return running_round(actor=office)


@pytest.fixture
def coordinator():
    return model_coordinator(full_name="Kim Koordination")


def _comment(round, author, **overrides):
    arguments = {
        "round": round,
        "paragraph": first_paragraph(round),
        "kind": "concern",
        "text": "Das ist zu vage.",
        "visibility": "participants",
        "author": author,
        **overrides,
    }
    return consultation.comment_create(**arguments)


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


# --- rounds ------------------------------------------------------------------------------


def _round_arguments(version, office, **overrides):
    now = timezone.now()
    return {
        "version": version,
        "title": "Runde 1",
        "starts_at": now + dt.timedelta(days=1),
        "ends_at": now + dt.timedelta(days=15),
        "actor": office,
        **overrides,
    }


def test_round_create_freezes_a_draft_under_the_label(office):
    draft = document_with_draft(actor=office)
    round = consultation.round_create(**_round_arguments(draft, office, label="1.0"))
    version = Version.objects.get(pk=draft.pk)
    assert (version.state, version.label) == (VersionState.FROZEN, "1.0")
    assert round.version_id == draft.pk
    assert AuditEntry.objects.filter(action="recommendations.round_create").count() == 1


def test_round_create_on_a_draft_without_label_is_refused_and_freezes_nothing(office):
    draft = document_with_draft(actor=office)
    with pytest.raises(ValidationError) as exc_info:
        consultation.round_create(**_round_arguments(draft, office))
    assert _errors(exc_info) == {
        "label": ["Bitte geben Sie die Bezeichnung an, unter der der Entwurf eingefroren wird."]
    }
    assert Version.objects.get(pk=draft.pk).state == VersionState.DRAFT


def test_round_create_leaves_a_frozen_version_as_it_is(office):
    version = frozen_version(actor=office)
    round = consultation.round_create(**_round_arguments(version, office))
    assert Version.objects.get(pk=version.pk).label == "1.0"
    assert round.for_municipal_teams is True


def test_round_create_checks_end_and_audience(office):
    version = frozen_version(actor=office)
    now = timezone.now()
    with pytest.raises(ValidationError) as exc_info:
        consultation.round_create(
            **_round_arguments(
                version,
                office,
                ends_at=now + dt.timedelta(hours=1),
                starts_at=now + dt.timedelta(days=1),
                for_municipal_teams=False,
            )
        )
    assert _errors(exc_info) == {
        "ends_at": ["Das Ende muss nach dem Beginn liegen."],
        "audience": ["Bitte wählen Sie mindestens eine Gruppe, die teilnimmt."],
    }


def test_round_create_twice_makes_one_round(office):
    version = frozen_version(actor=office)
    first = consultation.round_create(**_round_arguments(version, office))
    second = consultation.round_create(**_round_arguments(version, office))
    assert first.pk == second.pk
    assert ConsultationRound.objects.count() == 1


def test_round_update_before_the_start_changes_everything(office):
    version = frozen_version(actor=office)
    round = consultation.round_create(**_round_arguments(version, office))
    consultation.round_update(
        round=round,
        title="Neuer Titel",
        starts_at=round.starts_at,
        ends_at=round.ends_at,
        question_guide="Neu?",
        for_municipal_teams=True,
        for_advisory_boards=True,
        for_network=False,
        for_trainers=False,
        for_public=False,
        actor=office,
    )
    round.refresh_from_db()
    assert (round.title, round.question_guide, round.for_advisory_boards) == (
        "Neuer Titel",
        "Neu?",
        True,
    )


def _update(round, office, **overrides):
    arguments = {
        "round": round,
        "title": round.title,
        "starts_at": round.starts_at,
        "ends_at": round.ends_at,
        "question_guide": round.question_guide,
        "for_municipal_teams": round.for_municipal_teams,
        "for_advisory_boards": round.for_advisory_boards,
        "for_network": round.for_network,
        "for_trainers": round.for_trainers,
        "for_public": round.for_public,
        "actor": office,
        **overrides,
    }
    return consultation.round_update(**arguments)


def test_round_update_while_running_moves_only_the_end(office, round):
    later = round.ends_at + dt.timedelta(days=3)
    _update(round, office, ends_at=later)
    assert ConsultationRound.objects.get(pk=round.pk).ends_at == later
    with pytest.raises(ValidationError) as exc_info:
        _update(round, office, title="Anders")
    assert _errors(exc_info) == {
        "title": ["Die Runde läuft schon: nur ihr Ende lässt sich noch verschieben."]
    }


def test_round_update_while_running_never_ends_before_now(office, round):
    with pytest.raises(ValidationError) as exc_info:
        _update(round, office, ends_at=timezone.now() - dt.timedelta(minutes=1))
    assert _errors(exc_info) == {"ends_at": ["Das Ende muss in der Zukunft liegen."]}


def test_round_update_after_the_end_is_refused(office, round):
    with (
        time_machine.travel(round.ends_at + dt.timedelta(seconds=1)),
        pytest.raises(ValidationError) as exc_info,
    ):
        _update(round, office, ends_at=round.ends_at + dt.timedelta(days=9))
    assert exc_info.value.code == "ended"


# --- comments ----------------------------------------------------------------------------


def test_comment_create_stores_the_comment_with_an_audit_entry(round, coordinator):
    comment = _comment(round, coordinator)
    assert (comment.kind, comment.text, comment.municipality_id, comment.parent_id) == (
        "concern",
        "Das ist zu vage.",
        None,
        None,
    )
    assert AuditEntry.objects.filter(
        action="recommendations.comment_create", object_id=str(comment.pk)
    ).exists()


def test_comment_create_twice_stores_one(round, coordinator):
    first = _comment(round, coordinator)
    second = _comment(round, coordinator)
    assert first.pk == second.pk
    assert Comment.objects.count() == 1


def test_comment_create_on_behalf_sets_the_municipality(round, coordinator):
    comment = _comment(round, coordinator, on_behalf=True)
    assert comment.municipality_id == coordinator.municipality_id


def test_comment_on_behalf_is_refused_to_a_trainer(office):
    round = running_round(actor=office, for_trainers=True)
    trainer = factories.UserFactory(role="trainer")
    with pytest.raises(ValidationError) as exc_info:
        _comment(round, trainer, on_behalf=True)
    assert list(_errors(exc_info)) == ["on_behalf"]
    assert _comment(round, trainer).municipality_id is None


def test_comment_on_behalf_is_refused_to_a_team_in_a_public_only_round(office, coordinator):
    """The coordinator takes part as a member of the public: personally only."""
    round = running_round(actor=office, for_municipal_teams=False, for_public=True)
    with pytest.raises(ValidationError) as exc_info:
        _comment(round, coordinator, on_behalf=True)
    assert list(_errors(exc_info)) == ["on_behalf"]


def test_a_proposal_needs_its_wording(round, coordinator):
    with pytest.raises(ValidationError) as exc_info:
        _comment(round, coordinator, kind="proposal")
    assert _errors(exc_info) == {
        "suggested_wording": [
            "Bitte geben Sie bei einem Vorschlag die Formulierung an, die Sie vorschlagen."
        ]
    }


def test_comment_on_a_paragraph_of_another_version_is_refused(office, round, coordinator):
    other = frozen_version(actor=office, slug="andere")
    stranger = Paragraph.objects.filter(recommendation__version=other).first()
    with pytest.raises(ValidationError) as exc_info:
        _comment(round, coordinator, paragraph=stranger)
    assert _errors(exc_info) == {
        "paragraph": ["Dieser Absatz gehört nicht zur Fassung dieser Runde."]
    }


def test_comment_by_someone_outside_the_audience_is_refused(round):
    trainer = factories.UserFactory(role="trainer")
    with pytest.raises(ValidationError) as exc_info:
        _comment(round, trainer)
    assert exc_info.value.code == "not_audience"
    assert Comment.objects.count() == 0


def test_comment_before_the_start_is_refused(office, coordinator):
    version = frozen_version(actor=office)
    round = consultation.round_create(**_round_arguments(version, office))
    with pytest.raises(ValidationError) as exc_info:
        _comment(round, coordinator)
    assert exc_info.value.code == "not_started"


def test_comment_at_the_end_is_refused(round, coordinator):
    with time_machine.travel(round.ends_at, tick=False), pytest.raises(ValidationError) as exc_info:
        _comment(round, coordinator)
    assert exc_info.value.code == "ended"
    assert Comment.objects.count() == 0


def test_comment_a_second_before_the_end_is_stored(round, coordinator):
    with time_machine.travel(round.ends_at - dt.timedelta(seconds=1), tick=False):
        _comment(round, coordinator)
    assert Comment.objects.count() == 1


def test_the_end_is_read_after_the_lock_not_before(round, coordinator, monkeypatch):
    """A comment that waits for the round's row while the round ends is refused: the
    clock is read once the lock is held. (The threaded race is in test_rounds_race.)"""
    traveller = time_machine.travel(round.ends_at - dt.timedelta(seconds=1), tick=False)
    clock = traveller.start()
    monkeypatch.setattr(consultation, "_pause_while_locked", lambda: clock.move_to(round.ends_at))
    try:
        with pytest.raises(ValidationError) as exc_info:
            _comment(round, coordinator)
    finally:
        traveller.stop()
    assert exc_info.value.code == "ended"
    assert Comment.objects.count() == 0


# --- passages ----------------------------------------------------------------------------


def test_a_quote_is_found_with_its_offsets(office, coordinator):
    round = running_round(actor=office)
    paragraph = first_paragraph(round)
    Paragraph.objects.filter(pk=paragraph.pk).update(text="Die Stelle ist **sehr** wichtig.")
    comment = _comment(round, coordinator, paragraph=paragraph, quote="  ist sehr  wichtig ")
    assert (comment.quote, comment.quote_start, comment.quote_end) == (
        "ist **sehr** wichtig",
        11,
        31,
    )


def test_a_quote_not_in_the_paragraph_is_refused_at_the_field(round, coordinator):
    with pytest.raises(ValidationError) as exc_info:
        _comment(round, coordinator, quote="steht nirgends")
    assert _errors(exc_info) == {
        "quote": [
            "Diese Stelle steht nicht im Absatz. Bitte übernehmen Sie die Wörter genau so, "
            "wie sie im Absatz stehen."
        ]
    }


def test_a_quote_found_twice_asks_for_more_words(round, coordinator):
    """ "Absatz 1 der Empfehlung 1." holds "1" twice."""
    with pytest.raises(ValidationError) as exc_info:
        _comment(round, coordinator, quote="1")
    assert _errors(exc_info) == {
        "quote": [
            "Diese Stelle kommt im Absatz mehrmals vor. Bitte übernehmen Sie ein paar Wörter "
            "mehr, damit klar ist, welche Stelle Sie meinen."
        ]
    }


def test_a_quote_of_emphasis_marks_alone_is_refused_and_underscores_stay_quotable(
    office, coordinator
):
    """Words made of "_" or "*" would let the search try every split of a long run of
    them; they are no passage anyway."""
    round = running_round(actor=office)
    paragraph = first_paragraph(round)
    Paragraph.objects.filter(pk=paragraph.pk).update(text="Unterschrift: " + "_" * 40 + " x")
    with pytest.raises(ValidationError) as exc_info:
        _comment(round, coordinator, paragraph=paragraph, quote=" ".join(["_"] * 12))
    assert list(_errors(exc_info)) == ["quote"]
    comment = _comment(round, coordinator, paragraph=paragraph, quote="Unterschrift: x")
    assert (comment.quote_start, comment.quote_end) == (0, 56)


# --- replies -----------------------------------------------------------------------------


def test_reply_to_a_visible_comment(round, coordinator):
    colleague = team_member(coordinator.municipality)
    comment = _comment(round, coordinator)
    reply = consultation.reply_create(parent=comment, text="Sehe ich auch so.", author=colleague)
    assert (reply.parent_id, reply.kind, reply.paragraph_id, reply.visibility) == (
        comment.pk,
        "",
        comment.paragraph_id,
        "participants",
    )


def test_reply_to_an_office_only_comment_is_impossible_even_for_its_author(round, coordinator):
    comment = _comment(round, coordinator, visibility="office")
    for author in (coordinator, team_member(coordinator.municipality)):
        with pytest.raises(ValidationError) as exc_info:
            consultation.reply_create(parent=comment, text="Antwort", author=author)
        assert exc_info.value.code == "office_only"
    assert comment.replies.count() == 0


def test_reply_to_a_reply_is_refused(round, coordinator):
    comment = _comment(round, coordinator)
    reply = consultation.reply_create(parent=comment, text="Ja.", author=coordinator)
    with pytest.raises(ValidationError) as exc_info:
        consultation.reply_create(parent=reply, text="Nein.", author=coordinator)
    assert exc_info.value.code == "nested"


def test_reply_after_the_end_is_refused(round, coordinator):
    comment = _comment(round, coordinator)
    with (
        time_machine.travel(round.ends_at + dt.timedelta(minutes=1)),
        pytest.raises(ValidationError) as exc_info,
    ):
        consultation.reply_create(parent=comment, text="Zu spät.", author=coordinator)
    assert exc_info.value.code == "ended"


# --- editing and withdrawing -------------------------------------------------------------


def test_comment_update_by_its_author_while_running(round, coordinator):
    comment = _comment(round, coordinator)
    consultation.comment_update(
        comment=comment,
        kind="agreement",
        text="Doch gut.",
        visibility="participants",
        author=coordinator,
    )
    comment.refresh_from_db()
    assert (comment.kind, comment.text) == ("agreement", "Doch gut.")


def test_comment_update_by_someone_else_is_refused(round, coordinator):
    comment = _comment(round, coordinator)
    colleague = team_member(coordinator.municipality)
    with pytest.raises(ValidationError) as exc_info:
        consultation.comment_update(
            comment=comment, kind="agreement", text="Fremd.", author=colleague
        )
    assert exc_info.value.code == "not_author"
    assert Comment.objects.get().text == "Das ist zu vage."


def test_comment_update_after_the_end_is_refused(round, coordinator):
    comment = _comment(round, coordinator)
    with time_machine.travel(round.ends_at), pytest.raises(ValidationError) as exc_info:
        consultation.comment_update(
            comment=comment, kind="agreement", text="Später.", author=coordinator
        )
    assert exc_info.value.code == "ended"


def test_a_comment_with_replies_cannot_become_office_only(round, coordinator):
    comment = _comment(round, coordinator)
    consultation.reply_create(
        parent=comment, text="Ja.", author=team_member(coordinator.municipality)
    )
    with pytest.raises(ValidationError) as exc_info:
        consultation.comment_update(
            comment=comment, kind="concern", text="Geheim.", visibility="office", author=coordinator
        )
    assert list(_errors(exc_info)) == ["visibility"]


def test_reply_update_changes_only_the_text(round, coordinator):
    reply = consultation.reply_create(
        parent=_comment(round, coordinator), text="Ja.", author=coordinator
    )
    consultation.comment_update(comment=reply, text="Ja, genau.", author=coordinator)
    reply.refresh_from_db()
    assert (reply.text, reply.kind) == ("Ja, genau.", "")


def test_withdraw_deletes_own_comment_and_a_second_click_is_harmless(round, coordinator):
    comment = _comment(round, coordinator)
    consultation.comment_withdraw(comment=comment, author=coordinator)
    consultation.comment_withdraw(comment=comment, author=coordinator)
    assert Comment.objects.count() == 0
    assert AuditEntry.objects.filter(action="recommendations.comment_withdraw").count() == 1


def test_withdraw_is_refused_once_someone_replied(round, coordinator):
    comment = _comment(round, coordinator)
    consultation.reply_create(
        parent=comment, text="Ja.", author=team_member(coordinator.municipality)
    )
    with pytest.raises(ValidationError) as exc_info:
        consultation.comment_withdraw(comment=comment, author=coordinator)
    assert exc_info.value.code == "has_replies"
    assert Comment.objects.count() == 2


def test_withdraw_of_someone_elses_comment_is_refused(round, coordinator):
    comment = _comment(round, coordinator)
    with pytest.raises(ValidationError):
        consultation.comment_withdraw(comment=comment, author=team_member(coordinator.municipality))
    assert Comment.objects.count() == 1


# --- what stays as it was --------------------------------------------------------------


def test_an_answered_comment_can_be_neither_changed_nor_withdrawn(office, round, coordinator):
    """Otherwise the published answer would answer a text nobody wrote, or vanish."""
    from recommendations import answers

    comment = _comment(round, coordinator)
    answers.comment_answer(
        comment=comment, status="adopted", reason="Wir ändern das.", revision=0, actor=office
    )
    with pytest.raises(ValidationError) as changed:
        consultation.comment_update(
            comment=comment, kind="agreement", text="Alles prima.", author=coordinator
        )
    with pytest.raises(ValidationError) as withdrawn:
        consultation.comment_withdraw(comment=comment, author=coordinator)

    assert changed.value.code == withdrawn.value.code == "answered"
    comment.refresh_from_db()
    assert (comment.text, comment.answer_status) == ("Das ist zu vage.", "adopted")


def test_a_finding_from_a_field_test_is_not_edited_by_the_one_who_recorded_it(round, coordinator):
    from recommendations.models import Comment

    finding = Comment.objects.create(
        round=round,
        paragraph=first_paragraph(round),
        kind="concern",
        text="Ergebnis des Praxistests.",
        visibility="office",
        municipality=coordinator.municipality,
        author=coordinator,
        source="field_test",
    )
    with pytest.raises(ValidationError) as changed:
        consultation.comment_update(
            comment=finding,
            kind="concern",
            text="Für alle sichtbar.",
            visibility="participants",
            author=coordinator,
        )
    with pytest.raises(ValidationError):
        consultation.comment_withdraw(comment=finding, author=coordinator)

    assert changed.value.code == "field_test"
    finding.refresh_from_db()
    assert (finding.visibility, finding.text) == ("office", "Ergebnis des Praxistests.")
