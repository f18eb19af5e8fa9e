"""The mails of consultation rounds: each goes out once, to the audience, in each
person's language, never to those who muted them, and tells nothing about others."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Role
from core.models import AuditEntry
from recommendations import notifications, services
from recommendations.models import (
    CommentVisibility,
    ConsultationMailSetting,
    ConsultationRound,
    Document,
    Paragraph,
)
from recommendations.notifications import (
    answers_published_mails,
    consultation_mails_mute,
    reply_digest_mails,
    round_opened_mails,
)
from tests import factories
from tests.recommendations.notify_helpers import (
    DAY,
    answer,
    comment,
    consultation_round,
    publish_answers,
    trainers,
)

pytestmark = pytest.mark.django_db

BERLIN_NOON = dt.datetime(2026, 3, 10, 11, 0, tzinfo=dt.UTC)  # 12:00 in Berlin
HOUR = dt.timedelta(hours=1)


def _run(sweep, django_capture_on_commit_callbacks, now=None):
    with django_capture_on_commit_callbacks(execute=True):
        return sweep(now or timezone.now())


def _to(mailoutbox) -> list[str]:
    return sorted(address for mail in mailoutbox for address in mail.to)


# --- the opening mail -------------------------------------------------------------------------


def test_an_open_round_invites_its_audience_once(mailoutbox, django_capture_on_commit_callbacks):
    round = consultation_round(
        for_municipal_teams=False,
        for_trainers=True,
        starts_at=BERLIN_NOON - DAY,
        ends_at=BERLIN_NOON + 14 * DAY,
        question_guide="Ist die Empfehlung verständlich?\nFehlt ein Fachbereich?",
    )
    first, second = trainers(2)
    factories.CoordinatorFactory()  # not in this round's audience

    sent = _run(round_opened_mails, django_capture_on_commit_callbacks, BERLIN_NOON)

    assert sent == 2
    assert _to(mailoutbox) == sorted([first.email, second.email])
    mail = next(m for m in mailoutbox if m.to == [first.email])
    assert mail.subject == "Beteiligungsrunde geöffnet: Erste Beteiligungsrunde"
    assert f"Guten Tag {first.full_name}," in mail.body
    assert "Zeitraum: 09.03.2026, 12:00 Uhr bis 24.03.2026, 12:00 Uhr" in mail.body
    assert "Ist die Empfehlung verständlich?\nFehlt ein Fachbereich?" in mail.body
    round_url = f"http://127.0.0.1:8000/beteiligung/runden/{round.pk}/"
    assert f"Zur Beteiligungsrunde: {round_url}" in mail.body
    mute_link = re.search(r"abbestellen: (\S+)", mail.body).group(1)
    assert mail.extra_headers["List-Unsubscribe"] == f"<{mute_link}>"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    round.refresh_from_db()
    assert round.opened_mail_sent_at == BERLIN_NOON
    entry = AuditEntry.objects.get(action="recommendations.round_opened_mailed")
    # The audit trail says that the round was mailed, never to how many: in a round open
    # only to network members that would be the number of members.
    assert not entry.changes

    again = _run(round_opened_mails, django_capture_on_commit_callbacks, BERLIN_NOON + DAY)

    assert again == 0
    assert len(mailoutbox) == 2


def test_the_opening_mail_is_in_the_persons_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    consultation_round(for_municipal_teams=False, for_trainers=True, title="Runde zwei")
    (person,) = trainers(1, language="en")

    _run(round_opened_mails, django_capture_on_commit_callbacks)

    (mail,) = mailoutbox
    assert mail.subject == "Consultation round open: Runde zwei"
    assert "To the consultation round:" in mail.body


def test_a_round_not_yet_begun_or_already_ended_gets_no_opening_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    coming = consultation_round(
        for_trainers=True, starts_at=now + DAY, ends_at=now + 10 * DAY, title="kommt"
    )
    ended = consultation_round(
        for_trainers=True, starts_at=now - 10 * DAY, ends_at=now - DAY, title="vorbei"
    )
    trainers(1)

    assert _run(round_opened_mails, django_capture_on_commit_callbacks, now) == 0

    assert mailoutbox == []
    assert ConsultationRound.objects.filter(opened_mail_sent_at__isnull=False).count() == 0
    # The coming round is mailed once it opens; the ended one never.
    assert _run(round_opened_mails, django_capture_on_commit_callbacks, now + 2 * DAY) == 1
    coming.refresh_from_db()
    ended.refresh_from_db()
    assert coming.opened_mail_sent_at == now + 2 * DAY
    assert ended.opened_mail_sent_at is None


def test_muted_people_get_no_opening_mail(mailoutbox, django_capture_on_commit_callbacks):
    consultation_round(for_municipal_teams=False, for_trainers=True)
    muted, listening = trainers(2)
    consultation_mails_mute(user=muted)

    _run(round_opened_mails, django_capture_on_commit_callbacks)

    assert _to(mailoutbox) == [listening.email]


def test_a_sweep_that_read_a_round_as_due_sends_nothing_once_another_claimed_it(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    """Two workers read the same due round; the second to claim it mails nobody."""
    consultation_round(for_municipal_teams=False, for_trainers=True)
    trainers(3)
    original = notifications._round_opened_mail
    other_worker_ran = []

    def other_worker_first(**kwargs):
        if not other_worker_ran:
            other_worker_ran.append(True)
            original(**kwargs)  # the other worker claims and mails the round
        return original(**kwargs)  # this worker, with its stale list of due rounds

    monkeypatch.setattr(notifications, "_round_opened_mail", other_worker_first)

    _run(round_opened_mails, django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 3


def test_without_the_claim_a_second_worker_would_mail_everyone_again(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    """The control of the test above: it fails if the claim is taken away."""
    consultation_round(for_municipal_teams=False, for_trainers=True)
    trainers(3)
    monkeypatch.setattr(notifications, "_claim", lambda *args: True)
    original = notifications._round_opened_mail

    def twice(**kwargs):
        return original(**kwargs) + original(**kwargs)

    monkeypatch.setattr(notifications, "_round_opened_mail", twice)

    _run(round_opened_mails, django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 6


def _opening_queries(count: int) -> int:
    ConsultationRound.objects.all().delete()
    consultation_round(for_municipal_teams=False, for_trainers=True)
    trainers(count)
    with CaptureQueriesContext(connection) as queries:
        round_opened_mails(timezone.now())
    return len(queries)


def test_the_opening_sweep_reads_the_same_number_of_queries_for_1_and_20_recipients():
    few = _opening_queries(1)
    many = _opening_queries(20)

    assert few == many


# --- the answers ------------------------------------------------------------------------------


def _answered_round():
    """A round open to trainers, ended, with the office's answers published."""
    now = timezone.now()
    round = consultation_round(
        for_municipal_teams=False,
        for_trainers=True,
        for_network=True,
        starts_at=now - 20 * DAY,
        ends_at=now - 5 * DAY,
    )
    round.opened_mail_sent_at = round.starts_at
    round.save(update_fields=["opened_mail_sent_at"])
    return round


def test_each_writer_gets_the_answers_to_their_own_comments(
    mailoutbox, django_capture_on_commit_callbacks
):
    round = _answered_round()
    writer, other_writer, replier, silent = trainers(4)
    mine = comment(round, author=writer, text="Bitte einfacher formulieren.")
    answer(mine, status="adopted", reason="Der Satz ist jetzt kürzer.")
    theirs = comment(
        round,
        author=other_writer,
        text="Vertraulicher Hinweis aus meiner Stelle.",
        visibility=CommentVisibility.OFFICE,
    )
    answer(theirs, status="not_adopted", reason="Nur für die Geschäftsstelle begründet.")
    comment(round, author=replier, parent=mine, text="Dem schließe ich mich an.")
    publish_answers(round)

    sent = _run(answers_published_mails, django_capture_on_commit_callbacks)

    assert sent == 3
    assert _to(mailoutbox) == sorted([writer.email, other_writer.email, replier.email])
    assert silent.email not in _to(mailoutbox)
    mail = next(m for m in mailoutbox if m.to == [writer.email])
    assert mail.subject == "Antworten veröffentlicht: Erste Beteiligungsrunde"
    assert "Ihr Kommentar: Bitte einfacher formulieren." in mail.body
    assert "Status: übernommen\nBegründung: Der Satz ist jetzt kürzer." in mail.body
    assert f"Zur Synopse: http://127.0.0.1:8000/beteiligung/synopse/{round.pk}/" in mail.body
    for other in ("Vertraulicher Hinweis", "Nur für die Geschäftsstelle", "Dem schließe"):
        assert other not in mail.body
    for name in (other_writer.full_name, replier.full_name):
        assert name not in mail.body
    reply_mail = next(m for m in mailoutbox if m.to == [replier.email])
    assert "Ihr Kommentar:" not in reply_mail.body
    assert "Vertraulicher Hinweis" not in reply_mail.body
    assert "Synopse" in reply_mail.body


def test_the_answers_mail_goes_out_once_and_only_after_publication(
    mailoutbox, django_capture_on_commit_callbacks
):
    round = _answered_round()
    (writer,) = trainers(1)
    answer(comment(round, author=writer), status="adopted", reason="Gut.")

    assert _run(answers_published_mails, django_capture_on_commit_callbacks) == 0

    publish_answers(round)
    assert _run(answers_published_mails, django_capture_on_commit_callbacks) == 1
    assert _run(answers_published_mails, django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 1


def test_the_answers_mail_is_in_the_persons_language_and_skips_the_muted(
    mailoutbox, django_capture_on_commit_callbacks
):
    round = _answered_round()
    english, muted = trainers(2, language="en")
    answer(comment(round, author=english), status="partly_adopted", reason="Teilweise.")
    answer(comment(round, author=muted), status="adopted", reason="Ja.")
    consultation_mails_mute(user=muted)
    publish_answers(round)

    _run(answers_published_mails, django_capture_on_commit_callbacks)

    (mail,) = mailoutbox
    assert mail.to == [english.email]
    assert "Status: partly adopted" in mail.body


def test_a_writer_no_longer_in_the_audience_gets_no_answers_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    round = _answered_round()
    (writer,) = trainers(1)
    answer(comment(round, author=writer), status="adopted", reason="Gut.")
    writer.role = Role.COORDINATOR
    writer.save(update_fields=["role"])
    publish_answers(round)

    assert _run(answers_published_mails, django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def _answers_queries(count: int) -> int:
    ConsultationRound.objects.all().delete()
    round = _answered_round()
    for person in trainers(count):
        answer(comment(round, author=person), status="adopted", reason="Gut.")
    publish_answers(round)
    with CaptureQueriesContext(connection) as queries:
        answers_published_mails(timezone.now())
    return len(queries)


def test_the_answers_sweep_reads_the_same_number_of_queries_for_1_and_20_writers():
    assert _answers_queries(1) == _answers_queries(20)


# --- the daily digest of replies --------------------------------------------------------------


def test_the_daily_digest_counts_new_replies_without_naming_anyone(
    mailoutbox, django_capture_on_commit_callbacks
):
    round = consultation_round(for_municipal_teams=False, for_trainers=True)
    writer, replier = trainers(2)
    mine = comment(round, author=writer)
    comment(round, author=replier, parent=mine, text="Sehe ich anders.")
    comment(round, author=replier, parent=mine, text="Und noch etwas.")
    comment(round, author=writer, parent=mine, text="Meine eigene Ergänzung.")
    now = timezone.now()

    sent = _run(reply_digest_mails, django_capture_on_commit_callbacks, now)

    assert sent == 1
    (mail,) = mailoutbox
    assert mail.to == [writer.email]
    assert "Erste Beteiligungsrunde: 2 neue Antworten" in mail.body
    assert f"http://127.0.0.1:8000/beteiligung/runden/{round.pk}/" in mail.body
    assert replier.full_name not in mail.body
    assert "Sehe ich anders" not in mail.body
    assert ConsultationMailSetting.objects.get(user=writer).replies_mailed_until == now


def test_the_digest_mails_a_person_once_a_day_and_then_only_what_is_new(
    mailoutbox, django_capture_on_commit_callbacks
):
    round = consultation_round(for_municipal_teams=False, for_trainers=True)
    writer, replier = trainers(2)
    mine = comment(round, author=writer)
    comment(round, author=replier, parent=mine)
    now = timezone.now()
    _run(reply_digest_mails, django_capture_on_commit_callbacks, now)
    comment(round, author=replier, parent=mine, text="Später am Tag.")

    assert _run(reply_digest_mails, django_capture_on_commit_callbacks, now) == 0
    assert _run(reply_digest_mails, django_capture_on_commit_callbacks, now + DAY) == 1
    assert "Erste Beteiligungsrunde: 1 neue Antwort\n" in mailoutbox[1].body
    assert _run(reply_digest_mails, django_capture_on_commit_callbacks, now + 2 * DAY) == 0


def test_the_digest_skips_the_muted(mailoutbox, django_capture_on_commit_callbacks):
    round = consultation_round(for_municipal_teams=False, for_trainers=True)
    writer, replier = trainers(2)
    comment(round, author=replier, parent=comment(round, author=writer))
    consultation_mails_mute(user=writer)

    assert _run(reply_digest_mails, django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def _digest_queries(count: int) -> int:
    ConsultationRound.objects.all().delete()
    round = consultation_round(for_municipal_teams=False, for_trainers=True)
    (replier,) = trainers(1)
    for person in trainers(count):
        comment(round, author=replier, parent=comment(round, author=person))
    with CaptureQueriesContext(connection) as queries:
        sent = reply_digest_mails(timezone.now())
    assert sent == count
    return len(queries)


def test_the_digest_reads_the_same_number_of_queries_for_1_and_20_people():
    assert _digest_queries(1) == _digest_queries(20)


# --- the last day of a round, the order of the answers, the document's title ----------------


def _at(reply, moment: dt.datetime):
    # created_at is set on insert; the tests place a reply at a chosen moment afterwards.
    type(reply).objects.filter(pk=reply.pk).update(created_at=moment)


def test_replies_from_the_rounds_last_hours_reach_the_next_mornings_digest(
    mailoutbox, django_capture_on_commit_callbacks
):
    end = dt.datetime(2026, 3, 10, 17, 0, tzinfo=dt.UTC)  # 18:00 in Berlin
    round = consultation_round(
        for_municipal_teams=False, for_trainers=True, starts_at=end - 10 * DAY, ends_at=end
    )
    writer, replier = trainers(2)
    mine = comment(round, author=writer)
    _at(comment(round, author=replier, parent=mine), end - 2 * DAY)
    morning = dt.datetime(2026, 3, 10, 6, 0, tzinfo=dt.UTC)  # 07:00 in Berlin
    assert _run(reply_digest_mails, django_capture_on_commit_callbacks, morning) == 1
    _at(comment(round, author=replier, parent=mine, text="Kurz vor Schluss."), end - 2 * HOUR)

    sent = _run(reply_digest_mails, django_capture_on_commit_callbacks, morning + DAY)

    assert sent == 1
    assert mailoutbox[1].to == [writer.email]
    assert "Erste Beteiligungsrunde: 1 neue Antwort\n" in mailoutbox[1].body
    assert f"http://127.0.0.1:8000/beteiligung/runden/{round.pk}/" in mailoutbox[1].body
    # Reported once: the digest after that has nothing new.
    assert _run(reply_digest_mails, django_capture_on_commit_callbacks, morning + 2 * DAY) == 0


def test_the_first_digest_of_a_person_leaves_out_rounds_that_ended_long_ago(
    mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    round = consultation_round(
        for_municipal_teams=False,
        for_trainers=True,
        starts_at=now - 30 * DAY,
        ends_at=now - 10 * DAY,
    )
    writer, replier = trainers(2)
    _at(comment(round, author=replier, parent=comment(round, author=writer)), now - 11 * DAY)

    assert _run(reply_digest_mails, django_capture_on_commit_callbacks, now) == 0
    assert mailoutbox == []


def _two_chapter_round():
    """An ended round with published answers on a version of two chapters of two
    recommendations each ("Kapitelregel 1.1" ... "Kapitelregel 2.2")."""
    actor = factories.UserFactory(role=Role.OFFICE)
    document = services.document_create(slug="zwei-kapitel", title_de="Zwei Kapitel", actor=actor)
    draft = document.versions.get()
    for chapter_number in (1, 2):
        chapter = services.chapter_add(
            version=draft, title=f"Kapitel {chapter_number}", actor=actor
        )
        for number in (1, 2):
            recommendation = services.recommendation_add(
                chapter=chapter, title=f"Kapitelregel {chapter_number}.{number}", actor=actor
            )
            services.paragraph_add(recommendation=recommendation, text="Ein Absatz.", actor=actor)
    version = services.version_freeze(version=draft, label="1.0", actor=actor)
    now = timezone.now()
    return consultation_round(
        version=version,
        for_municipal_teams=False,
        for_trainers=True,
        starts_at=now - 20 * DAY,
        ends_at=now - 5 * DAY,
    )


def _paragraph_of(round, number: str):
    chapter, position = number.split(".")
    return Paragraph.objects.get(
        recommendation__version=round.version,
        recommendation__chapter__position=int(chapter),
        recommendation__position=int(position),
    )


def test_the_answers_mail_lists_the_comments_in_the_order_of_the_text(
    mailoutbox, django_capture_on_commit_callbacks
):
    round = _two_chapter_round()
    (writer,) = trainers(1)
    for number in ("2.1", "1.2", "2.2", "1.1"):
        answer(
            comment(
                round, author=writer, paragraph=_paragraph_of(round, number), text=f"Zu {number}."
            ),
            status="adopted",
            reason="Gut.",
        )
    publish_answers(round)

    _run(answers_published_mails, django_capture_on_commit_callbacks)

    (mail,) = mailoutbox
    found = re.findall(r"^Empfehlung (\d\.\d): Kapitelregel (\d\.\d), Absatz 1", mail.body, re.M)
    assert found == [(n, n) for n in ("1.1", "1.2", "2.1", "2.2")]
    texts = re.findall(r"Ihr Kommentar: Zu (\d\.\d)\.", mail.body)
    assert texts == ["1.1", "1.2", "2.1", "2.2"]


def test_the_answers_mail_numbers_the_recommendations_in_english_too(
    mailoutbox, django_capture_on_commit_callbacks
):
    round = _two_chapter_round()
    (writer,) = trainers(1, language="en")
    answer(
        comment(round, author=writer, paragraph=_paragraph_of(round, "2.1")),
        status="adopted",
        reason="Gut.",
    )
    publish_answers(round)

    _run(answers_published_mails, django_capture_on_commit_callbacks)

    (mail,) = mailoutbox
    assert "Recommendation 2.1: Kapitelregel 2.1, paragraph 1 – " in mail.body


def _english_title(round):
    Document.objects.filter(pk=round.version.document_id).update(
        title_de="Handlungsempfehlungen", title_en="Recommendations for action"
    )


def test_the_opening_mail_names_the_document_in_the_persons_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    round = consultation_round(for_municipal_teams=False, for_trainers=True)
    _english_title(round)
    (english,) = trainers(1, language="en")
    (german,) = trainers(1, language="de")

    _run(round_opened_mails, django_capture_on_commit_callbacks)

    english_mail = next(m for m in mailoutbox if m.to == [english.email])
    german_mail = next(m for m in mailoutbox if m.to == [german.email])
    assert "Recommendations for action" in english_mail.body
    assert "Handlungsempfehlungen" not in english_mail.body
    assert "„Handlungsempfehlungen“" in german_mail.body
    assert "Recommendations for action" not in german_mail.body


def test_the_answers_mail_names_the_document_in_the_persons_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    round = _answered_round()
    _english_title(round)
    english, german = trainers(1, language="en") + trainers(1, language="de")
    answer(comment(round, author=english), status="adopted", reason="Gut.")
    answer(comment(round, author=german), status="adopted", reason="Gut.")
    publish_answers(round)

    _run(answers_published_mails, django_capture_on_commit_callbacks)

    english_mail = next(m for m in mailoutbox if m.to == [english.email])
    german_mail = next(m for m in mailoutbox if m.to == [german.email])
    assert "Recommendations for action" in english_mail.body
    assert "Handlungsempfehlungen" not in english_mail.body
    assert "„Handlungsempfehlungen“" in german_mail.body


def test_without_an_english_title_the_english_mail_keeps_the_german_one(
    mailoutbox, django_capture_on_commit_callbacks
):
    round = consultation_round(for_municipal_teams=False, for_trainers=True)
    Document.objects.filter(pk=round.version.document_id).update(title_de="Nur Deutsch")
    trainers(1, language="en")

    _run(round_opened_mails, django_capture_on_commit_callbacks)

    (mail,) = mailoutbox
    assert "Nur Deutsch" in mail.body
