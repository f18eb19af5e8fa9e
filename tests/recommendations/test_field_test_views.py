"""The field test pages of a model municipality: planning with a recommendation chosen by
chapter and number, the result with evidence, and nothing of another municipality."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from recommendations import field_tests
from recommendations.models import FieldTest, FieldTestEvidence, FieldTestState
from tests import factories
from tests.helpers import finish, login_verified, minimal_pdf
from tests.recommendations.field_test_helpers import cohort, frozen_version, pdf_upload, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    version = frozen_version()
    call, (coordinator, other) = cohort()
    return call, coordinator, other, version


def plan_data(recommendation, **changes):
    return {
        "recommendation": recommendation.pk,
        "department": "jobcenter",
        "plan_what": "Rückrufe statt Wartenummern",
        "plan_where": "Jobcenter Nord",
        "plan_who": "Teamleitung",
        "starts_on": "2027-02-01",
        "ends_on": "2027-03-31",
        **changes,
    }


def test_the_plan_form_offers_the_recommendations_by_chapter_with_number(client, setting):
    _call, coordinator, _other, version = setting
    login_verified(client, coordinator)

    html = client.get(reverse("field_tests:plan")).content.decode()

    assert '<optgroup label="Handlungsempfehlungen – 1. Zugang zu Leistungen">' in html
    first = version.recommendations.get(position=1)
    assert f'<option value="{first.pk}">1.1 Empfehlung 1</option>' in html


def test_a_coordinator_plans_a_test_and_finds_it_in_the_list(client, setting):
    _call, coordinator, _other, version = setting
    recommendation = version.recommendations.get(position=2)
    login_verified(client, coordinator)

    response = client.post(reverse("field_tests:plan"), plan_data(recommendation))

    test = FieldTest.objects.get()
    assert response["Location"] == reverse("field_tests:detail", args=[test.pk])
    assert (test.recommendation, test.department) == (recommendation, "jobcenter")
    listing = client.get(reverse("field_tests:list")).content.decode()
    assert "1.2 Empfehlung 2" in listing


def test_an_empty_plan_shows_german_errors_at_the_fields(client, setting):
    _call, coordinator, _other, _version = setting
    login_verified(client, coordinator)

    response = client.post(reverse("field_tests:plan"), {})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "recommendation",
        "department",
        "plan_what",
        "plan_where",
        "plan_who",
        "starts_on",
        "ends_on",
    }


def test_an_end_before_the_start_is_shown_at_the_end(client, setting):
    _call, coordinator, _other, version = setting
    login_verified(client, coordinator)

    response = client.post(
        reverse("field_tests:plan"),
        plan_data(version.recommendations.first(), starts_on="2027-04-01", ends_on="2027-03-01"),
    )

    assert response.context["form"].errors == {
        "ends_on": ["Das Ende darf nicht vor dem Beginn liegen."]
    }
    assert FieldTest.objects.count() == 0


def test_the_result_is_recorded_with_an_evidence_pdf(client, setting):
    call, coordinator, _other, version = setting
    test = plan(call=call, coordinator=coordinator, recommendation=version.recommendations.first())
    login_verified(client, coordinator)

    client.post(reverse("field_tests:start", args=[test.pk]))
    response = client.post(
        reverse("field_tests:result", args=[test.pk]),
        {"result": "partly", "observations": "Weniger Rückfragen.", "proposal": "Kürzer."},
    )
    assert response.status_code == 302
    client.post(
        reverse("field_tests:evidence_add", args=[test.pk]),
        {"title": "Neuer Vordruck", "file": pdf_upload("vordruck.pdf")},
    )

    test.refresh_from_db()
    assert (test.state, test.result, test.proposal) == (FieldTestState.DONE, "partly", "Kürzer.")
    evidence = FieldTestEvidence.objects.get()
    download = client.get(reverse("field_tests:evidence_file", args=[test.pk, evidence.pk]))
    assert finish(download) == minimal_pdf()
    assert download["Content-Type"] == "application/pdf"


def test_a_file_that_is_no_pdf_is_refused_at_the_field(client, setting):
    call, coordinator, _other, version = setting
    test = plan(call=call, coordinator=coordinator, recommendation=version.recommendations.first())
    login_verified(client, coordinator)

    response = client.post(
        reverse("field_tests:evidence_add", args=[test.pk]),
        {"title": "Foto", "file": SimpleUploadedFile("foto.pdf", b"\x89PNG\r\n\x1a\n")},
    )

    assert response.status_code == 200
    assert response.context["evidence_form"].errors == {
        "file": ["Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist kein PDF."]
    }
    assert FieldTestEvidence.objects.count() == 0


def test_a_result_without_choice_is_refused_at_the_field(client, setting):
    call, coordinator, _other, version = setting
    test = plan(call=call, coordinator=coordinator, recommendation=version.recommendations.first())
    login_verified(client, coordinator)

    response = client.post(reverse("field_tests:result", args=[test.pk]), {})

    assert list(response.context["result_form"].errors) == ["result"]


def test_another_municipality_finds_none_of_the_pages_of_a_test(client, setting):
    call, coordinator, other, version = setting
    test = plan(call=call, coordinator=coordinator, recommendation=version.recommendations.first())
    evidence = field_tests.field_test_evidence_add(
        field_test=test, title="Intern", upload=pdf_upload(), actor=coordinator
    )
    login_verified(client, other)

    answers = [
        client.get(reverse("field_tests:detail", args=[test.pk])).status_code,
        client.get(reverse("field_tests:edit", args=[test.pk])).status_code,
        client.get(reverse("field_tests:evidence_file", args=[test.pk, evidence.pk])).status_code,
        client.post(
            reverse("field_tests:result", args=[test.pk]), {"result": "partly"}
        ).status_code,
        client.post(reverse("field_tests:start", args=[test.pk])).status_code,
        client.post(reverse("field_tests:withdraw", args=[test.pk])).status_code,
        client.post(
            reverse("field_tests:evidence_remove", args=[test.pk, evidence.pk])
        ).status_code,
    ]

    assert answers == [404] * 7
    test.refresh_from_db()
    assert (test.state, FieldTestEvidence.objects.count()) == (FieldTestState.PLANNED, 1)


def test_evidence_of_one_test_is_not_found_through_another(client, setting):
    call, coordinator, _other, version = setting
    first = plan(call=call, coordinator=coordinator, recommendation=version.recommendations.first())
    second = plan(
        call=call,
        coordinator=coordinator,
        recommendation=version.recommendations.last(),
        department="jobcenter",
    )
    evidence = field_tests.field_test_evidence_add(
        field_test=first, title="A", upload=pdf_upload(), actor=coordinator
    )
    login_verified(client, coordinator)

    response = client.get(reverse("field_tests:evidence_file", args=[second.pk, evidence.pk]))

    assert response.status_code == 404


def test_the_team_uses_the_pages_and_the_advisory_board_does_not(client, setting):
    _call, coordinator, _other, _version = setting
    approved = {
        "municipality": coordinator.municipality,
        "municipality_approved_at": dt.datetime.now(dt.UTC),
    }
    team = factories.UserFactory(role=Role.TEAM_MEMBER, **approved)
    board = factories.UserFactory(role=Role.ADVISORY, **approved)

    login_verified(client, team)
    assert client.get(reverse("field_tests:list")).status_code == 200
    login_verified(client, board)
    assert client.get(reverse("field_tests:list")).status_code == 403


def test_a_municipality_outside_any_cohort_gets_404(client, setting):
    login_verified(client, factories.CoordinatorFactory())

    assert client.get(reverse("field_tests:list")).status_code == 404


def test_withdrawing_a_planned_test_removes_it(client, setting):
    call, coordinator, _other, version = setting
    test = plan(call=call, coordinator=coordinator, recommendation=version.recommendations.first())
    login_verified(client, coordinator)

    response = client.post(reverse("field_tests:withdraw", args=[test.pk]))

    assert response["Location"] == reverse("field_tests:list")
    assert FieldTest.objects.count() == 0


def test_withdrawing_a_running_test_explains_why_not(client, setting):
    call, coordinator, _other, version = setting
    test = plan(call=call, coordinator=coordinator, recommendation=version.recommendations.first())
    login_verified(client, coordinator)
    client.post(reverse("field_tests:start", args=[test.pk]))

    response = client.post(reverse("field_tests:withdraw", args=[test.pk]))

    assert response.status_code == 200
    assert "Nur ein geplanter Praxistest lässt sich zurückziehen" in response.content.decode()
    assert FieldTest.objects.count() == 1


def _queries(client, url) -> int:
    client.get(url)  # session and caches warmed
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_the_tests(client, setting):
    call, coordinator, _other, version = setting
    recommendation = version.recommendations.first()
    login_verified(client, coordinator)
    url = reverse("field_tests:list")
    plan(call=call, coordinator=coordinator, recommendation=recommendation)
    one = _queries(client, url)

    for department in ("jobcenter", "jugendamt"):
        plan(
            call=call, coordinator=coordinator, recommendation=recommendation, department=department
        )

    assert _queries(client, url) == one


def test_detail_query_count_does_not_grow_with_the_evidence(client, setting):
    call, coordinator, _other, version = setting
    test = plan(call=call, coordinator=coordinator, recommendation=version.recommendations.first())
    login_verified(client, coordinator)
    url = reverse("field_tests:detail", args=[test.pk])
    add = field_tests.field_test_evidence_add
    add(field_test=test, title="Nachweis 1", upload=pdf_upload(), actor=coordinator)
    one = _queries(client, url)

    for n in (2, 3):
        add(field_test=test, title=f"Nachweis {n}", upload=pdf_upload(), actor=coordinator)

    assert _queries(client, url) == one
