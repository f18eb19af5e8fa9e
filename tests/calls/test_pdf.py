import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from applications.models import Answer, Application
from calls.models import Question
from calls.pdf import answers_pdf, questionnaire_pdf
from tests.factories import ApplicationFactory, QuestionFactory

BERLIN = ZoneInfo("Europe/Berlin")


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # Line breaks inside a paragraph depend on the page width; compare words only.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_questionnaire_pdf_view_answers_with_a_real_pdf(client, questionnaire):
    response = client.get(reverse("calls:questionnaire_pdf", args=["modellkommunen-test"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"
    text = pdf_text(response.content)
    assert "Gibt es einen Ratsbeschluss?" in text
    assert "Nur wenn die Frage „Gibt es einen Ratsbeschluss?“ mit „Ja“ beantwortet wurde." in text


def test_questionnaire_pdf_has_call_facts_and_page_numbers(questionnaire):
    text = pdf_text(questionnaire_pdf(version=questionnaire["version"]))

    assert "Fragenkatalog: Modellkommunen Test" in text
    assert "bis zu 10.000,00 € je Modellkommune und Jahr" in text
    assert "Seite 1 von 1" in text


def test_questionnaire_pdf_follows_the_active_language(questionnaire):
    with translation.override("en"):
        text = pdf_text(questionnaire_pdf(version=questionnaire["version"]))

    assert "Is there a council decision?" in text
    assert "Gibt es einen Ratsbeschluss?" not in text


def test_questionnaire_pdf_changes_when_a_question_changes(questionnaire):
    version = questionnaire["version"]
    questionnaire_pdf(version=version)
    Question.objects.filter(key="bisherige_arbeit").update(label_de="Geänderte Frage")

    text = pdf_text(questionnaire_pdf(version=version))

    assert "Geänderte Frage" in text


def test_questionnaire_pdf_without_version_is_404(client, call):
    response = client.get(reverse("calls:questionnaire_pdf", args=[call.slug]))

    assert response.status_code == 404


def test_answers_pdf_lists_visible_answers_and_file_names(questionnaire, call, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    council, work, date = questionnaire["questions"]
    letter = QuestionFactory(
        section=questionnaire["sections"][1],
        position=1,
        key="absichtserklaerung",
        type=Question.Type.FILE,
        label_de="Absichtserklärung",
    )
    application = ApplicationFactory(
        call=call,
        version=questionnaire["version"],
        municipality__name="Musterstadt",
        reference="KFA-2025-00042",
        status=Application.Status.SUBMITTED,
        submitted_at=dt.datetime(2025, 10, 20, 14, 30, tzinfo=BERLIN),
    )
    Answer.objects.create(application=application, question=council, value="no")
    Answer.objects.create(application=application, question=work, value="Ein Runder Tisch.")
    # Hidden by its condition, so it must not appear although an old answer exists.
    Answer.objects.create(application=application, question=date, value="2025-06-01")
    file_answer = Answer(application=application, question=letter, file_name="erklaerung.pdf")
    file_answer.file.save("x.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    file_answer.save()

    text = pdf_text(answers_pdf(application=application))

    assert "Bewerbung: Musterstadt" in text
    assert "KFA-2025-00042" in text
    assert "20. Oktober 2025, 14:30 Uhr" in text
    assert "Gibt es einen Ratsbeschluss? Nein" in text
    assert "Ein Runder Tisch." in text
    assert "Wann wurde der Beschluss gefasst?" not in text
    assert "Hochgeladene Datei: erklaerung.pdf" in text


def test_questionnaire_pdf_is_tagged_for_screen_readers(questionnaire):
    reader = PdfReader(io.BytesIO(questionnaire_pdf(version=questionnaire["version"])))

    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"
