"""A funded cohort for the funding tests: model municipalities with grants per
calendar year, and short ways to record expenses."""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from funding import expense_services, services
from funding.models import CostCategory, Expense, Grant
from tests import factories
from tests.helpers import minimal_pdf
from tests.programme_helpers import model_cohort

# Calendar years 2025-2028: the programme runs from 1 Nov 2025 to the end of 2028.
PERIODS = [
    (dt.date(2025, 11, 1), dt.date(2026, 12, 31)),
    (dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
    (dt.date(2028, 1, 1), dt.date(2028, 12, 31)),
]


def funded_cohort(municipalities=None, *, count=1):
    """``municipalities`` (or ``count`` new ones) as a funded cohort. Returns the call."""
    municipalities = municipalities or [factories.MunicipalityFactory() for _ in range(count)]
    call = model_cohort(municipalities, periods=PERIODS)
    services.funding_ensure(call=call)
    return call


def grant_of(call, municipality, year: int) -> Grant:
    return Grant.objects.select_related("funding_year").get(
        funding_year__call=call, funding_year__year=year, municipality=municipality
    )


def category(name="Honorare für Trainer*innen") -> CostCategory:
    return CostCategory.objects.get(name=name)


def receipt(name="beleg.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf(), content_type="application/pdf")


def draft(grant, amount, *, spent_on=None, actor=None, payee="Trainerin Beispiel", **kwargs):
    return expense_services.expense_save(
        grant=grant,
        actor=actor,
        spent_on=spent_on or dt.date(grant.funding_year.year, 3, 15),
        payee=payee,
        purpose=kwargs.pop("purpose", "Honorar Grundlagenschulung"),
        category=kwargs.pop("category", None) or category(),
        amount=Decimal(amount),
        upload=kwargs.pop("upload", None) or receipt(),
        **kwargs,
    )


def submitted(grant, amount, **kwargs) -> Expense:
    return expense_services.expense_submit(expense=draft(grant, amount, **kwargs), actor=None)


def approved(grant, amount, *, office=None, **kwargs) -> Expense:
    return expense_services.expense_approve(
        expense=submitted(grant, amount, **kwargs), actor=office
    )
