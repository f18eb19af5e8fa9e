"""The financial statements on screen, the narrative report's workflow and its facts."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from advisory.models import Assessment, Board, Meeting
from core.models import AuditEntry
from funding import expense_services, narrative, services, statements
from funding.models import NarrativeReport, ReportKind, ReportStatus
from funding.money import euro
from network.models import Workshop
from programme.models import ProgrammeYear
from tests import factories
from tests.funding.helpers import approved, category, draft, funded_cohort, grant_of, submitted
from tests.helpers import login_verified
from tests.programme_helpers import berlin, session

pytestmark = pytest.mark.django_db

# Amounts whose float sum is not exact: 0.1 + 0.2 and friends.
CENT_AMOUNTS = ["0.10", "0.20", "12.34", "99.99", "0.01", "1234.56", "7.77", "0.03", "45.05"]


@pytest.fixture
def call(municipality, other_municipality):
    return funded_cohort([municipality, other_municipality])


@pytest.fixture
def grant(call, municipality):
    return grant_of(call, municipality, 2026)


@pytest.fixture
def coordinator_client(client, coordinator):
    login_verified(client, coordinator)
    return client


def _cell(html: str, marker: str) -> str:
    match = re.search(rf"{marker}>([^<]*)<", html)
    assert match, marker
    return match.group(1)


# --- statements -------------------------------------------------------------------------


def test_statement_page_total_equals_sum_of_approved_expenses(coordinator_client, grant):
    for amount in CENT_AMOUNTS:
        approved(grant, amount)
    submitted(grant, "500.00")
    expected = sum(Decimal(a) for a in CENT_AMOUNTS)

    html = coordinator_client.get("/foerderung/berichte/2026/").content.decode()

    assert expected == Decimal("1400.05")
    assert _cell(html, "data-total-spent") == euro(expected)
    assert _cell(html, "data-total-receipts") == euro(expected)


def test_statement_correction_reduces_its_category(grant, office_user):
    original = approved(grant, "300.00")
    other = category("Räume und Verpflegung")
    approved(grant, "80.00", category=other)
    correction = expense_services.expense_correct(
        original=original,
        amount=Decimal("-45.50"),
        spent_on=dt.date(2026, 4, 1),
        purpose="Gutschrift",
        actor=None,
    )
    expense_services.expense_approve(
        expense=expense_services.expense_submit(expense=correction, actor=None), actor=office_user
    )

    data = statements.grant_statement(grant=grant)

    spent = {line.category.name: line.spent for line in data.statement.lines}
    assert spent["Honorare für Trainer*innen"] == Decimal("254.50")
    assert spent["Räume und Verpflegung"] == Decimal("80.00")
    assert [(r.number, r.correction_note) for r in data.receipts] == [
        (1, ""),
        (2, ""),
        (3, "Korrektur zu Nr. 1"),
    ]


def test_statement_lists_only_approved_expenses_in_date_order(grant):
    approved(grant, "20.00", spent_on=dt.date(2026, 6, 1), payee="Später")
    approved(grant, "10.00", spent_on=dt.date(2026, 2, 1), payee="Früher")
    draft(grant, "30.00", payee="Entwurf")

    data = statements.grant_statement(grant=grant)

    assert [r.expense.payee for r in data.receipts] == ["Früher", "Später"]


def test_statement_of_another_municipality_is_never_shown(client, call, grant, other_municipality):
    approved(grant, "123.45", payee="Nur bei A")
    other = factories.CoordinatorFactory(municipality=other_municipality)
    login_verified(client, other)

    html = client.get("/foerderung/berichte/2026/").content.decode()

    assert "Nur bei A" not in html
    assert _cell(html, "data-total-spent") == "0,00 €"


def test_statement_of_a_municipality_outside_the_programme_answers_404(client, call):
    login_verified(client, factories.CoordinatorFactory())

    assert client.get("/foerderung/berichte/2026/").status_code == 404


def test_statement_of_a_year_without_grant_answers_404(coordinator_client, call):
    assert coordinator_client.get("/foerderung/berichte/2031/").status_code == 404


def test_statement_office_grant_page_shows_the_municipality(office_client, grant):
    approved(grant, "10.10")

    response = office_client.get(f"/geschaeftsstelle/foerderung/berichte/zuwendung/{grant.pk}/")

    assert _cell(response.content.decode(), "data-total-spent") == "10,10 €"


def test_statement_hr_role_may_not_read_money(client, call, municipality):
    from django.utils import timezone

    hr = factories.UserFactory(
        role=Role.HR, municipality=municipality, municipality_approved_at=timezone.now()
    )
    login_verified(client, hr)

    assert client.get("/foerderung/berichte/2026/").status_code == 403


def test_cohort_statement_totals_equal_the_sum_over_municipalities(
    office_client, call, municipality, other_municipality
):
    for amount in CENT_AMOUNTS:
        approved(grant_of(call, municipality, 2026), amount)
    approved(grant_of(call, other_municipality, 2026), "0.07")
    approved(grant_of(call, other_municipality, 2025), "999.00", spent_on=dt.date(2025, 12, 1))

    html = office_client.get(
        f"/geschaeftsstelle/foerderung/berichte/{call.pk}/2026/"
    ).content.decode()

    assert _cell(html, "data-total-approved") == euro(Decimal("1400.12"))
    assert _cell(html, "data-total-spent") == euro(Decimal("1400.12"))
    assert _cell(html, "data-total-receipts") == euro(Decimal("1400.12"))


def _cohort_queries(client, size: int) -> int:
    municipalities = [factories.MunicipalityFactory() for _ in range(size)]
    call = funded_cohort(municipalities)
    for municipality in municipalities[:2]:
        approved(grant_of(call, municipality, 2026), "10.01")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/geschaeftsstelle/foerderung/berichte/{call.pk}/2026/")
    assert response.status_code == 200
    return len(queries)


def test_cohort_statement_queries_do_not_grow_with_the_cohort(office_client):
    assert _cohort_queries(office_client, 2) == _cohort_queries(office_client, 30)


def test_cohort_statement_of_an_unknown_year_answers_404(office_client, call):
    url = f"/geschaeftsstelle/foerderung/berichte/{call.pk}/2040/"

    assert office_client.get(url).status_code == 404


# --- the narrative report: workflow ------------------------------------------------------


@pytest.fixture
def report(call, municipality):
    return narrative.report_for(
        call=call, municipality=municipality, kind=ReportKind.INTERIM, year=2026
    )


def _write(report, actor=None, **texts):
    return narrative.report_save(
        report=report,
        measures_text=texts.get("measures_text", "Drei Schulungen"),
        results_text=texts.get("results_text", "Neue Leitlinie"),
        outlook_text=texts.get("outlook_text", ""),
        actor=actor,
    )


def test_report_for_returns_the_same_report_twice(call, municipality, report):
    again = narrative.report_for(
        call=call, municipality=municipality, kind=ReportKind.INTERIM, year=2026
    )

    assert again.pk == report.pk


def test_report_submit_needs_the_first_two_texts(report):
    _write(report, results_text="")

    with pytest.raises(ValidationError) as error:
        narrative.report_submit(report=report, actor=None)

    assert list(error.value.error_dict) == ["results_text"]


def test_report_save_and_submit_keeps_the_texts_and_hands_the_report_in(report):
    narrative.report_save_and_submit(
        report=report,
        measures_text="Drei Schulungen",
        results_text="Neue Leitlinie",
        outlook_text="",
        actor=None,
    )

    report.refresh_from_db()
    assert (report.status, report.measures_text) == (ReportStatus.SUBMITTED, "Drei Schulungen")


def test_report_save_and_submit_refused_keeps_the_texts_as_draft(report):
    _write(report, measures_text="Alt", results_text="")

    with pytest.raises(ValidationError) as error:
        narrative.report_save_and_submit(
            report=report, measures_text="Neu", results_text="", outlook_text="", actor=None
        )

    report.refresh_from_db()
    assert list(error.value.error_dict) == ["results_text"]
    assert (report.status, report.measures_text) == (ReportStatus.DRAFT, "Neu")


def test_report_save_is_refused_after_submit(report, coordinator):
    narrative.report_submit(report=_write(report), actor=coordinator)

    with pytest.raises(ValidationError) as error:
        _write(report, measures_text="geändert")

    assert error.value.messages == [
        "Der Sachbericht ist eingereicht und kann nicht mehr geändert werden."
    ]
    report.refresh_from_db()
    assert report.measures_text == "Drei Schulungen"


def test_report_submit_twice_is_refused(report):
    narrative.report_submit(report=_write(report), actor=None)

    with pytest.raises(ValidationError, match="Der Sachbericht ist bereits eingereicht"):
        narrative.report_submit(report=report, actor=None)


def test_report_approve_records_the_decision(report, office_user):
    narrative.report_submit(report=_write(report), actor=None)

    narrative.report_approve(report=report, actor=office_user)

    report.refresh_from_db()
    assert (report.status, report.decided_by) == (ReportStatus.APPROVED, office_user)
    assert list(
        AuditEntry.objects.filter(object_type="funding.narrativereport", object_id=str(report.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["funding.report_save", "funding.report_submit", "funding.report_approve"]


def test_report_return_needs_a_reason(report, office_user):
    narrative.report_submit(report=_write(report), actor=None)

    with pytest.raises(ValidationError) as error:
        narrative.report_return(report=report, reason="  ", actor=office_user)

    assert error.value.message_dict == {"reason": ["Bitte geben Sie an, was zu ändern ist."]}


def test_report_returned_may_be_edited_and_submitted_again(report, office_user):
    narrative.report_submit(report=_write(report), actor=None)
    narrative.report_return(report=report, reason="Bitte Zahlen nennen", actor=office_user)

    narrative.report_submit(report=_write(report, results_text="42 Beschäftigte"), actor=None)

    report.refresh_from_db()
    assert (report.status, report.results_text) == (ReportStatus.SUBMITTED, "42 Beschäftigte")


def test_report_approve_of_a_draft_is_refused(report, office_user):
    with pytest.raises(
        ValidationError, match="Nur ein eingereichter Sachbericht kann angenommen werden"
    ):
        narrative.report_approve(report=report, actor=office_user)


def test_narrative_page_submits_the_coordinators_texts(coordinator_client, call, municipality):
    response = coordinator_client.post(
        "/foerderung/berichte/sachbericht/2026/",
        {"measures_text": "Schulungen", "results_text": "Leitlinie", "submit": "1"},
    )

    report = NarrativeReport.objects.get(municipality=municipality, year=2026)
    assert response.status_code == 302
    assert (report.status, report.measures_text) == (ReportStatus.SUBMITTED, "Schulungen")


def test_narrative_page_refused_submit_shows_the_missing_text(coordinator_client, report):
    response = coordinator_client.post(
        "/foerderung/berichte/sachbericht/2026/",
        {"measures_text": "Schulungen", "results_text": "", "submit": "1"},
    )

    report.refresh_from_db()
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["results_text"]
    assert (report.status, report.measures_text) == (ReportStatus.DRAFT, "Schulungen")


def test_narrative_page_refuses_editing_after_submit(coordinator_client, report):
    narrative.report_submit(report=_write(report), actor=None)

    response = coordinator_client.post(
        "/foerderung/berichte/sachbericht/2026/",
        {"measures_text": "geändert", "results_text": "geändert", "save": "1"},
    )

    report.refresh_from_db()
    assert response.status_code == 200
    assert "kann nicht mehr geändert werden" in response.content.decode()
    assert report.measures_text == "Drei Schulungen"


def test_narrative_page_refuses_a_team_members_post(client, call, municipality):
    from django.utils import timezone

    member = factories.UserFactory(
        role=Role.TEAM_MEMBER, municipality=municipality, municipality_approved_at=timezone.now()
    )
    login_verified(client, member)

    response = client.post(
        "/foerderung/berichte/sachbericht/2026/", {"measures_text": "x", "results_text": "y"}
    )

    assert response.status_code == 403


def test_narrative_final_report_has_no_year(coordinator_client, municipality, call):
    response = coordinator_client.post(
        "/foerderung/berichte/sachbericht/abschluss/",
        {"measures_text": "", "results_text": "", "outlook_text": ""},
    )

    report = NarrativeReport.objects.get(municipality=municipality, call=call)
    assert response.status_code == 302
    assert (report.kind, report.year) == (ReportKind.FINAL, None)


def test_narrative_office_return_shows_the_reason_to_the_municipality(
    office_client, client, report, coordinator
):
    narrative.report_submit(report=_write(report), actor=None)

    office_client.post(
        f"/geschaeftsstelle/foerderung/berichte/sachbericht/{report.pk}/zurueckgeben/",
        {"reason": "Bitte Teilnehmende nennen"},
    )
    office_client.logout()
    login_verified(client, coordinator)
    html = client.get("/foerderung/berichte/sachbericht/2026/").content.decode()

    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert "Bitte Teilnehmende nennen" in html


def test_narrative_office_list_shows_each_reports_status(office_client, call, report):
    narrative.report_submit(report=_write(report), actor=None)

    html = office_client.get(
        f"/geschaeftsstelle/foerderung/berichte/{call.pk}/sachberichte/"
    ).content.decode()

    assert f"/geschaeftsstelle/foerderung/berichte/sachbericht/{report.pk}/" in html
    assert "eingereicht" in html


# --- the narrative report: facts ---------------------------------------------------------


def _board(call, municipality):
    return Board.objects.create(call=call, municipality=municipality, name="Beirat")


def test_facts_count_held_sessions_of_the_calendar_year_in_berlin(call, municipality):
    session(call, municipality, berlin(2026, 1, 1, 0, 30), participants=10)
    session(call, municipality, berlin(2026, 12, 31, 23, 30), participants=5)
    session(call, municipality, berlin(2027, 1, 1, 0, 30), participants=7)
    session(call, municipality, berlin(2026, 5, 1, 9, 0), status="planned")

    facts = narrative.report_facts(call=call, municipality_id=municipality.pk, year=2026)

    assert (facts.sessions, facts.participants) == (2, 15)


def test_facts_exclude_other_municipalities(call, municipality, other_municipality, grant):
    session(call, other_municipality, berlin(2026, 3, 1, 9, 0), participants=99)
    Workshop.objects.create(
        call=call,
        municipality=other_municipality,
        title="Andernorts",
        format="empowerment",
        starts_at=berlin(2026, 3, 1, 9, 0),
        status="held",
    )
    Meeting.objects.create(
        board=_board(call, other_municipality), starts_at=berlin(2026, 3, 1, 9, 0), status="held"
    )
    approved(grant_of(call, other_municipality, 2026), "500.00")

    facts = narrative.report_facts(call=call, municipality_id=municipality.pk, year=2026)

    assert (facts.sessions, facts.participants, facts.workshops, facts.meetings) == (0, 0, 0, 0)
    assert facts.approved == Decimal("0.00")


def test_facts_count_held_workshops_and_meetings(call, municipality):
    for status in ("held", "planned"):
        Workshop.objects.create(
            call=call,
            municipality=municipality,
            title="Empowerment",
            format="empowerment",
            starts_at=berlin(2026, 3, 1, 9, 0),
            status=status,
        )
    board = _board(call, municipality)
    Meeting.objects.create(board=board, starts_at=berlin(2026, 3, 1, 9, 0), status="held")
    Meeting.objects.create(board=board, starts_at=berlin(2025, 12, 1, 9, 0), status="held")

    facts = narrative.report_facts(call=call, municipality_id=municipality.pk, year=2026)

    assert (facts.workshops, facts.meetings) == (1, 1)


def test_facts_include_only_submitted_assessments_of_overlapping_years(call, municipality):
    from django.utils import timezone

    board = _board(call, municipality)
    years = list(ProgrammeYear.objects.filter(call=call).order_by("number"))
    Assessment.objects.create(board=board, year=years[0], text="Gut", submitted_at=timezone.now())
    Assessment.objects.create(board=board, year=years[1], text="Entwurf")

    facts_2026 = narrative.report_facts(call=call, municipality_id=municipality.pk, year=2026)
    facts_2027 = narrative.report_facts(call=call, municipality_id=municipality.pk, year=2027)

    assert [a.text for a in facts_2026.assessments] == ["Gut"]
    assert facts_2027.assessments == []


def test_facts_count_commitments_met_per_overlapping_programme_year(call, municipality):
    session(call, municipality, berlin(2026, 2, 1, 9, 0))
    session(call, municipality, berlin(2026, 3, 1, 9, 0))

    facts = narrative.report_facts(call=call, municipality_id=municipality.pk, year=2026)

    assert [(c.number, c.met) for c in facts.commitments] == [(1, 1)]


def test_facts_money_of_the_year(call, municipality, grant):
    approved(grant, "100.10")
    services.payment_request_create(grant=grant, amount=Decimal("50.05"), note="", actor=None)

    facts = narrative.report_facts(call=call, municipality_id=municipality.pk, year=2026)

    assert (facts.grant_amount, facts.approved, facts.requested) == (
        Decimal("10000.00"),
        Decimal("100.10"),
        Decimal("50.05"),
    )


def _facts_queries(call, municipality, *, sessions: int) -> int:
    for day in range(1, sessions + 1):
        session(call, municipality, berlin(2026, 3, day, 9, 0))
    with CaptureQueriesContext(connection) as queries:
        narrative.report_facts(call=call, municipality_id=municipality.pk, year=2026)
    return len(queries)


def test_facts_cost_the_same_queries_however_much_was_recorded(
    call, municipality, other_municipality
):
    few = _facts_queries(call, municipality, sessions=1)
    many = _facts_queries(call, other_municipality, sessions=20)

    assert few == many


def _statement_queries(client, grant, receipts: int) -> int:
    for _ in range(receipts):
        approved(grant, "1.01")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/foerderung/berichte/2026/")
    assert response.status_code == 200
    return len(queries)


def test_statement_page_queries_do_not_grow_with_the_receipts(coordinator_client, grant):
    few = _statement_queries(coordinator_client, grant, 1)

    assert _statement_queries(coordinator_client, grant, 15) == few


def _report_list_queries(client, size: int) -> int:
    municipalities = [factories.MunicipalityFactory() for _ in range(size)]
    call = funded_cohort(municipalities)
    for municipality in municipalities:
        narrative.report_for(call=call, municipality=municipality, kind=ReportKind.FINAL, year=None)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/geschaeftsstelle/foerderung/berichte/{call.pk}/sachberichte/")
    assert response.status_code == 200
    return len(queries)


def test_narrative_office_list_queries_do_not_grow_with_the_cohort(office_client):
    assert _report_list_queries(office_client, 2) == _report_list_queries(office_client, 30)


def test_looking_at_a_narrative_report_writes_nothing(client):
    from funding.models import NarrativeReport
    from tests.funding.helpers import funded_cohort

    coordinator = factories.CoordinatorFactory()
    funded_cohort([coordinator.municipality])
    client.force_login(coordinator)
    response = client.get("/foerderung/berichte/sachbericht/2026/")
    assert response.status_code == 200
    assert NarrativeReport.objects.count() == 0
