"""Money of municipality A for the role × URL test: a grant per year, a plan line, a
draft, a submitted and an approved expense, a payment request and a narrative report.

The URL kwargs are shared by the municipal, office and report pages. The municipal
overview, year pages and new-entry forms take a year, not an object, and show the
visitor's own municipality; the pages that take A's plan line or expense
(``funding.rules.MUNICIPAL_KWARGS``) answer B's coordinator 404."""

import datetime as dt
from decimal import Decimal

from funding import expense_services, services
from funding.models import NarrativeReport, ReportKind, ReportStatus
from tests.funding import permission_world_office, permission_world_reports
from tests.funding.helpers import category, draft, grant_of


def extend(world: dict) -> None:
    call = world["call"]
    coordinator = world["users"]["coordinator"]
    office = world["users"]["office"]
    municipality = coordinator.municipality
    services.funding_ensure(call=call)
    grant = grant_of(call, municipality, 2026)
    line = services.plan_line_save(
        grant=grant,
        category=category(),
        measure="Grundlagenschulungen",
        amount=Decimal("4000.00"),
        actor=coordinator,
    )
    expense = draft(grant, "250.00", actor=coordinator)
    approved = expense_services.expense_approve(
        expense=expense_services.expense_submit(
            expense=draft(grant, "800.00", actor=coordinator), actor=coordinator
        ),
        actor=office,
    )
    payment = services.payment_request_create(
        grant=grant, amount=Decimal("800.00"), note="", actor=coordinator
    )
    # Submitted: the office sees a report once the municipality has handed it in.
    report = NarrativeReport.objects.create(
        call=call,
        municipality=municipality,
        kind=ReportKind.INTERIM,
        year=2026,
        status=ReportStatus.SUBMITTED,
    )
    world["funding"] = {
        "grant": grant,
        "line": line,
        "draft": expense,
        "approved": approved,
        "payment": payment,
        "report": report,
        "day": dt.date(2026, 3, 15),
    }
    world["kwargs"].update(
        {
            "funding_call_pk": call.pk,
            "funding_year": 2026,
            "funding_grant_pk": grant.pk,
            "funding_line_pk": line.pk,
            "funding_expense_pk": expense.pk,
            "funding_approved_pk": approved.pk,
            "funding_payment_pk": payment.pk,
            "funding_report_pk": report.pk,
            "funding_category_pk": category().pk,
            "funding_year_pk": grant.funding_year_id,
        }
    )
    permission_world_office.extend(world)
    permission_world_reports.extend(world)
