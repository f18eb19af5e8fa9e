"""The rules of field tests: planning only on the current frozen version, by the
municipality's own people, with valid dates; starting, recording the result, withdrawing;
evidence checked by its content."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from core.audit import ACTION_LABELS
from core.models import AuditEntry
from recommendations import field_tests, services
from recommendations.models import FieldTest, FieldTestEvidence, FieldTestState
from tests import factories
from tests.programme_helpers import berlin
from tests.recommendations.field_test_helpers import (
    cohort,
    frozen_version,
    pdf_upload,
    plan,
    record,
)
from tests.recommendations.helpers import office_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    version = frozen_version()
    call, (coordinator, other) = cohort()
    recommendation = version.recommendations.get(position=1)
    return call, coordinator, other, recommendation


def test_a_planned_test_is_recorded_with_its_plan_and_an_audit_entry(setting):
    call, coordinator, _other, recommendation = setting

    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)

    assert (test.state, test.result, test.municipality, test.created_by) == (
        FieldTestState.PLANNED,
        "",
        coordinator.municipality,
        coordinator,
    )
    entry = AuditEntry.objects.get(action="recommendations.field_test_plan")
    assert entry.changes["department"] == [None, "buergeramt"]
    assert "recommendations.field_test_plan" in ACTION_LABELS


def test_planning_twice_at_once_keeps_one_test(setting):
    call, coordinator, _other, recommendation = setting

    first = plan(call=call, coordinator=coordinator, recommendation=recommendation)
    second = plan(call=call, coordinator=coordinator, recommendation=recommendation)

    assert first == second
    assert FieldTest.objects.count() == 1


def test_a_draft_recommendation_cannot_be_tested(setting):
    call, coordinator, _other, recommendation = setting
    draft = services.version_draft_create(
        document=recommendation.version.document, actor=office_user()
    )

    with pytest.raises(ValidationError) as caught:
        plan(call=call, coordinator=coordinator, recommendation=draft.recommendations.first())

    assert "recommendation" in caught.value.message_dict


def test_only_the_latest_frozen_version_can_be_tested(setting):
    call, coordinator, _other, recommendation = setting
    office = office_user()
    draft = services.version_draft_create(document=recommendation.version.document, actor=office)
    services.version_freeze(version=draft, label="2.0", actor=office)

    with pytest.raises(ValidationError) as caught:
        plan(call=call, coordinator=coordinator, recommendation=recommendation)

    assert caught.value.message_dict["recommendation"] == [
        "Erproben lassen sich nur Empfehlungen der aktuellen eingefrorenen oder "
        "veröffentlichten Fassung."
    ]


def test_the_end_must_not_lie_before_the_start(setting):
    call, coordinator, _other, recommendation = setting

    with pytest.raises(ValidationError) as caught:
        plan(
            call=call,
            coordinator=coordinator,
            recommendation=recommendation,
            starts_on=dt.date(2027, 5, 1),
            ends_on=dt.date(2027, 4, 30),
        )

    assert caught.value.message_dict == {"ends_on": ["Das Ende darf nicht vor dem Beginn liegen."]}


def test_an_unknown_department_is_refused(setting):
    call, coordinator, _other, recommendation = setting

    with pytest.raises(ValidationError) as caught:
        plan(call=call, coordinator=coordinator, recommendation=recommendation, department="zoo")

    assert list(caught.value.message_dict) == ["department"]


def test_a_municipality_outside_the_cohort_plans_nothing(setting):
    call, _coordinator, _other, recommendation = setting
    outsider = factories.CoordinatorFactory()

    with pytest.raises(ValidationError):
        plan(call=call, coordinator=outsider, recommendation=recommendation)
    assert FieldTest.objects.count() == 0


def test_nobody_plans_for_another_municipality(setting):
    call, coordinator, other, recommendation = setting

    with pytest.raises(ValidationError):
        field_tests.field_test_plan(
            call=call,
            municipality=coordinator.municipality,
            recommendation=recommendation,
            department="buergeramt",
            plan_what="x",
            plan_where="y",
            plan_who="z",
            starts_on=dt.date(2027, 1, 1),
            ends_on=dt.date(2027, 2, 1),
            actor=other,
        )


def test_an_advisory_board_member_of_the_municipality_plans_nothing(setting):
    call, coordinator, _other, recommendation = setting
    member = factories.UserFactory(
        role=Role.ADVISORY,
        municipality=coordinator.municipality,
        municipality_approved_at=coordinator.municipality_approved_at,
    )

    with pytest.raises(ValidationError):
        plan(call=call, coordinator=member, recommendation=recommendation)


def test_the_team_plans_too(setting):
    call, coordinator, _other, recommendation = setting
    team_member = factories.UserFactory(
        role=Role.TEAM_MEMBER,
        municipality=coordinator.municipality,
        municipality_approved_at=coordinator.municipality_approved_at,
    )

    test = plan(call=call, coordinator=team_member, recommendation=recommendation)

    assert test.created_by == team_member


def test_the_plan_changes_until_the_test_is_done(setting):
    call, coordinator, _other, recommendation = setting
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)
    values = {
        "department": "jobcenter",
        "plan_what": "Neu",
        "plan_where": "Jobcenter",
        "plan_who": "Herr Schmidt",
        "starts_on": dt.date(2026, 3, 1),
        "ends_on": dt.date(2026, 6, 30),
    }

    field_tests.field_test_plan_update(field_test=test, actor=coordinator, **values)
    test.refresh_from_db()
    assert (test.department, test.ends_on) == ("jobcenter", dt.date(2026, 6, 30))

    record(field_test=test, actor=coordinator)
    with pytest.raises(ValidationError):
        field_tests.field_test_plan_update(field_test=test, actor=coordinator, **values)


def test_starting_twice_changes_the_state_once(setting):
    call, coordinator, _other, recommendation = setting
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)

    field_tests.field_test_start(field_test=test, actor=coordinator)
    field_tests.field_test_start(field_test=test, actor=coordinator)

    test.refresh_from_db()
    assert test.state == FieldTestState.RUNNING
    assert AuditEntry.objects.filter(action="recommendations.field_test_start").count() == 1


def test_recording_the_result_closes_the_test_and_a_correction_keeps_its_moment(setting):
    call, coordinator, _other, recommendation = setting
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)
    first = dt.datetime(2027, 5, 2, 10, tzinfo=dt.UTC)

    record(field_test=test, actor=coordinator, result="partly", observations="Gut.", now=first)
    record(
        field_test=test,
        actor=coordinator,
        result="implemented",
        observations="Gut.",
        now=first + dt.timedelta(days=30),
    )

    test.refresh_from_db()
    assert (test.state, test.result, test.result_recorded_at, test.result_recorded_by) == (
        FieldTestState.DONE,
        "implemented",
        first,
        coordinator,
    )


def test_a_result_is_required(setting):
    call, coordinator, _other, recommendation = setting
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)

    with pytest.raises(ValidationError) as caught:
        record(field_test=test, actor=coordinator, result="")

    assert caught.value.message_dict == {"result": ["Bitte wählen Sie ein Ergebnis aus."]}


def test_free_texts_are_logged_by_length_only(setting):
    call, coordinator, _other, recommendation = setting
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)

    record(field_test=test, actor=coordinator, obstacles="Frau M. war krank.")

    entry = AuditEntry.objects.get(action="recommendations.field_test_result_record")
    assert entry.changes["obstacles"] == [0, 18]


def test_a_planned_test_is_withdrawn_with_its_evidence(setting):
    call, coordinator, _other, recommendation = setting
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)
    field_tests.field_test_evidence_add(
        field_test=test, title="Entwurf", upload=pdf_upload(), actor=coordinator
    )

    field_tests.field_test_withdraw(field_test=test, actor=coordinator)

    assert (FieldTest.objects.count(), FieldTestEvidence.objects.count()) == (0, 0)


def test_a_running_test_cannot_be_withdrawn(setting):
    call, coordinator, _other, recommendation = setting
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)
    field_tests.field_test_start(field_test=test, actor=coordinator)

    with pytest.raises(ValidationError):
        field_tests.field_test_withdraw(field_test=test, actor=coordinator)
    assert FieldTest.objects.count() == 1


def test_evidence_is_a_pdf_by_its_content(setting):
    call, coordinator, _other, recommendation = setting
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)
    disguised = SimpleUploadedFile("bericht.pdf", b"<html>kein PDF</html>")

    with pytest.raises(ValidationError) as caught:
        field_tests.field_test_evidence_add(
            field_test=test, title="Bericht", upload=disguised, actor=coordinator
        )

    assert caught.value.message_dict == {
        "file": ["Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist kein PDF."]
    }
    assert FieldTestEvidence.objects.count() == 0


def test_the_same_evidence_sent_twice_is_stored_once_and_can_be_removed(setting):
    call, coordinator, _other, recommendation = setting
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)

    first = field_tests.field_test_evidence_add(
        field_test=test, title="Leitfaden", upload=pdf_upload(), actor=coordinator
    )
    second = field_tests.field_test_evidence_add(
        field_test=test, title="Leitfaden", upload=pdf_upload(), actor=coordinator
    )
    assert first == second

    field_tests.field_test_evidence_remove(evidence=first, actor=coordinator)
    assert FieldTestEvidence.objects.count() == 0


def test_another_municipality_cannot_touch_the_test(setting):
    call, coordinator, other, recommendation = setting
    test = plan(call=call, coordinator=coordinator, recommendation=recommendation)

    with pytest.raises(ValidationError):
        field_tests.field_test_start(field_test=test, actor=other)
    with pytest.raises(ValidationError):
        record(field_test=test, actor=other)
    with pytest.raises(ValidationError):
        field_tests.field_test_evidence_add(
            field_test=test, title="Fremd", upload=pdf_upload(), actor=other
        )
    test.refresh_from_db()
    assert test.state == FieldTestState.PLANNED


def test_a_result_waits_for_the_start_of_the_test(setting):
    """Otherwise a test planned for next year would count for this one."""
    call, coordinator, _other, recommendation = setting
    test = plan(
        call=call,
        coordinator=coordinator,
        recommendation=recommendation,
        starts_on=dt.date(2027, 9, 1),
        ends_on=dt.date(2027, 12, 1),
    )

    with pytest.raises(ValidationError) as refused:
        record(field_test=test, actor=coordinator, now=berlin(2026, 6, 1, 12))

    assert "erst ab dem Beginn" in refused.value.message_dict["result"][0]
    test.refresh_from_db()
    assert (test.state, test.result_recorded_at) == ("planned", None)
    record(field_test=test, actor=coordinator, now=berlin(2027, 9, 1, 9))
    test.refresh_from_db()
    assert test.state == "done"
