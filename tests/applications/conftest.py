import pytest

from calls.models import Question
from tests import factories
from tests.helpers import minimal_pdf


@pytest.fixture
def call(db):
    call = factories.CallFactory(slug="runde-2", title_de="Zweite Runde")
    version = factories.VersionFactory(call=call)
    first = factories.SectionFactory(version=version, position=1, title_de="Stammdaten")
    second = factories.SectionFactory(version=version, position=2, title_de="Motivation")
    factories.QuestionFactory(
        section=first,
        key="kommune_name",
        label_de="Name der Kommune",
        prefill="name",
        required=True,
    )
    factories.QuestionFactory(
        section=first,
        key="ratsbeschluss",
        type=Question.Type.YES_NO,
        label_de="Gibt es einen Ratsbeschluss?",
        required=True,
    )
    factories.QuestionFactory(
        section=first,
        key="ratsbeschluss_datum",
        type=Question.Type.DATE,
        label_de="Datum des Beschlusses",
        required=True,
        condition_key="ratsbeschluss",
        condition_value="yes",
    )
    factories.QuestionFactory(
        section=second,
        key="motivation",
        type=Question.Type.LONG_TEXT,
        label_de="Motivation",
        required=True,
        max_length=3000,
    )
    factories.QuestionFactory(
        section=second,
        key="absichtserklaerung",
        type=Question.Type.FILE,
        label_de="Absichtserklärung",
        required=False,
    )
    return call


@pytest.fixture
def application(call, coordinator):
    from applications.services import application_start

    return application_start(call=call, municipality=coordinator.municipality, actor=coordinator)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def answer(application, actor, key, raw):
    from applications.services import answer_save

    question = application.version.questions.get(key=key)
    return answer_save(application=application, question=question, raw=raw, actor=actor)


PDF_BYTES = minimal_pdf()
