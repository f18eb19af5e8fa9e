import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

from accounts.models import Role
from applications.models import Answer, Application
from calls.models import Question
from tests import factories
from tests.helpers import login_verified

SUBMITTED_AT = dt.datetime(2025, 10, 20, 12, 30, tzinfo=dt.UTC)  # 14:30 in Berlin
PDF_BYTES = b"%PDF-1.4\n% Absichtserklaerung\n"


@pytest.fixture
def media_storage(settings, tmp_path):
    """Uploaded files go to a temporary directory, not to the project's var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def questionnaire(db):
    """A call whose questionnaire has one question of each kind the office sees."""
    call = factories.CallFactory(title_de="Modellkommunen 2025")
    version = factories.VersionFactory(call=call, number=1)
    first = factories.SectionFactory(version=version, position=1, title_de="Ansprechperson")
    second = factories.SectionFactory(version=version, position=2, title_de="Vorhaben")
    q = SimpleNamespace(call=call, version=version)
    q.contact = factories.QuestionFactory(
        section=first, position=1, key="ansprechperson", label_de="Name der Ansprechperson"
    )
    q.decision = factories.QuestionFactory(
        section=first,
        position=2,
        key="beschluss",
        type=Question.Type.YES_NO,
        label_de="Gibt es einen Beschluss?",
    )
    q.size = factories.QuestionFactory(
        section=second,
        position=1,
        key="verwaltung",
        type=Question.Type.SINGLE_CHOICE,
        label_de="Größe der Verwaltung",
        choices=[
            {"value": "klein", "label_de": "bis 100 Beschäftigte", "label_en": "up to 100"},
            {"value": "gross", "label_de": "über 100 Beschäftigte", "label_en": "over 100"},
        ],
    )
    q.topics = factories.QuestionFactory(
        section=second,
        position=2,
        key="themen",
        type=Question.Type.MULTIPLE_CHOICE,
        label_de="Themen",
        choices=[
            {"value": "schulung", "label_de": "Schulungen", "label_en": "Trainings"},
            {"value": "netzwerk", "label_de": "Netzwerk", "label_en": "Network"},
            {"value": "beirat", "label_de": "Fachbeirat", "label_en": "Advisory board"},
        ],
    )
    q.date = factories.QuestionFactory(
        section=second,
        position=3,
        key="beschlussdatum",
        type=Question.Type.DATE,
        label_de="Datum des Beschlusses",
    )
    q.staff = factories.QuestionFactory(
        section=second,
        position=4,
        key="mitarbeitende",
        type=Question.Type.NUMBER,
        label_de="Zahl der Mitarbeitenden",
    )
    q.letter = factories.QuestionFactory(
        section=second,
        position=5,
        key="absichtserklaerung",
        type=Question.Type.FILE,
        label_de="Absichtserklärung",
    )
    return q


def answer_create(*, application, question, value=None, file_bytes=None, file_name=""):
    answer = Answer(application=application, question=question, value=value)
    if file_bytes is not None:
        answer.file.save(file_name, ContentFile(file_bytes), save=False)
        answer.file_name = file_name
        answer.file_size = len(file_bytes)
    answer.save()
    return answer


@pytest.fixture
def answered_application(questionnaire, media_storage):
    """A submitted application of Musterstadt with every question answered."""
    kreis = factories.MunicipalityFactory(
        level="kreis",
        kind="44",
        key="05334",
        name="Kreis Muster",
        size_class="kreis",
        population=None,
    )
    municipality = factories.MunicipalityFactory(
        name="Musterstadt", key="05334002", kreis=kreis, population=50_000
    )
    application = factories.ApplicationFactory(
        call=questionnaire.call,
        municipality=municipality,
        reference="KFA-2025-00001",
        status=Application.Status.SUBMITTED,
        submitted_at=SUBMITTED_AT,
    )
    q = questionnaire
    answer_create(application=application, question=q.contact, value="Erika Mustermann")
    answer_create(application=application, question=q.decision, value=True)
    answer_create(application=application, question=q.size, value="gross")
    answer_create(application=application, question=q.topics, value=["schulung", "beirat"])
    answer_create(application=application, question=q.date, value="2025-09-30")
    answer_create(application=application, question=q.staff, value=1250)
    answer_create(
        application=application,
        question=q.letter,
        file_bytes=PDF_BYTES,
        file_name="Absichtserklaerung.pdf",
    )
    return application


@pytest.fixture
def coordinator_client(client, coordinator):
    login_verified(client, coordinator)
    return client


@pytest.fixture
def reviewer_client(client, db):
    login_verified(client, factories.UserFactory(role=Role.REVIEWER))
    return client
