import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from calls.models import Call, Question, QuestionnaireVersion
from core.models import AuditEntry
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    QuestionFactory,
    SectionFactory,
    VersionFactory,
)
from tests.helpers import login_verified

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def office_urls(questionnaire, call):
    section = questionnaire["sections"][0]
    question = questionnaire["questions"][0]
    return [
        reverse("calls_office:list"),
        reverse("calls_office:call_create"),
        reverse("calls_office:call_edit", args=[call.pk]),
        reverse("calls_office:questionnaire_edit", args=[call.pk]),
        reverse("calls_office:section_create", args=[call.pk]),
        reverse("calls_office:section_edit", args=[call.pk, section.pk]),
        reverse("calls_office:section_delete", args=[call.pk, section.pk]),
        reverse("calls_office:section_move", args=[call.pk, section.pk]),
        reverse("calls_office:question_create", args=[call.pk, section.pk]),
        reverse("calls_office:question_edit", args=[call.pk, question.pk]),
        reverse("calls_office:question_delete", args=[call.pk, question.pk]),
        reverse("calls_office:question_move", args=[call.pk, question.pk]),
    ]


def question_post(**changes) -> dict:
    data = {
        "key": "neue_frage",
        "type": Question.Type.SHORT_TEXT,
        "label_de": "Eine neue Frage",
        "label_en": "",
        "help_de": "",
        "help_en": "",
        "max_length": "",
        "choices": "",
        "condition": "",
        "prefill": "",
    }
    data.update(changes)
    return data


def call_post(**changes) -> dict:
    data = {
        "slug": "modellkommunen-2029",
        "title_de": "Modellkommunen 2029",
        "title_en": "Model municipalities 2029",
        "summary_de": "",
        "summary_en": "",
        "opens_at": "2029-09-01T00:00",
        "deadline": "2029-10-24T23:59",
        "decision_date": "2029-10-28",
        "programme_start": "2029-11-01",
        "programme_end": "2032-12-31",
        "places": "10",
        "funding_cap_per_year": "10000.00",
    }
    data.update(changes)
    return data


def test_office_views_send_anonymous_people_to_the_login(client, office_urls):
    for url in office_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/konto/anmelden/"), url


def test_office_views_refuse_coordinators(client, office_urls, coordinator):
    login_verified(client, coordinator)

    statuses = {url: client.get(url).status_code for url in office_urls}

    assert set(statuses.values()) == {403}


def test_office_views_answer_the_office(office_client, office_urls):
    statuses = {url: office_client.get(url).status_code for url in office_urls}

    moves = {url for url in office_urls if url.endswith("/verschieben/")}
    assert {statuses[url] for url in moves} == {405}
    assert {statuses[url] for url in set(office_urls) - moves} == {200}


def test_office_views_of_another_calls_section_are_404(office_client, questionnaire):
    other = CallFactory()
    section = questionnaire["sections"][0]

    response = office_client.get(reverse("calls_office:section_edit", args=[other.pk, section.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("call_count", [1, 3])
def test_office_call_list_query_count_does_not_grow(
    office_client, db, call_count, django_assert_num_queries
):
    for _ in range(call_count):
        call = CallFactory()
        ApplicationFactory(call=call, version=VersionFactory(call=call))

    # Session, user, second-factor device, calls with their counts.
    with django_assert_num_queries(4):
        response = office_client.get(reverse("calls_office:list"))

    assert len(response.context["calls"]) == call_count


def test_call_create_reads_times_in_berlin_and_starts_version_1(office_client, db):
    response = office_client.post(reverse("calls_office:call_create"), call_post())

    call = Call.objects.get(slug="modellkommunen-2029")
    assert response.status_code == 302
    assert call.deadline == dt.datetime(2029, 10, 24, 23, 59, tzinfo=BERLIN)
    assert call.opens_at == dt.datetime(2029, 9, 1, 0, 0, tzinfo=BERLIN)
    assert list(call.versions.values_list("number", flat=True)) == [1]
    assert AuditEntry.objects.filter(action="call.created", object_id=str(call.pk)).count() == 1


def test_call_create_deadline_before_opening_is_a_german_error_at_the_field(office_client, db):
    response = office_client.post(
        reverse("calls_office:call_create"), call_post(deadline="2029-08-01T12:00")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "deadline": ["Der Bewerbungsschluss muss nach dem Beginn der Bewerbung liegen."]
    }
    html = response.content.decode()
    assert (
        'aria-invalid="true" aria-describedby="id_deadline_helptext id_deadline_error" '
        'class="kern-form-input__input kern-form-input__input--error" aria-required="true" '
        'id="id_deadline"' in html
    )
    assert not Call.objects.exists()


def test_call_create_duplicate_slug_is_a_german_error_at_the_field(office_client, call):
    response = office_client.post(
        reverse("calls_office:call_create"), call_post(slug="modellkommunen-test")
    )

    assert response.context["form"].errors == {"slug": ["Dieser Kurzname ist schon vergeben."]}


def test_call_edit_shows_times_in_berlin_and_saves(office_client, db):
    call = CallFactory(
        opens_at=dt.datetime(2029, 9, 1, 0, 0, tzinfo=BERLIN),
        deadline=dt.datetime(2029, 10, 24, 23, 59, tzinfo=BERLIN),
        decision_date=dt.date(2029, 10, 28),
    )
    url = reverse("calls_office:call_edit", args=[call.pk])
    form = office_client.get(url).context["form"]
    assert 'value="2029-10-24T23:59"' in str(form["deadline"])

    response = office_client.post(
        url, call_post(slug=call.slug, places="12", fingerprint=form.initial["fingerprint"])
    )

    assert response.status_code == 302
    call.refresh_from_db()
    assert call.places == 12


def test_question_create_adds_question_at_the_end_of_the_section(
    office_client, questionnaire, call
):
    section = questionnaire["sections"][0]

    response = office_client.post(
        reverse("calls_office:question_create", args=[call.pk, section.pk]),
        question_post(section=section.pk, required="on", max_length="300"),
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#frage-neue_frage")
    question = Question.objects.get(key="neue_frage")
    assert (question.section, question.position, question.required, question.max_length) == (
        section,
        2,
        True,
        300,
    )


def test_question_create_duplicate_key_is_a_german_error_at_the_field(
    office_client, questionnaire, call
):
    section = questionnaire["sections"][0]

    response = office_client.post(
        reverse("calls_office:question_create", args=[call.pk, section.pk]),
        question_post(section=section.pk, key="ratsbeschluss"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "key": ["Dieser Schlüssel ist in dieser Version schon vergeben."]
    }


def test_question_create_choice_without_options_is_a_german_error_at_the_field(
    office_client, questionnaire, call
):
    section = questionnaire["sections"][0]

    response = office_client.post(
        reverse("calls_office:question_create", args=[call.pk, section.pk]),
        question_post(section=section.pk, type=Question.Type.SINGLE_CHOICE, choices="ja|Ja|Yes"),
    )

    assert response.context["form"].errors == {
        "choices": ["Auswahlfragen brauchen mindestens zwei Antwortmöglichkeiten."]
    }


def test_question_create_badly_written_choice_is_a_german_error_at_the_field(
    office_client, questionnaire, call
):
    section = questionnaire["sections"][0]

    response = office_client.post(
        reverse("calls_office:question_create", args=[call.pk, section.pk]),
        question_post(
            section=section.pk, type=Question.Type.SINGLE_CHOICE, choices="ja|Ja\nNein ohne Wert"
        ),
    )

    assert response.context["form"].errors == {
        "choices": ["Zeile 2: Bitte im Format „wert|Deutsch|English“ angeben."]
    }


def test_question_create_stores_choices_typed_one_per_line(office_client, questionnaire, call):
    section = questionnaire["sections"][0]

    office_client.post(
        reverse("calls_office:question_create", args=[call.pk, section.pk]),
        question_post(
            section=section.pk,
            type=Question.Type.MULTIPLE_CHOICE,
            choices="wohnen|Wohnen|Housing\n\nschule| Schule \n",
        ),
    )

    assert Question.objects.get(key="neue_frage").choices == [
        {"value": "wohnen", "label_de": "Wohnen", "label_en": "Housing"},
        {"value": "schule", "label_de": "Schule", "label_en": ""},
    ]


def test_question_create_condition_on_a_later_question_is_a_german_error_at_the_field(
    office_client, questionnaire, call
):
    first, second = questionnaire["sections"]
    Question.objects.create(
        version=questionnaire["version"],
        section=second,
        position=5,
        key="spaeter",
        type=Question.Type.YES_NO,
        label_de="Eine spätere Frage",
    )

    response = office_client.post(
        reverse("calls_office:question_create", args=[call.pk, first.pk]),
        question_post(section=first.pk, condition="spaeter=yes"),
    )

    assert response.context["form"].errors == {
        "condition": ["Die Bedingung muss sich auf eine frühere Frage beziehen."]
    }
    assert not Question.objects.filter(key="neue_frage").exists()


def test_question_create_with_condition_on_an_earlier_question(office_client, questionnaire, call):
    second = questionnaire["sections"][1]

    office_client.post(
        reverse("calls_office:question_create", args=[call.pk, second.pk]),
        question_post(section=second.pk, condition="ratsbeschluss=no"),
    )

    question = Question.objects.get(key="neue_frage")
    assert (question.condition_key, question.condition_value) == ("ratsbeschluss", "no")


def test_question_edit_max_length_for_a_number_is_a_german_error_at_the_field(
    office_client, questionnaire, call
):
    work = questionnaire["questions"][1]

    response = office_client.post(
        reverse("calls_office:question_edit", args=[call.pk, work.pk]),
        question_post(
            section=work.section_id, key=work.key, type=Question.Type.NUMBER, max_length="10"
        ),
    )

    assert response.context["form"].errors == {
        "max_length": [
            "Eine Höchstzahl an Zeichen gibt es nur bei Textfragen (kurzer oder langer Text)."
        ]
    }


def test_question_edit_on_frozen_version_tells_about_the_new_version(
    office_client, questionnaire, call
):
    ApplicationFactory(call=call, version=questionnaire["version"])
    QuestionnaireVersion.objects.filter(pk=questionnaire["version"].pk).update(
        frozen_at=timezone.now()
    )
    work = questionnaire["questions"][1]

    response = office_client.post(
        reverse("calls_office:question_edit", args=[call.pk, work.pk]),
        question_post(section=work.section_id, key=work.key, label_de="Geändert"),
        follow=True,
    )

    html = response.content.decode()
    assert "Die Änderung wurde in der neuen Version 2 gespeichert." in html
    assert "Version 2, gilt für neue Bewerbungen;" in html
    assert "1 Bewerbung nutzt ältere Versionen." in html


def test_questionnaire_edit_shows_the_version_and_the_questions(office_client, questionnaire, call):
    response = office_client.get(reverse("calls_office:questionnaire_edit", args=[call.pk]))

    html = response.content.decode()
    assert "Version 1, gilt für neue Bewerbungen;" in html
    assert "0 Bewerbungen nutzen ältere Versionen." in html
    assert "Wann wurde der Beschluss gefasst?" in html
    assert "Nur wenn die Frage „Gibt es einen Ratsbeschluss?“ mit „Ja“ beantwortet wurde." in html


def test_question_move_without_javascript_redirects_to_the_question(
    office_client, questionnaire, call
):
    work = questionnaire["questions"][1]

    response = office_client.post(
        reverse("calls_office:question_move", args=[call.pk, work.pk]), {"direction": "up"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#frage-bisherige_arbeit")
    assert list(
        questionnaire["sections"][0].questions.order_by("position").values_list("key", flat=True)
    ) == ["bisherige_arbeit", "ratsbeschluss"]


def test_question_move_with_htmx_answers_with_the_editor_alone(office_client, questionnaire, call):
    work = questionnaire["questions"][1]

    response = office_client.post(
        reverse("calls_office:question_move", args=[call.pk, work.pk]),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="fragenkatalog"')
    assert "<h1" not in html
    assert "„Was haben Sie bisher getan?“ wurde nach oben verschoben." in html


def test_section_move_refused_with_htmx_shows_the_reason(office_client, questionnaire, call):
    second = questionnaire["sections"][1]

    response = office_client.post(
        reverse("calls_office:section_move", args=[call.pk, second.pk]),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )

    assert "Eine Bedingung muss sich immer auf eine frühere Frage beziehen." in (
        response.content.decode()
    )


def test_question_delete_asks_first_then_deletes(office_client, questionnaire, call):
    work = questionnaire["questions"][1]
    url = reverse("calls_office:question_delete", args=[call.pk, work.pk])

    assert office_client.get(url).status_code == 200
    assert Question.objects.filter(pk=work.pk).exists()

    response = office_client.post(url)

    assert response.status_code == 302
    assert not Question.objects.filter(pk=work.pk).exists()
    assert AuditEntry.objects.filter(action="questionnaire.question_deleted").count() == 1


def test_section_create_and_edit(office_client, questionnaire, call):
    office_client.post(
        reverse("calls_office:section_create", args=[call.pk]),
        {"title_de": "Motivation", "title_en": "", "intro_de": "", "intro_en": ""},
    )
    section = questionnaire["version"].sections.get(title_de="Motivation")
    assert section.position == 2

    office_client.post(
        reverse("calls_office:section_edit", args=[call.pk, section.pk]),
        {
            "title_de": "Ihre Motivation",
            "title_en": "Your motivation",
            "intro_de": "",
            "intro_en": "",
        },
    )

    section.refresh_from_db()
    assert (section.title_de, section.title_en) == ("Ihre Motivation", "Your motivation")


def test_section_edit_without_title_is_a_german_error_at_the_field(
    office_client, questionnaire, call
):
    section = questionnaire["sections"][0]

    response = office_client.post(
        reverse("calls_office:section_edit", args=[call.pk, section.pk]),
        {"title_de": "", "title_en": "", "intro_de": "", "intro_en": ""},
    )

    assert response.context["form"].errors == {
        "title_de": ["Dieses Feld ist zwingend erforderlich."]
    }


@pytest.mark.parametrize("question_count", [1, 5])
def test_questionnaire_edit_query_count_does_not_grow_with_questions(
    office_client, call, version, question_count, django_assert_num_queries
):
    sections = [SectionFactory(version=version), SectionFactory(version=version)]
    for i in range(question_count):
        QuestionFactory(section=sections[i % 2])

    # Session, user, device, call, version, sections, questions, older applications.
    with django_assert_num_queries(8):
        response = office_client.get(reverse("calls_office:questionnaire_edit", args=[call.pk]))

    assert response.status_code == 200


def test_call_create_cap_in_arabic_indic_digits_is_a_german_error_at_the_field(office_client, db):
    response = office_client.post(
        reverse("calls_office:call_create"), call_post(funding_cap_per_year="١٢٣")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "funding_cap_per_year": ["Bitte geben Sie einen Betrag in Euro ein, z. B. 1.234,56."]
    }
    assert not Call.objects.exists()


def test_call_create_cap_in_german_notation_is_read(office_client, db):
    office_client.post(
        reverse("calls_office:call_create"), call_post(funding_cap_per_year="12.500,50")
    )

    assert Call.objects.get().funding_cap_per_year == Decimal("12500.50")


def test_question_form_offers_section_titles_in_english(office_client, questionnaire, call):
    section = questionnaire["sections"][0]
    type(section).objects.filter(pk=section.pk).update(title_en="Politics")
    office_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = office_client.get(
        reverse("calls_office:question_create", args=[call.pk, section.pk])
    )

    assert f'<option value="{section.pk}" selected>Politics</option>' in response.content.decode()


def test_question_create_keeps_short_labels_for_export_columns(office_client, questionnaire, call):
    section = questionnaire["sections"][0]

    office_client.post(
        reverse("calls_office:question_create", args=[call.pk, section.pk]),
        question_post(section=section.pk, short_label_de="Beschluss", short_label_en="Decision"),
    )

    question = Question.objects.get(key="neue_frage")
    assert (question.short_label_de, question.short_label_en) == ("Beschluss", "Decision")


def test_question_short_label_falls_back_to_the_question_in_the_page_language(questionnaire):
    council = questionnaire["questions"][0]
    assert council.short_label == "Gibt es einen Ratsbeschluss?"
    with translation.override("en"):
        assert council.short_label == "Is there a council decision?"
    council.short_label_de = "Ratsbeschluss"
    with translation.override("en"):
        assert council.short_label == "Is there a council decision?"
    council.short_label_en = "Council decision"
    assert council.short_label == "Ratsbeschluss"
    with translation.override("en"):
        assert council.short_label == "Council decision"
