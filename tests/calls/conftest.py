import datetime as dt

import pytest
from django.utils import timezone

from calls.models import Question
from tests.factories import CallFactory, QuestionFactory, SectionFactory, VersionFactory


@pytest.fixture
def call(db):
    """A call that opens next week, so its questionnaire is not frozen yet."""
    return CallFactory(
        slug="modellkommunen-test",
        title_de="Modellkommunen Test",
        opens_at=timezone.now() + dt.timedelta(days=7),
    )


@pytest.fixture
def version(call):
    return VersionFactory(call=call, number=1)


@pytest.fixture
def questionnaire(version):
    """Two sections; the second asks for a date only if the first question is answered yes."""
    first = SectionFactory(version=version, position=0, title_de="Politik")
    second = SectionFactory(version=version, position=1, title_de="Ablauf")
    council = QuestionFactory(
        section=first,
        position=0,
        key="ratsbeschluss",
        type=Question.Type.YES_NO,
        label_de="Gibt es einen Ratsbeschluss?",
        label_en="Is there a council decision?",
        help_de="Bitte den aktuellen Stand angeben.",
        required=True,
    )
    work = QuestionFactory(
        section=first,
        position=1,
        key="bisherige_arbeit",
        type=Question.Type.LONG_TEXT,
        label_de="Was haben Sie bisher getan?",
        max_length=2000,
    )
    date = QuestionFactory(
        section=second,
        position=0,
        key="ratsbeschluss_datum",
        type=Question.Type.DATE,
        label_de="Wann wurde der Beschluss gefasst?",
        condition_key="ratsbeschluss",
        condition_value="yes",
    )
    return {"version": version, "sections": [first, second], "questions": [council, work, date]}
