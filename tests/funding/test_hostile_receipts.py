"""Receipts built to break the PDF reader or to run code are a field error, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from funding.models import Expense
from tests import factories
from tests.core.hostile_pdfs import ACTIVE_PDFS, deep_page_tree_pdf, mutated_pdfs
from tests.core.test_uploads import ACTIVE, NOT_PDF, TOO_COMPLEX
from tests.funding.helpers import category, funded_cohort
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

CREATE = reverse("funding:expense_create", kwargs={"funding_year": 2026})


@pytest.fixture
def coordinator_client(client):
    coordinator = factories.CoordinatorFactory()
    funded_cohort([coordinator.municipality])
    login_verified(client, coordinator)
    return client


def expense_post(data: bytes, *, payee: str = "Trainerin Beispiel") -> dict:
    return {
        "spent_on": "2026-03-15",
        "payee": payee,
        "purpose": "Honorar Grundlagenschulung",
        "category": category().pk,
        "measure": "other",
        "measure_note": "Auftaktveranstaltung",
        "amount": "1,00",
        "receipt": SimpleUploadedFile("beleg.pdf", data, content_type="application/pdf"),
        "action": "draft",
    }


def test_receipt_with_a_3000_level_page_tree_is_a_field_error(coordinator_client):
    response = coordinator_client.post(CREATE, expense_post(deep_page_tree_pdf(3000)))

    assert response.status_code == 200
    assert response.context["form"].errors == {"receipt": [TOO_COMPLEX]}
    assert not Expense.objects.exists()


def test_receipt_with_javascript_is_refused(coordinator_client):
    data = ACTIVE_PDFS["open_action_javascript"]()

    response = coordinator_client.post(CREATE, expense_post(data))

    assert response.status_code == 200
    assert response.context["form"].errors == {"receipt": [ACTIVE]}
    assert not Expense.objects.exists()


def test_receipt_mutated_pdfs_are_stored_or_a_field_error(coordinator_client):
    outcomes = []
    for number, data in enumerate(mutated_pdfs(seed=2026, count=250)):
        response = coordinator_client.post(CREATE, expense_post(data, payee=f"Firma {number}"))
        if response.status_code == 302:
            outcomes.append("stored")
        else:
            errors = response.context["form"].errors
            assert (response.status_code, list(errors)) == (200, ["receipt"])
            assert errors["receipt"][0] in {NOT_PDF, TOO_COMPLEX, ACTIVE}
            outcomes.append("refused")

    assert Expense.objects.count() == outcomes.count("stored")
    assert set(outcomes) == {"stored", "refused"}
