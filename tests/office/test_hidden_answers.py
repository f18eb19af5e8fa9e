"""An answer kept from before its condition changed is not shown or exported."""

import csv
import io

from django.urls import reverse

from applications.services import answer_save, application_start
from calls.models import Question
from tests import factories
from tests.helpers import finish


def test_answer_to_a_hidden_question_is_neither_shown_nor_exported(office_client, coordinator):
    section = factories.SectionFactory()
    council = factories.QuestionFactory(
        section=section, key="ratsbeschluss", type=Question.Type.YES_NO, label_de="Beschluss?"
    )
    date = factories.QuestionFactory(
        section=section,
        key="beschluss_datum",
        type=Question.Type.DATE,
        label_de="Datum des Beschlusses",
        condition_key="ratsbeschluss",
        condition_value="yes",
    )
    application = application_start(
        call=section.version.call, municipality=coordinator.municipality, actor=coordinator
    )
    answer_save(application=application, question=council, raw="yes", actor=coordinator)
    answer_save(application=application, question=date, raw="2026-05-05", actor=coordinator)
    answer_save(application=application, question=council, raw="no", actor=coordinator)

    detail = office_client.get(reverse("office:application_detail", args=[application.pk]))
    assert "Datum des Beschlusses" not in detail.content.decode()

    export = office_client.get(reverse("office:applications_export_csv"))
    rows = list(csv.reader(io.StringIO(finish(export).decode("utf-8-sig")), delimiter=";"))
    column = rows[1].index("beschluss_datum")  # the second header row holds the keys
    assert rows[2][column] == ""
