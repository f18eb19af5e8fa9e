import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from calls import questionnaire as editor
from calls import services
from calls.models import Question, QuestionnaireVersion
from core.models import AuditEntry


def question_data(question: Question, **changes) -> dict:
    data = {name: getattr(question, name) for name in editor.QUESTION_FIELDS}
    data["section"] = question.section
    data.update(changes)
    return data


def snapshot(version: QuestionnaireVersion) -> list[tuple]:
    return list(
        version.questions.order_by("section__position", "position").values_list(
            "section__title_de", "position", "key", "label_de", "condition_key"
        )
    )


def freeze(version: QuestionnaireVersion) -> None:
    version.frozen_at = timezone.now()
    version.save(update_fields=["frozen_at"])


def test_version_for_editing_unfrozen_version_is_returned_as_is(questionnaire, call, office_user):
    version = services.version_for_editing(call=call, actor=office_user)

    assert version == questionnaire["version"]
    assert QuestionnaireVersion.objects.filter(call=call).count() == 1


def test_version_for_editing_frozen_version_is_copied_with_same_keys(
    questionnaire, call, office_user
):
    old = questionnaire["version"]
    freeze(old)

    new = services.version_for_editing(call=call, actor=office_user)

    assert new.number == 2
    assert new.frozen_at is None
    assert snapshot(new) == snapshot(old)
    assert list(new.sections.values_list("title_de", flat=True)) == ["Politik", "Ablauf"]
    assert AuditEntry.objects.filter(action="questionnaire.version_created").count() == 1


def test_version_for_editing_opened_call_counts_as_frozen(questionnaire, call, office_user):
    call.opens_at = timezone.now() - dt.timedelta(minutes=1)
    call.save()

    new = services.version_for_editing(call=call, actor=office_user)

    assert new.number == 2


def test_version_copied_after_opening_stays_editable_until_first_application(
    questionnaire, call, office_user
):
    call.opens_at = timezone.now() - dt.timedelta(minutes=1)
    call.save()
    copy = services.version_for_editing(call=call, actor=office_user)

    again = services.version_for_editing(call=call, actor=office_user)
    assert again.pk == copy.pk

    services.version_freeze(version=copy)
    assert services.version_for_editing(call=call, actor=office_user).number == 3


def test_question_update_on_frozen_version_creates_version_2_and_keeps_version_1(
    questionnaire, call, office_user
):
    old = questionnaire["version"]
    freeze(old)
    before = snapshot(old)
    work = questionnaire["questions"][1]

    saved = editor.question_update(
        question=work, actor=office_user, data=question_data(work, label_de="Neue Fassung")
    )

    assert saved.version.number == 2
    assert saved.pk != work.pk
    assert snapshot(old) == before
    assert set(saved.version.questions.values_list("key", flat=True)) == {
        "ratsbeschluss",
        "bisherige_arbeit",
        "ratsbeschluss_datum",
    }
    assert saved.version.questions.get(key="bisherige_arbeit").label_de == "Neue Fassung"


def test_question_update_on_unfrozen_version_edits_in_place(questionnaire, office_user):
    work = questionnaire["questions"][1]

    saved = editor.question_update(
        question=work, actor=office_user, data=question_data(work, label_de="Neue Fassung")
    )

    assert saved.pk == work.pk
    assert QuestionnaireVersion.objects.count() == 1
    work.refresh_from_db()
    assert work.label_de == "Neue Fassung"
    entry = AuditEntry.objects.get(action="questionnaire.question_updated")
    assert entry.changes == {"label_de": ["Was haben Sie bisher getan?", "Neue Fassung"]}


def test_section_move_on_frozen_version_moves_in_the_copy(questionnaire, call, office_user):
    old = questionnaire["version"]
    freeze(old)
    council, work, _date = questionnaire["questions"]

    editor.question_move(question=work, actor=office_user, direction="up")

    new = QuestionnaireVersion.objects.get(call=call, number=2)
    assert list(
        new.questions.order_by("section__position", "position").values_list("key", flat=True)
    ) == [
        "bisherige_arbeit",
        "ratsbeschluss",
        "ratsbeschluss_datum",
    ]
    assert list(
        old.questions.order_by("section__position", "position").values_list("key", flat=True)
    ) == [
        "ratsbeschluss",
        "bisherige_arbeit",
        "ratsbeschluss_datum",
    ]


def test_section_move_that_puts_a_condition_first_is_refused(questionnaire, office_user):
    _politik, ablauf = questionnaire["sections"]

    with pytest.raises(ValidationError) as exc:
        editor.section_move(section=ablauf, actor=office_user, direction="up")

    assert exc.value.messages == [
        "So stünde Frage „Wann wurde der Beschluss gefasst?“ vor der Frage, von der sie abhängt. "
        "Eine Bedingung muss sich immer auf eine frühere Frage beziehen."
    ]
    assert [s.title_de for s in questionnaire["version"].sections.order_by("position")] == [
        "Politik",
        "Ablauf",
    ]


def test_section_move_at_the_edge_changes_nothing(questionnaire, office_user):
    politik, _ablauf = questionnaire["sections"]

    editor.section_move(section=politik, actor=office_user, direction="up")

    assert [s.title_de for s in questionnaire["version"].sections.order_by("position")] == [
        "Politik",
        "Ablauf",
    ]
    assert AuditEntry.objects.filter(action="questionnaire.section_moved").count() == 0


def test_question_delete_refused_while_another_question_depends_on_it(questionnaire, office_user):
    council = questionnaire["questions"][0]

    with pytest.raises(ValidationError) as exc:
        editor.question_delete(question=council, actor=office_user)

    assert exc.value.messages == [
        "Die Frage kann nicht gelöscht werden: Frage „Wann wurde der Beschluss gefasst?“ hängt "
        "von ihr ab. Ändern Sie zuerst deren Bedingung."
    ]


def test_question_delete_on_frozen_version_deletes_only_in_the_copy(
    questionnaire, call, office_user
):
    freeze(questionnaire["version"])
    work = questionnaire["questions"][1]

    new = editor.question_delete(question=work, actor=office_user)

    assert new.number == 2
    assert not new.questions.filter(key="bisherige_arbeit").exists()
    assert Question.objects.filter(pk=work.pk).exists()


def test_question_update_renaming_a_key_carries_the_conditions(questionnaire, office_user):
    council = questionnaire["questions"][0]

    editor.question_update(
        question=council, actor=office_user, data=question_data(council, key="beschluss")
    )

    assert Question.objects.get(label_de="Wann wurde der Beschluss gefasst?").condition_key == (
        "beschluss"
    )


def test_question_update_removing_an_answer_a_condition_uses_is_refused(questionnaire, office_user):
    council = questionnaire["questions"][0]
    data = question_data(
        council,
        type=Question.Type.SINGLE_CHOICE,
        choices=[
            {"value": "ja", "label_de": "Ja", "label_en": "Yes"},
            {"value": "nein", "label_de": "Nein", "label_en": "No"},
        ],
    )

    with pytest.raises(ValidationError) as exc:
        editor.question_update(question=council, actor=office_user, data=data)

    assert exc.value.message_dict == {
        "choices": [
            "Frage „Wann wurde der Beschluss gefasst?“ hängt von der Antwort „yes“ dieser Frage ab."
        ]
    }


def test_edit_from_an_outdated_version_is_refused(questionnaire, call, office_user):
    old = questionnaire["version"]
    freeze(old)
    work = questionnaire["questions"][1]
    editor.question_update(
        question=work, actor=office_user, data=question_data(work, label_de="Erste Änderung")
    )

    with pytest.raises(ValidationError) as exc:
        editor.question_update(
            question=work, actor=office_user, data=question_data(work, label_de="Zweite")
        )

    assert exc.value.messages == [
        "Der Fragenkatalog wurde inzwischen geändert (jetzt Version 2). "
        "Bitte laden Sie die Seite neu."
    ]


def test_edit_after_someone_else_changed_the_question_is_refused(questionnaire, office_user):
    work = questionnaire["questions"][1]
    loaded = services.fingerprint(work, editor.QUESTION_FIELDS)
    Question.objects.filter(pk=work.pk).update(label_de="Von jemand anderem geändert")

    with pytest.raises(ValidationError) as exc:
        editor.question_update(
            question=work,
            actor=office_user,
            data=question_data(work, label_de="Meine Fassung"),
            expected_fingerprint=loaded,
        )

    assert exc.value.code == "changed"
    work.refresh_from_db()
    assert work.label_de == "Von jemand anderem geändert"


def test_version_freeze_sets_the_time_once(version):
    first = services.version_freeze(version=version).frozen_at

    assert services.version_freeze(version=version).frozen_at == first
