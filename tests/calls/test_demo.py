import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from calls import questionnaire as editor
from calls.demo import ensure_demo_calls
from calls.models import Call, Question, QuestionnaireVersion, Section
from tests.factories import QuestionFactory

BERLIN = ZoneInfo("Europe/Berlin")


def counts() -> tuple[int, int, int, int]:
    return (
        Call.objects.count(),
        QuestionnaireVersion.objects.count(),
        Section.objects.count(),
        Question.objects.count(),
    )


def test_ensure_demo_calls_twice_creates_everything_once(db):
    ensure_demo_calls()
    first = counts()

    ensure_demo_calls()

    assert counts() == first
    assert first[:2] == (2, 2)


def test_ensure_demo_calls_first_call_has_the_dates_of_the_call(db):
    first, _second = ensure_demo_calls()

    assert first.slug == "modellkommunen-2025"
    assert first.title_de == "Kommunen für alle? – Modellkommunen 2025"
    assert first.opens_at == dt.datetime(2025, 9, 1, 0, 0, tzinfo=BERLIN)
    assert first.deadline == dt.datetime(2025, 10, 24, 23, 59, 59, tzinfo=BERLIN)
    assert (first.decision_date, first.programme_start, first.programme_end) == (
        dt.date(2025, 10, 28),
        dt.date(2025, 11, 1),
        dt.date(2028, 12, 31),
    )
    assert (first.places, str(first.funding_cap_per_year)) == (10, "10000.00")


def test_ensure_demo_calls_second_call_is_open_around_today(db):
    today = dt.date(2027, 3, 10)

    _first, second = ensure_demo_calls(today=today)

    assert second.slug == "modellkommunen-2027"
    assert second.opens_at == dt.datetime(2027, 2, 8, 0, 0, tzinfo=BERLIN)
    assert second.deadline == dt.datetime(2027, 4, 21, 23, 59, 59, tzinfo=BERLIN)
    assert second.decision_date == dt.date(2027, 4, 28)
    assert second.title_de == "Kommunen für alle? – Modellkommunen 2027 (zweite Runde)"
    assert (second.programme_start, second.programme_end) == (
        dt.date(2027, 5, 1),
        dt.date(2030, 4, 30),
    )


@pytest.mark.parametrize(
    "today",
    [dt.date(2026, 3, 15), dt.date(2026, 11, 20), dt.date(2027, 6, 30), dt.date(2028, 12, 31)],
)
def test_ensure_demo_calls_second_call_decides_before_its_programme_starts(db, today):
    first, second = ensure_demo_calls(today=today)

    assert first.deadline < second.deadline
    assert second.deadline.astimezone(BERLIN).date() < second.decision_date
    assert second.decision_date < second.programme_start < second.programme_end
    assert str(second.programme_start.year) in second.title_de


def test_ensure_demo_calls_again_gives_the_first_call_its_own_dates_back(db):
    first, _second = ensure_demo_calls()
    Call.objects.filter(pk=first.pk).update(
        opens_at=dt.datetime(2024, 9, 1, tzinfo=BERLIN),
        deadline=dt.datetime(2024, 10, 24, 23, 59, 59, tzinfo=BERLIN),
        programme_start=dt.date(2024, 11, 1),
    )

    first, _second = ensure_demo_calls()

    assert (first.deadline, first.programme_start) == (
        dt.datetime(2025, 10, 24, 23, 59, 59, tzinfo=BERLIN),
        dt.date(2025, 11, 1),
    )


def test_ensure_demo_calls_again_keeps_the_second_call_open(db):
    ensure_demo_calls(today=dt.date(2020, 1, 1))

    _first, second = ensure_demo_calls()

    assert second.is_open()
    assert second.deadline.astimezone(BERLIN).date() == (
        timezone.localdate(timezone.now(), BERLIN) + dt.timedelta(weeks=6)
    )


def test_demo_questionnaire_has_the_agreed_keys_and_conditions(db):
    first, _second = ensure_demo_calls()
    version = first.current_version()
    questions = {q.key: q for q in version.questions.all()}

    assert [s.title_de for s in version.sections.order_by("position")] == [
        "Angaben zur Kommune",
        "Ansprechpersonen",
        "Politische Rückendeckung",
        "Bestehende Strukturen",
        "Bedarfe",
        "Kapazitäten",
        "Verpflichtungen als Modellkommune",
        "Motivation",
        "Datenschutz",
    ]
    assert {k: questions[k].prefill for k in questions if questions[k].prefill} == {
        "kommune_name": "name",
        "kommune_ags": "key",
        "kommune_land": "land",
        "einwohner": "population",
    }
    assert (
        questions["ratsbeschluss_datum"].condition_key,
        questions["ratsbeschluss_datum"].condition_value,
    ) == (
        "ratsbeschluss",
        "ja",
    )
    assert questions["eccar_beitrittsjahr"].condition_value == "yes"
    assert questions["bedarfe"].max_length == 2000
    assert questions["motivation"].max_length == 3000
    assert questions["absichtserklaerung"].type == Question.Type.FILE
    assert questions["absichtserklaerung"].required is True
    assert len([k for k in questions if k.startswith("verpflichtung_")]) == 7


def test_demo_questionnaire_obeys_the_editor_rules(db):
    first, _second = ensure_demo_calls()
    version = first.current_version()

    assert editor.questionnaire_problems(version=version) == {}
    assert all(q.label_en for q in version.questions.all())


def test_questionnaire_problems_finds_a_condition_on_a_later_question(questionnaire):
    QuestionFactory(section=questionnaire["sections"][1], key="spaeter", type=Question.Type.YES_NO)
    Question.objects.filter(key="bisherige_arbeit").update(
        condition_key="spaeter", condition_value="yes"
    )

    problems = editor.questionnaire_problems(version=questionnaire["version"])

    assert problems == {
        "bisherige_arbeit": {
            "condition_key": "So stünde Frage „Was haben Sie bisher getan?“ vor der Frage, von "
            "der sie abhängt. Eine Bedingung muss sich immer auf eine frühere Frage beziehen."
        }
    }


def test_demo_questionnaire_page_renders(client, db):
    ensure_demo_calls()

    response = client.get(reverse("calls:questionnaire", args=["modellkommunen-2027"]))

    assert response.status_code == 200
    assert "Absichtserklärung der Verwaltungsspitze (PDF)" in response.content.decode()


def test_every_demo_question_heads_its_export_column_with_a_short_label(db):
    """The office's exports head their columns with these labels, not the internal keys."""
    ensure_demo_calls()

    questions = Question.objects.all()
    assert questions.exists()
    without = [q.key for q in questions if not (q.short_label_de and q.short_label_en)]
    assert without == []
    contact = questions.filter(key="kontakt_name").first()
    assert (contact.short_label_de, contact.short_label_en) == ("Ansprechperson", "Contact person")
