from django.urls import reverse

from applications.models import Application
from selection.letters import letter_fill, letter_templates_ensure
from selection.models import LetterTemplate
from selection.selectors import letter_preview_application
from tests import factories


def test_letter_fill_replaces_known_placeholders_only():
    assert letter_fill("{kommune}: {rang} {unbekannt}", {"kommune": "Jena", "rang": "2"}) == (
        "Jena: 2 {unbekannt}"
    )


def test_letters_page_creates_a_template_per_outcome(office_client, world):
    response = office_client.get(reverse("selection:letters", args=[world.call.pk]))
    assert response.status_code == 200
    assert sorted(LetterTemplate.objects.values_list("outcome", flat=True)) == [
        "ineligible",
        "not_selected",
        "selected",
        "waiting",
    ]


def test_letter_edit_saves_texts(office_client, world):
    url = reverse("selection:letter_edit", args=[world.call.pk, "waiting"])
    response = office_client.post(
        url,
        {
            "subject_de": "Warteliste {rang}",
            "body_de": "Hallo {kommune}",
            "subject_en": "",
            "body_en": "",
        },
    )
    assert response.status_code == 302
    template = LetterTemplate.objects.get(call=world.call, outcome="waiting")
    assert (template.subject_de, template.body_de, template.subject_en) == (
        "Warteliste {rang}",
        "Hallo {kommune}",
        "",
    )


def test_letter_edit_refuses_unknown_placeholder_at_the_field(office_client, world):
    letter_templates_ensure(call=world.call)
    url = reverse("selection:letter_edit", args=[world.call.pk, "selected"])
    response = office_client.post(
        url,
        {"subject_de": "Hallo {gemeinde}", "body_de": "Text", "subject_en": "", "body_en": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unbekannte Platzhalter: {gemeinde}." in html
    assert 'id="id_subject_de_error"' in html


def test_letter_edit_of_unknown_outcome_is_not_found(office_client, world):
    url = reverse("selection:letter_edit", args=[world.call.pk, "vielleicht"])
    assert office_client.get(url).status_code == 404


def test_letter_preview_is_a_pdf(office_client, world):
    response = office_client.get(
        reverse("selection:letter_preview", args=[world.call.pk, "waiting"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_letter_preview_application_is_the_first_submitted_one(world):
    first = min(world.apps.values(), key=lambda application: application.pk)

    assert letter_preview_application(call=world.call) == first


def test_letter_preview_application_without_submissions_is_an_unsaved_sample(db):
    call = factories.CallFactory()
    factories.ApplicationFactory(call=call, status=Application.Status.DRAFT)

    sample = letter_preview_application(call=call)

    assert (sample.pk, sample.reference, sample.municipality.name) == (
        None,
        "KFA-000-00000000",
        "Musterstadt",
    )
