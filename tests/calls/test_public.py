import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from calls.models import Question
from tests.factories import CallFactory, QuestionFactory, SectionFactory, VersionFactory

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def open_call(db):
    return CallFactory(
        slug="offen",
        title_de="Offene Ausschreibung",
        opens_at=timezone.now() - dt.timedelta(days=1),
        deadline=dt.datetime(2099, 10, 24, 23, 59, 59, tzinfo=BERLIN),
        decision_date=dt.date(2099, 10, 28),
        programme_start=dt.date(2099, 11, 1),
        programme_end=dt.date(2102, 12, 31),
    )


def test_call_detail_anonymous_shows_facts_in_german(client, open_call):
    response = client.get(reverse("calls:detail", args=["offen"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<dd class="kern-description-list-item__value" id="bewerbungsschluss">'
        "24. Oktober 2099, 23:59 Uhr</dd>" in html
    )
    assert "bis zu 10.000,00 € je Modellkommune und Jahr" in html
    assert "28. Oktober 2099" in html
    assert "1. November 2099 bis 31. Dezember 2102" in html
    assert "10 Modellkommunen" in html


def test_call_detail_open_call_links_to_application(client, open_call):
    response = client.get(reverse("calls:detail", args=["offen"]))

    assert response.context["is_open"] is True
    assert 'href="/bewerbung/"><span class="kern-label">Jetzt bewerben</span>' in (
        response.content.decode()
    )


def test_call_detail_closed_call_offers_no_application(client, db):
    CallFactory(
        slug="vorbei",
        opens_at=timezone.now() - dt.timedelta(days=60),
        deadline=timezone.now() - dt.timedelta(days=30),
    )

    response = client.get(reverse("calls:detail", args=["vorbei"]))

    assert response.status_code == 200
    assert "Jetzt bewerben" not in response.content.decode()
    assert "Bewerbungsfrist abgelaufen" in response.content.decode()


def test_call_detail_unknown_slug_is_404(client, db):
    assert client.get(reverse("calls:detail", args=["gibt-es-nicht"])).status_code == 404


def test_call_detail_links_questionnaire_and_pdf(client, questionnaire, call):
    html = client.get(reverse("calls:detail", args=[call.slug])).content.decode()

    assert f'href="{reverse("calls:questionnaire", args=[call.slug])}"' in html
    assert f'href="{reverse("calls:questionnaire_pdf", args=[call.slug])}"' in html


def test_questionnaire_anonymous_shows_questions_as_applicants_see_them(client, questionnaire):
    response = client.get(reverse("calls:questionnaire", args=["modellkommunen-test"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Gibt es einen Ratsbeschluss?" in html
    assert "Bitte den aktuellen Stand angeben." in html
    assert "Höchstens 2000 Zeichen." in html
    assert "Nur wenn die Frage „Gibt es einen Ratsbeschluss?“ mit „Ja“ beantwortet wurde." in html
    assert 'name="bisherige_arbeit" rows="6" maxlength="2000"' in html


def test_questionnaire_fields_are_disabled(client, questionnaire):
    html = client.get(reverse("calls:questionnaire", args=["modellkommunen-test"])).content.decode()

    assert html.count(" disabled") == 3


def test_questionnaire_marks_optional_questions(client, questionnaire):
    html = client.get(reverse("calls:questionnaire", args=["modellkommunen-test"])).content.decode()

    # Of the three questions only the council question is required.
    assert html.count('<span class="kern-label__optional">– optional</span>') == 2


def test_questionnaire_shows_newest_version(client, questionnaire, call):
    newer = VersionFactory(call=call, number=2)
    QuestionFactory(section=SectionFactory(version=newer), label_de="Neue Frage in Version 2")

    html = client.get(reverse("calls:questionnaire", args=[call.slug])).content.decode()

    assert "Neue Frage in Version 2" in html
    assert "Gibt es einen Ratsbeschluss?" not in html


def test_questionnaire_without_version_says_so(client, call):
    response = client.get(reverse("calls:questionnaire", args=[call.slug]))

    assert response.status_code == 200
    assert "Der Fragenkatalog wird noch vorbereitet." in response.content.decode()


@pytest.mark.parametrize("question_count", [1, 6])
def test_questionnaire_query_count_does_not_grow_with_questions(
    client, version, question_count, django_assert_num_queries
):
    sections = [SectionFactory(version=version), SectionFactory(version=version)]
    for i in range(question_count):
        QuestionFactory(
            section=sections[i % 2],
            type=Question.Type.SINGLE_CHOICE,
            choices=[
                {"value": "a", "label_de": "A", "label_en": "A"},
                {"value": "b", "label_de": "B", "label_en": "B"},
            ],
        )

    # Call, version, sections, questions.
    with django_assert_num_queries(4):
        response = client.get(reverse("calls:questionnaire", args=[version.call.slug]))

    assert response.status_code == 200


@pytest.mark.parametrize("call_count", [1, 3])
def test_call_list_query_count_does_not_grow_with_calls(
    client, db, call_count, django_assert_num_queries
):
    CallFactory.create_batch(call_count)

    with django_assert_num_queries(1):
        response = client.get(reverse("calls:list"))

    assert len(response.context["calls"]) == call_count


def test_questionnaire_in_english_shows_the_english_texts(client, questionnaire):
    client.cookies["django_language"] = "en"

    html = client.get(reverse("calls:questionnaire", args=["modellkommunen-test"])).content.decode()

    assert "Is there a council decision?" in html
    # Without an English text the German one is shown.
    assert "Was haben Sie bisher getan?" in html
