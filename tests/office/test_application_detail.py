import pytest
from django.urls import reverse

from applications.display import answer_text
from core.audit import audit_record
from tests import factories
from tests.office.conftest import PDF_BYTES, answer_create


def detail_url(application) -> str:
    return reverse("office:application_detail", args=[application.pk])


def file_url(application, answer) -> str:
    return reverse("office:answer_file", args=[application.pk, answer.pk])


def test_application_detail_shows_answers_grouped_by_section_in_order(
    office_client, answered_application
):
    response = office_client.get(detail_url(answered_application))

    assert response.status_code == 200
    sections = response.context["sections"]
    assert [s.section.title_de for s in sections] == ["Ansprechperson", "Vorhaben"]
    assert [[answer_text(i.answer) for i in s.items] for s in sections] == [
        ["Erika Mustermann", "Ja"],
        [
            "über 100 Beschäftigte",
            "Schulungen; Fachbeirat",
            "30.09.2025",
            "1250",
            "Absichtserklaerung.pdf",
        ],
    ]


def test_application_detail_renders_answers_and_register_data(office_client, answered_application):
    answer = answered_application.answers.exclude(file="").get()

    html = office_client.get(detail_url(answered_application)).content.decode()

    for text in [
        "Erika Mustermann",
        "über 100 Beschäftigte",
        "Schulungen; Fachbeirat",
        "30.09.2025",
        "05334002",
        "Kreis Muster",
        "50.000",
        "20.000 bis 100.000 Einwohner*innen",
        "20. Oktober 2025 14:30",
        f'href="{file_url(answered_application, answer)}">Absichtserklaerung.pdf</a>',
        "Datenquelle: Statistisches Bundesamt (Destatis)",
    ]:
        assert text in html, text


def test_application_detail_marks_unanswered_questions(office_client, questionnaire):
    application = factories.ApplicationFactory(call=questionnaire.call)

    html = office_client.get(detail_url(application)).content.decode()

    assert html.count("keine Angabe") == 7


def test_application_detail_lists_the_audit_entries_of_this_application(
    office_client, answered_application, office_user
):
    other = factories.ApplicationFactory(call=answered_application.call)
    audit_record(actor=office_user, action="application_submitted", obj=answered_application)
    audit_record(actor=office_user, action="application_withdrawn", obj=other)

    response = office_client.get(detail_url(answered_application))

    assert [e.action for e in response.context["audit_entries"]] == ["application_submitted"]


def test_application_detail_of_unknown_application_is_404(office_client, db):
    assert office_client.get(reverse("office:application_detail", args=[999])).status_code == 404


def test_answer_file_downloads_with_the_original_name(office_client, answered_application):
    answer = answered_application.answers.exclude(file="").get()

    response = office_client.get(file_url(answered_application, answer))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Absichtserklaerung.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_answer_file_of_another_application_is_404(
    office_client, answered_application, questionnaire
):
    other = factories.ApplicationFactory(call=questionnaire.call)
    answer = answered_application.answers.exclude(file="").get()

    response = office_client.get(file_url(other, answer))

    assert response.status_code == 404


def test_answer_file_of_an_answer_without_file_is_404(office_client, answered_application):
    answer = answered_application.answers.get(question__key="ansprechperson")

    response = office_client.get(file_url(answered_application, answer))

    assert response.status_code == 404


def test_answer_file_missing_in_storage_is_404(office_client, answered_application):
    answer = answered_application.answers.exclude(file="").get()
    answer.file.storage.delete(answer.file.name)

    response = office_client.get(file_url(answered_application, answer))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, "Ja"), (False, "Nein"), ("yes", "Ja"), ("no", "Nein"), (None, "")],
)
def test_answer_text_of_yes_no(questionnaire, value, expected):
    application = factories.ApplicationFactory(call=questionnaire.call)
    answer = answer_create(application=application, question=questionnaire.decision, value=value)

    assert answer_text(answer) == expected


def test_answer_text_keeps_unknown_choice_values(questionnaire):
    application = factories.ApplicationFactory(call=questionnaire.call)
    answer = answer_create(
        application=application, question=questionnaire.topics, value=["netzwerk", "alt"]
    )

    assert answer_text(answer) == "Netzwerk; alt"
